package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.model.DatasetSpec;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks the validate goal makes across executions (issue 12): inputs that earlier executions write, the mix's
 * weight-histogram names against the reweight's, and the network inputs of two datasets.
 */
class PipelineChecksTest {
    @TempDir
    Path base;

    private static ContributionDeclaration c(String name, String input, Integer perBatch, Long id, String weights) {
        return new ContributionDeclaration(name, input, null, perBatch, id, null, weights, null);
    }

    private MixConfig.Declaration mix(List<ContributionDeclaration> cs, String weights) {
        return new MixConfig.Declaration(cs, 4, 2, null, 1, weights, null, null, null, base.resolve("mix/tv.root"),
                base.resolve("mix/ev.root"), null, 1, 1);
    }

    @Test
    void inputsThatAnEarlierExecutionWritesAreAcceptedOthersAreNamed() throws Exception {
        List<ContributionDeclaration> cs = List.of(c("data", "skim/data.root", 5, 0L, null),
                c("DY_taus", "skim/DY_taus.root", 5, 1L, "DYT"), c("W_jets", "skim/W_jets.root", 2, 5L, "WJ"));
        Upstream pipeline = Upstream.pipeline()
                .add("skim (skim)", List.of(base.resolve("skim/data.root"), base.resolve("skim/DY_taus.root")))
                .add("reweight (reweight)", List.of(base.resolve("w.root")));
        assertThatThrownBy(() -> MixConfig.request(mix(cs, "w.root"), base, pipeline))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1))
                .hasMessageContaining("<contributions><contribution name=\"W_jets\"><input>: the input ")
                .hasMessageContaining("W_jets.root does not exist and no earlier stage writes it")
                .hasMessageContaining("declare the execution that writes it before this one");

        MixRequest r = MixConfig.request(mix(cs.subList(0, 2), "w.root"), base, pipeline);
        assertThat(r.contributions()).extracting(MixRequest.Contribution::input)
                .containsExactly(base.resolve("skim/data.root"), base.resolve("skim/DY_taus.root"));
        assertThat(r.weights()).isEqualTo(base.resolve("w.root"));

        // Alone, the stage still names the missing file as before, without the pipeline's words.
        assertThatThrownBy(() -> MixConfig.request(mix(cs.subList(0, 2), "none"), base))
                .hasMessageContaining("data.root does not exist")
                .hasMessageNotContaining("no earlier stage");
    }

    @Test
    void theMixNamesOnlyWeightHistogramsTheReweightWrites() throws Exception {
        Upstream pipeline = Upstream.pipeline().add("skim (skim)", List.of(base.resolve("skim")));
        MixRequest r = MixConfig.request(mix(List.of(c("data", "skim/data.root", 5, 0L, null),
                c("DY_taus", "skim/DY_taus.root", 5, 1L, "DYTT")), "none"), base, pipeline);
        Problems p = new Problems();
        MixConfig.checkWeightNames(r, List.of("data", "DYT", "QCD"), "reweight (reweight)", p);
        assertThatThrownBy(p::throwIfAny)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1))
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><weights>: DY_taus: there is no"
                        + " weight histogram 'DYTT' in reweight (reweight); did you mean DYT?")
                .hasMessageContaining("It holds data, DYT, QCD");
        Problems fine = new Problems();
        MixConfig.checkWeightNames(r, List.of("data", "DYTT"), "w.root", fine);
        assertThat(fine.isEmpty()).isTrue();
    }

    @Test
    void datasetsOfOnePresetFeedOneNetworkOthersDoNot() {
        DatasetSpec small = DatasetSpec.declared(DatasetSpec.CLASSIFICATION,
                TFDatasets.specInputs(FeatureSet.small()), 0, "dataset (dataset)").spec();
        DatasetSpec alsoSmall = DatasetSpec.declared(DatasetSpec.ADVERSARIAL,
                TFDatasets.specInputs(FeatureSet.small()), 100, "dataset (adv)").spec();
        DatasetSpec v2p5 = DatasetSpec.declared(DatasetSpec.ADVERSARIAL,
                TFDatasets.specInputs(FeatureSet.v2p5()), 100, "dataset (adv)").spec();
        assertThat(alsoSmall.inputDifferences(small)).isEmpty();
        List<String> diff = v2p5.inputDifferences(small);
        assertThat(diff).hasSize(7);
        assertThat(diff.get(0)).isEqualTo("input_tau [43] here, [35] there");
        assertThat(diff).contains("input_inner_egamma [11, 11, 86] here, [7, 7, 23] there");
    }

    @Test
    void aDatasetInputThatNothingWritesIsNamedUpFront() {
        DatasetDeclaration d = new DatasetDeclaration(base, "small", null, null, null, null, List.of(), null,
                new DatasetDeclaration.Classification(List.of("skim/training.root"), null, null, "ds/classification",
                        null, 1, 0.3, 1e5), null, false, 1, 1);
        assertThatThrownBy(() -> DatasetConfig.plan(d, Upstream.pipeline()))
                .hasMessageContaining("<classification><inputs><input>: the input ")
                .hasMessageContaining("training.root does not exist and no earlier stage writes it");
        Upstream written = Upstream.pipeline().add("skim (skim-training)", List.of(base.resolve("skim/training.root")));
        assertThat(catching(() -> DatasetConfig.plan(d, written))).isNull();
    }

    private static Throwable catching(org.assertj.core.api.ThrowableAssert.ThrowingCallable c) {
        try {
            c.call();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
