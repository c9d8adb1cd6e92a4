package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainStageTest {
    static final List<InputSpec> INPUTS = SyntheticData.inputs();

    /** Writes a spec.json of the dataset contract (no shards: the test factory serves synthetic batches). */
    static Path dataset(Path dir, String kind, int batchSize) throws Exception {
        Files.createDirectories(dir);
        List<io.github.tauml.pipeline.tfdata.DatasetSpec.Input> inputs = new ArrayList<>();
        for (InputSpec s : INPUTS) {
            List<Integer> shape = java.util.Arrays.stream(s.shape()).boxed().toList();
            List<String> features = java.util.stream.IntStream.range(0, shape.get(shape.size() - 1))
                    .mapToObj(i -> "f" + i).toList();
            inputs.add(new io.github.tauml.pipeline.tfdata.DatasetSpec.Input(s.name(), s.name().replace("input_", ""),
                    shape, io.github.tauml.pipeline.tfdata.DatasetSpec.Input.DENSE, features));
        }
        Files.writeString(dir.resolve("scaling.json"), "{\"TauFlat\": {}}");
        Files.write(dir.resolve(io.github.tauml.pipeline.tfdata.DatasetSpec.FILE),
                new io.github.tauml.pipeline.tfdata.DatasetSpec(io.github.tauml.pipeline.tfdata.DatasetSpec.FORMAT,
                        io.github.tauml.pipeline.tfdata.DatasetSpec.VERSION, kind, "NONE", inputs, List.of(),
                        Map.of(), batchSize > 0 ? batchSize : null, "scaling.json", 0, List.of()).toJson());
        return dir;
    }

    static TrainRequest training(TrainRequest.Mode mode, Path work, Path start) {
        return new TrainRequest(mode, SyntheticData.tiny(), INPUTS, new OptimizerSettings("Nadam", 0.01, 1e-4),
                OptimizerSettings.adversary(0.01), Losses.TAU_LOSSES_SFS, 1, 10, true, 1, 15, 2, 0, 0, 3, start,
                true, work, 10, 2, 1, 1, Duration.ofSeconds(10));
    }

    @Test
    void defaultThenAdversarialFromDatasetDirectoriesPublishesModelsAndRunRecords(@TempDir Path dir)
            throws Exception {
        Path cls = dataset(dir.resolve("dataset/classification"), "classification", 0);
        Path adv = dataset(dir.resolve("dataset/adversarial"), "adversarial", 10);
        BatchSourceFactory factory = (dataset, split, batchSize, shuffle, seed) -> dataset.equals(cls)
                ? new InMemoryBatchSource(INPUTS, SyntheticData.classification(5, batchSize, split.equals("train")
                ? 1 : 2))
                : new InMemoryBatchSource(INPUTS, SyntheticData.adversarial(5, batchSize, 1f,
                split.equals("train") ? 3 : 4));
        List<String> log = new ArrayList<>();
        TrainStage.Result d = TrainStage.run(new TrainStageRequest(training(TrainRequest.Mode.DEFAULT,
                dir.resolve("work/default"), null), 25, cls, null, dir.resolve("model/default"), dir.resolve("mlruns"),
                "adversarial", "default", dir), factory, log::add);
        assertThat(d.modelDirectory().resolve("saved_model/saved_model.pb")).exists();
        assertThat(d.modelDirectory().resolve("scaling.json")).hasContent("{\"TauFlat\": {}}");
        assertThat(d.runDirectory().resolve("metrics/step_loss")).exists();
        assertThat(d.runDirectory().resolve("params/n_batches")).hasContent("15");
        assertThat(d.runDirectory().resolve("artifacts/model/frozen_graph.pb")).exists();

        TrainStage.Result a = TrainStage.run(new TrainStageRequest(training(TrainRequest.Mode.ADVERSARIAL,
                dir.resolve("work/adversarial"), d.modelDirectory()), 25, cls, adv, dir.resolve("model/adversarial"),
                dir.resolve("mlruns"), "adversarial", "adversarial", dir), factory, log::add);
        assertThat(log).anyMatch(l -> l.startsWith("Copied ") && l.contains("adversarial head starts fresh"));
        assertThat(a.runDirectory().getParent()).isEqualTo(d.runDirectory().getParent());
        assertThat(a.runDirectory().resolve("metrics/adv_loss")).exists();
        assertThat(a.runDirectory().resolve("metrics/mean_grad_adv")).exists();
        assertThat(a.runDirectory().resolve("params/adv_parameter")).hasContent("[1.0, 10.0]");
        // settings.json names the starting model relative to the analysis directory: the same in every checkout
        String settings = Files.readString(a.modelDirectory().resolve("settings.json"));
        assertThat(settings).contains("\"starting_model\" : \"model/default\"").doesNotContain(dir.toString());
        // every input as {name, shape} in that order, in every JVM (a Map.of would iterate in a per-run order)
        assertThat(settings).containsPattern("\\{\\s*\"name\" : \"input_tau\",\\s*\"shape\"")
                .doesNotContainPattern("\\{\\s*\"shape\"");
        assertThat(a.runDirectory().resolve("params/starting_model")).hasContent("model/default");
        assertThat(TrainStage.projectRelative(Path.of("/eos/models/default"), dir)).isEqualTo("/eos/models/default");
        Batch b = SyntheticData.adversarial(1, 20, 1f, 5).get(0);
        float[][] p = ModelExport.predictSavedModel(a.modelDirectory(), INPUTS, b.x(), b.rows());
        float[][] f = ModelExport.predictFrozen(a.modelDirectory().resolve(ModelExport.FROZEN_GRAPH), INPUTS, b.x(),
                b.rows());
        assertThat(p[1]).hasSize(20).containsExactly(f[1]);
        assertThat(p[0]).containsExactly(f[0]);
        // the last epoch end is kept and published beside the model: with one epoch it is the final model
        assertThat(a.training().epochCheckpoints()).containsOnlyKeys("epoch-1");
        float[][] c = ModelExport.predictSavedModel(a.modelDirectory().resolve(ModelExport.CHECKPOINTS)
                .resolve("epoch-1"), INPUTS, b.x(), b.rows());
        assertThat(c[0]).containsExactly(p[0]);
        assertThat(c[1]).containsExactly(p[1]);
        // the common layers started from the default model: with use_previous_opt its optimizer state came along
        Map<String, float[]> defaultWeights = Checkpoint.read(d.modelDirectory().resolve(ModelExport.WEIGHTS)).vars();
        Map<String, float[]> adversarialWeights = Checkpoint.read(a.training().weights()).vars();
        assertThat(defaultWeights).doesNotContainKey("final_dense_adv/kernel");
        assertThat(adversarialWeights.get("opt/iterations")[0]).isEqualTo(15f + 15f);
    }
}
