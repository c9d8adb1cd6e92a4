package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixBatchesTest {
    static AdversarialRequest dataset(int batchSize, int train, int validation) {
        return new AdversarialRequest(List.of(Path.of("target/adversarial/mix/adv_dataset_trainval.root")), "taus",
                Path.of("target/adversarial/dataset/adversarial"), FeatureSet.small(),
                Path.of("target/adversarial/dataset/classification/scaling.json"), batchSize, train,
                validation, 1, DatasetOptions.defaults());
    }

    @Test
    void aDatasetCutInTheMixsBatchesFromNoMoreThanItHasPasses() {
        Problems p = new Problems();
        new MixBatches("mix (mix)", 100, 600).check(dataset(100, 400, 200), "<adversarial>", p);
        new MixBatches("mix (mix)", 100, 600).check(dataset(100, 300, 0), "<adversarial>", p);
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void anotherBatchSizeOrMoreBatchesThanTheMixWritesAreNamed() {
        Problems p = new Problems();
        new MixBatches("mix (mix)", 101, 600).check(dataset(100, 400, 300), "<adversarial>", p);
        assertThatThrownBy(p::throwIfAny).hasMessageContaining("2 problems").message().contains("<adversarial><batchSize>: is 100, but the mix mix (mix) writes batches of"
                + " 101").contains("set <batchSize>101</batchSize>")
                .contains("<adversarial><trainBatches>/<validationBatches>: ask for 700 batches (400 + 300), but the"
                        + " mix mix (mix) writes 600 into adv_dataset_trainval.root");
    }
}
