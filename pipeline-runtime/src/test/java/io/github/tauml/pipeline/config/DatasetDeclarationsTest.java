package io.github.tauml.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.ReweightRequest;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.write.RootWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Declaration → request for drop, reweight and mix: pom elements in every problem, all problems at once. */
class DatasetDeclarationsTest {
    private static final String EDGES = "30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400";

    @TempDir
    Path base;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(base.resolve("skim"));
        for (String s : List.of("data", "DY_taus", "QCD_jets")) {
            Files.writeString(base.resolve("skim/" + s + ".root"), "not read by the declaration");
        }
        double[] edges = {30, 40, 60, 100};
        try (RootWriter w = RootWriter.create(base.resolve("datacard.root"))) {
            w.histogram("mt_inclusive/EMB", new TH1("EMB", "", "TH1D", edges, new double[] {0, 1, 2, 3, 0},
                    new double[0], 0));
            w.histogram("mt_inclusive/ZTT", new TH1("ZTT", "", "TH1D", edges, new double[5], new double[0], 0));
        }
    }

    private DropConfig.Declaration drop(List<DropConfig.Sample> samples, String target, String bins,
                                        String contents) {
        return new DropConfig.Declaration(samples, null, null, target, bins, contents, null, null,
                base.resolve("target/adversarial/drop"), "zlib", 1, 1);
    }

    @Test
    void dropReadsItsTargetFromNestedDirectoriesOrFromThePom() throws Exception {
        List<DropRequest> r = DropConfig.requests(drop(List.of(new DropConfig.Sample("DY_taus", "skim/DY_taus.root",
                5000L, null, null, null), new DropConfig.Sample("QCD_jets", "skim/QCD_jets.root", null, null,
                "30, 50, 100", "2, 1")), "datacard.root:mt_inclusive/EMB", null, null), base);
        assertThat(r).hasSize(2);
        assertThat(r.get(0).target().contents()).containsExactly(0, 1, 2, 3, 0);
        assertThat(r.get(0).entries()).isEqualTo(5000);
        assertThat(r.get(0).seed()).isEqualTo(4357);
        assertThat(r.get(0).output()).isEqualTo(base.resolve("target/adversarial/drop/DY_taus.root"));
        assertThat(r.get(1).target().edges()).containsExactly(30, 50, 100);
        assertThat(r.get(1).target().contents()).containsExactly(0, 2, 1, 0);
        assertThat(r.get(1).entries()).isEqualTo(-1);
    }

    @Test
    void dropReportsEveryProblemWithItsElement() {
        assertThatThrownBy(() -> DropConfig.requests(drop(List.of(
                new DropConfig.Sample("DY_taus", "skim/DY.root", 0L, null, null, null),
                new DropConfig.Sample("QCD_jets", "skim/QCD_jets.root", null, "datacard.root:mt_inclusive/EMD",
                        null, null),
                new DropConfig.Sample("W_jets", "skim/QCD_jets.root", null, null, "30, 50, 100", "1")),
                null, null, null), base))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("<samples><sample name=\"DY_taus\"><input>: the input ")
                .hasMessageContaining("<samples><sample name=\"DY_taus\"><target>: DY_taus has no target spectrum")
                .hasMessageContaining("<samples><sample name=\"DY_taus\"><entries>: must be a positive number")
                .hasMessageContaining("<samples><sample name=\"QCD_jets\"><target>: ")
                .hasMessageContaining("has no histogram 'mt_inclusive/EMD'; did you mean mt_inclusive/EMB")
                .hasMessageContaining("It holds mt_inclusive/EMB, mt_inclusive/ZTT")
                .hasMessageContaining("<samples><sample name=\"W_jets\"><targetContents>: 2 bins need 2 contents,"
                        + " got 1");
    }

    private static ContributionDeclaration c(String name, String input, Integer perBatch, Long id, String weights,
                                             String target) {
        return new ContributionDeclaration(name, input, null, perBatch, id, null, weights, target);
    }

    @Test
    void reweightAndMixShareTheContributions() throws Exception {
        List<ContributionDeclaration> cs = List.of(c("data", "skim/data.root", 50, 0L, null, null),
                c("DY_taus", "skim/DY_taus.root", 36, 1L, "DYT", null),
                c("QCD_jets", "skim/QCD_jets.root", 14, 6L, "QCD", null));
        ReweightRequest rw = ReweightConfig.request(new ReweightConfig.Declaration(cs, null, null, EDGES, null, null,
                20.0, null, base.resolve("w.root"), 1), base);
        assertThat(rw.mode()).isEqualTo(ReweightRequest.Mode.TOTAL_SIMULATION);
        assertThat(rw.normalisation()).isEqualTo(ReweightRequest.Normalisation.DATA_COUNT);
        assertThat(rw.contributions()).extracting(ReweightRequest.Contribution::name)
                .containsExactly("data", "DYT", "QCD");
        assertThat(rw.contributions().get(0).data()).isTrue();
        assertThat(rw.contributions().get(1).perBatch()).isEqualTo(36);
        assertThat(rw.edges()).hasSize(16);

        Files.writeString(base.resolve("w.root"), "written by reweight");
        MixRequest mix = MixConfig.request(new MixConfig.Declaration(cs, 1125, 750, null, 1, "w.root", null, null,
                null, base.resolve("tv.root"), base.resolve("ev.root"), null, 1, 1), base);
        assertThat(mix.batchSize()).isEqualTo(100);
        assertThat(mix.contributions()).extracting(MixRequest.Contribution::weights)
                .containsExactly("data", "DYT", "QCD");
        assertThat(mix.shuffle()).isFalse();
        assertThat(mix.tauTypeBranch()).isEqualTo("mytauType");
    }

    @Test
    void reweightAndMixReportEveryProblemWithItsElement() {
        List<ContributionDeclaration> cs = List.of(c("data", "skim/data.root", 50, 0L, null, null),
                c("DY_taus", "skim/DY_taus.root", null, 0L, "DYT", "datacard.root:mt_inclusive/EMB"),
                c("QCD_jets", "skim/QCD.root", 14, 6L, "QCD", null));
        assertThatThrownBy(() -> ReweightConfig.request(new ReweightConfig.Declaration(cs, "total-simulation",
                "mean", "30, 20", null, null, -1.0, null, base.resolve("w.root"), 1), base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<normalisation>: unknown normalisation 'mean'")
                .hasMessageContaining("<cap>: the weight cap must be positive")
                .hasMessageContaining("<bins>: bin edges must increase, but 20.0 follows 30.0")
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><perBatch>")
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><target>: a target is declared,"
                        + " but the mode is total-simulation")
                .hasMessageContaining("<contributions><contribution name=\"QCD_jets\"><input>: the input");
        assertThatThrownBy(() -> MixConfig.request(new MixConfig.Declaration(cs, 10, -1, "random", 1,
                "missing.root", null, null, null, base.resolve("tv.root"), base.resolve("tv.root"), null, 1, 1),
                base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<evaluationBatches>: must not be negative")
                .hasMessageContaining("<order>: unknown order 'random'")
                .hasMessageContaining("<weightsFile>: the weights file")
                .hasMessageContaining("<evaluationOutput>: the train/validation and evaluation outputs are the same")
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><perBatch>")
                .hasMessageContaining("<contributions><contribution name=\"DY_taus\"><datasetId>: DY_taus and data"
                        + " both have dataset_id 0");
    }
}
