package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.model.DatasetSpec;
import io.github.tauml.pipeline.model.InputSpec;
import io.github.tauml.pipeline.model.TrainRequest;
import io.github.tauml.pipeline.model.TrainStageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    static final DatasetSpec SPEC = new DatasetSpec(DatasetSpec.CLASSIFICATION,
            List.of(new InputSpec("input_tau", new int[]{35})), 0, null);

    static TrainDeclaration declaration(Path base, String mode, Path yaml, Integer epochs, Double k2,
                                        int keepCheckpoints) {
        return new TrainDeclaration(base, mode, "small", yaml, base.resolve("cls"), base.resolve("adv"),
                base.resolve("model/default"), null, null, null, "adversarial", epochs, null, null, null, null, null,
                null, null, 0, null, k2, null, null, false, 1, 500, keepCheckpoints, 0, 0, 30);
    }

    @Test
    void thePomWinsOverTheYamlAndTheYamlOverTheReferenceDefaults(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("training.yaml");
        Files.writeString(yaml, """
                Setup:
                  n_tau: 200
                  adv_parameter: [1, 5]
                  adv_learning_rate: 0.02
                SetupNN:
                  n_epochs: 4
                  n_batches: 300
                  learning_rate: 0.0005
                """);
        TrainStageRequest r = TrainConfig.request(declaration(dir, "adversarial", yaml, 2, null, 3), (d, e) -> SPEC);
        TrainRequest t = r.training();
        assertThat(t.mode()).isEqualTo(TrainRequest.Mode.ADVERSARIAL);
        assertThat(t.epochs()).as("pom").isEqualTo(2);
        assertThat(t.batchesPerEpoch()).as("yaml").isEqualTo(300);
        assertThat(t.validationBatches()).as("default").isEqualTo(100);
        assertThat(t.optimizer().learningRate()).as("yaml").isEqualTo(0.0005);
        assertThat(t.advOptimizer().learningRate()).as("yaml").isEqualTo(0.02);
        assertThat(t.k2()).as("yaml").isEqualTo(5);
        assertThat(r.nTau()).as("yaml").isEqualTo(200);
        assertThat(t.keepCheckpoints()).isEqualTo(3);
        assertThat(t.startingModel()).isEqualTo(dir.resolve("model/default"));
        assertThat(t.workDirectory()).isEqualTo(dir.resolve("target/adversarial/train/adversarial"));
        assertThat(r.modelDirectory()).isEqualTo(dir.resolve("target/adversarial/model/adversarial"));
        assertThat(r.adversarialDataset()).isEqualTo(dir.resolve("adv"));

        TrainStageRequest d = TrainConfig.request(declaration(dir, "default", null, null, 3.0, 0), (x, e) -> SPEC);
        assertThat(d.training().epochs()).as("reference default").isEqualTo(1);
        assertThat(d.training().startingModel()).as("default mode starts from nothing").isNull();
        assertThat(d.adversarialDataset()).isNull();
        assertThat(d.nTau()).isEqualTo(250);
    }

    @Test
    void everyProblemIsNamedTogetherWithAMissingDataset(@TempDir Path dir) {
        assertThatThrownBy(() -> TrainConfig.request(declaration(dir, "adversarial", null, 0, -1.0, -1),
                (d, e) -> {
                    throw new ConfigException(e, d + " holds no complete dataset (no spec.json)", "run dataset");
                }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4 problems")
                .hasMessageContaining(TrainConfig.CLASSIFICATION_DATASET)
                .hasMessageContaining("<epochs>: must be positive, got 0")
                .hasMessageContaining("<keepCheckpoints>: must not be negative, got -1")
                .hasMessageContaining("a negative k2 would help the adversary");
        assertThatThrownBy(() -> TrainConfig.request(declaration(dir, "adversary", null, 1, null, 0), (d, e) -> SPEC))
                .hasMessageContaining("<mode>").hasMessageContaining("unknown mode 'adversary'");
    }
}
