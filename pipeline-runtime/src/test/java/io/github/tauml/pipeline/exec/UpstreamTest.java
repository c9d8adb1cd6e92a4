package io.github.tauml.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamTest {
    @TempDir
    Path dir;

    @Test
    void inputsThatEarlierExecutionsWriteArePendingOthersAreMissing() throws Exception {
        Path toy = dir.resolve("target/adversarial/toy");
        Path dataset = dir.resolve("target/adversarial/dataset/classification");
        Upstream u = Upstream.pipeline()
                .add("toy-ntuples (toy)", List.of(toy.resolve("data.root"), toy.resolve("QCD.root")))
                .add("dataset (dataset)", List.of(dataset));

        assertThat(u.pending(toy.resolve("data.root"))).isTrue();
        assertThat(u.producer(toy.resolve("data.root"))).contains("toy-ntuples (toy)");
        // Inside an output directory (a dataset's scaling file), and a directory holding outputs.
        assertThat(u.producer(dataset.resolve("scaling.json"))).contains("dataset (dataset)");
        assertThat(u.producer(toy)).contains("toy-ntuples (toy)");
        // Nothing writes it.
        assertThat(u.pending(toy.resolve("WJets.root"))).isFalse();
        assertThat(u.pending(dir.resolve("target/adversarial/skim/data.root"))).isFalse();
        assertThat(u.missing(toy.resolve("WJets.root"))).isEqualTo("does not exist and no earlier stage writes it");
        assertThat(Upstream.none().missing(toy.resolve("WJets.root"))).isEqualTo("does not exist");
        u.addSkipped("skim (skim)", List.of(dir.resolve("target/adversarial/skim/data.root")));
        assertThat(u.pending(dir.resolve("target/adversarial/skim/data.root"))).isFalse();
        assertThat(u.missing(dir.resolve("target/adversarial/skim/data.root")))
                .isEqualTo("does not exist: skim (skim), which writes it, is skipped (skip=true)");
        assertThat(Upstream.none().pending(toy.resolve("data.root"))).isFalse();

        // An existing file is not pending: it is read as it is.
        Files.createDirectories(toy);
        Files.writeString(toy.resolve("data.root"), "x");
        assertThat(u.pending(toy.resolve("data.root"))).isFalse();
    }

    @Test
    void patternsArePendingWhenTheirFixedPartHoldsOrLiesInAnOutput() {
        Upstream u = Upstream.pipeline().add("toy-ntuples (toy)", List.of(dir.resolve("target/toy/data.root")));
        assertThat(u.pendingPattern(dir, "target/toy/*.root")).isTrue();
        assertThat(u.pendingPattern(dir, "target/toy/data.root")).isTrue();
        assertThat(u.pendingPattern(dir, "ntuples/*.root")).isFalse();
        assertThat(u.pendingPattern(dir, "target/toy/QCD.root")).isFalse();
    }

    @Test
    void factsAreFoundForAnOutputAndWhatLiesInIt() {
        Path ds = dir.resolve("dataset/classification");
        Upstream u = Upstream.pipeline().add("dataset (dataset)", List.of(ds)).fact(ds, String.class, "small");
        assertThat(u.fact(ds, String.class)).contains("small");
        assertThat(u.fact(ds.resolve("spec.json"), String.class)).contains("small");
        assertThat(u.fact(dir.resolve("dataset/adversarial"), String.class)).isEmpty();
        assertThat(u.fact(ds, Integer.class)).isEmpty();
    }

    @Test
    void anExecutionWhoseOutputsAreUnknownMayWriteAnyMissingInput() {
        Upstream u = Upstream.pipeline().addUnknown("mix (mix)");
        assertThat(u.pending(dir.resolve("target/mix/adv_dataset_trainval.root"))).isTrue();
    }
}
