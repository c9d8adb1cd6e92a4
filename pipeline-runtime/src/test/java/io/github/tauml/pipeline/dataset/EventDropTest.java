package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDropTest {
    @TempDir
    Path tmp;

    @Test
    void tRandom3IsTheMersenneTwisterSeededAsRootDoes() {
        // std::mt19937 (same initialiser) with its default seed 5489: first output, and the 10000th that the C++
        // standard requires.
        TRandom3 r = new TRandom3(5489);
        assertThat(r.nextUnsigned32()).isEqualTo(3499211612L);
        for (int i = 2; i < 10_000; i++) {
            r.nextUnsigned32();
        }
        assertThat(r.nextUnsigned32()).isEqualTo(4123659995L);
        // Rndm() is the output times 2^-32.
        TRandom3 a = new TRandom3(TRandom3.DEFAULT_SEED);
        TRandom3 b = new TRandom3(TRandom3.DEFAULT_SEED);
        assertThat(a.rndm()).isEqualTo(b.nextUnsigned32() * Math.pow(2, -32));
        assertThatThrownBy(() -> new TRandom3(0)).hasMessageContaining("4357");
    }

    @Test
    void keepProbabilitiesAreTargetOverObservedOverTheirMaximum() throws ConfigException {
        double[] edges = {30, 40, 60, 100};
        TH1 target = Trees.histogram("EMB", edges, 3, new double[] {10, 20, 5}, 1);
        // r = {3/4, 10/20, 20/10, 5/50, 1/0 -> 0}; max over the regular bins is 2.
        double[] p = EventDrop.keepProbabilities(target, new long[] {4, 20, 10, 50, 0}, request(target, -1));
        assertThat(p).containsExactly(new double[] {0.375, 0.25, 1.0, 0.05, 0.0}, within(1e-15));
        // An empty observed regular bin gets 0, and the maximum ignores the under- and overflow (0.75 / 0.5 > 1).
        double[] q = EventDrop.keepProbabilities(target, new long[] {1, 0, 40, 50, 0}, request(target, -1));
        assertThat(q).containsExactly(new double[] {6.0, 0.0, 1.0, 0.2, 0.0}, within(1e-15));
        assertThatThrownBy(() -> EventDrop.keepProbabilities(target, new long[] {1, 0, 0, 0, 3},
                request(target, -1))).isInstanceOf(ConfigException.class).hasMessageContaining("share no bin");
    }

    @Test
    void keptSpectrumFollowsTheTargetWithinStatistics() throws Exception {
        Path in = Trees.write(tmp.resolve("DY.root"), 200_000, 1, 1, 2, 30);
        // A target much harder than the input: the drop has to thin the low-pT bins hard.
        double[] t = new double[15];
        for (int b = 0; b < 15; b++) {
            double centre = (Trees.PT_EDGES[b] + Trees.PT_EDGES[b + 1]) / 2;
            t[b] = (Trees.PT_EDGES[b + 1] - Trees.PT_EDGES[b]) * Math.exp(-centre / 60);
        }
        TH1 target = Trees.histogram("EMB", Trees.PT_EDGES, 0, t, 0);
        List<String> log = new ArrayList<>();
        DropResult r = EventDrop.run(request(target, in, tmp.resolve("out/DY.root"), -1, TRandom3.DEFAULT_SEED),
                log::add);
        assertThat(r.examined()).isEqualTo(200_000);
        Map<String, Column> out = Trees.read(r.output());
        assertThat(out.get("tau_pt").entries()).isEqualTo((int) r.kept());

        // Pearson χ² of the kept spectrum against the target shape, normalised to the kept entries in the axis.
        long[] kept = new long[17];
        for (int i = 0; i < r.kept(); i++) {
            kept[target.findBin(out.get("tau_pt").getDouble(i))]++;
        }
        long inAxis = 0;
        for (int b = 1; b <= 15; b++) {
            inAxis += kept[b];
        }
        double sumT = java.util.Arrays.stream(t).sum();
        double chi2 = 0;
        for (int b = 1; b <= 15; b++) {
            double expected = inAxis * t[b - 1] / sumT;
            chi2 += Math.pow(kept[b] - expected, 2) / expected;
        }
        double limit = new ChiSquaredDistribution(14).inverseCumulativeProbability(0.999);
        assertThat(chi2).as("χ² of kept vs target, 14 ndf").isLessThan(limit);
        // The most under-populated bin (the last) keeps everything; the input had entries below 30 GeV
        // (underflow, target 0) and none may survive.
        assertThat(r.bins().get(15).p()).isEqualTo(1.0);
        assertThat(r.bins().get(15).kept()).isEqualTo(r.bins().get(15).observed());
        assertThat(r.bins().get(0).observed()).isPositive();
        assertThat(r.bins().get(0).kept()).isZero();
        assertThat(r.bins().stream().mapToLong(DropResult.Bin::kept).sum()).isEqualTo(r.kept());

        // Every branch with its type; the kept entries in input order.
        try (RootFile f = RootFile.open(r.output())) {
            TTree tree = f.tree("taus");
            assertThat(tree.branch("evt").type()).isEqualTo(LeafType.UINT64);
            assertThat(tree.branch("pfCand_pt").shape()).isEqualTo(Shape.VECTOR);
            assertThat(tree.branches()).hasSize(7);
        }
        Column evt = out.get("evt");
        for (int i = 1; i < evt.entries(); i++) {
            assertThat(evt.getLong(i)).isGreaterThan(evt.getLong(i - 1));
        }
        assertThat(r.table()).hasSize(18);
        assertThat(r.table().get(16)).contains("[200, 400)");
        assertThat(r.table().get(1)).contains("[-inf, 30)");

        // Same seed, same bytes; another seed, other entries.
        DropResult again = EventDrop.run(request(target, in, tmp.resolve("again/DY.root"), -1,
                TRandom3.DEFAULT_SEED), s -> { });
        assertThat(Files.readAllBytes(again.output())).isEqualTo(Files.readAllBytes(r.output()));
        DropResult other = EventDrop.run(request(target, in, tmp.resolve("other/DY.root"), -1, 7), s -> { });
        assertThat(Files.readAllBytes(other.output())).isNotEqualTo(Files.readAllBytes(r.output()));
    }

    @Test
    void examinesOnlyTheFirstEntriesAndFailsWhenTheyRunOut() throws Exception {
        Path in = Trees.write(tmp.resolve("QCD.root"), 5_000, 2, 1, 3, 20);
        TH1 target = Trees.histogram("EMB", Trees.PT_EDGES, 0, new double[15], 0);
        double[] flat = new double[15];
        java.util.Arrays.fill(flat, 1);
        TH1 flatTarget = Trees.histogram("flat", Trees.PT_EDGES, 0, flat, 0);
        DropResult r = EventDrop.run(request(flatTarget, in, tmp.resolve("QCD-1000.root"), 1_000, 4357), s -> { });
        assertThat(r.examined()).isEqualTo(1_000);
        // p comes from the whole input's spectrum, as the reference fills it; only the first 1000 are examined.
        assertThat(r.bins().stream().mapToLong(DropResult.Bin::observed).sum()).isEqualTo(5_000);
        Column evt = Trees.read(r.output()).get("evt");
        assertThat(evt.getLong(evt.entries() - 1)).isLessThanOrEqualTo(1_000);

        Path out = tmp.resolve("dry/QCD.root");
        assertThatThrownBy(() -> EventDrop.run(request(target, in, out, 6_000, 4357), s -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<samples><sample name=\"QCD_jets\"><entries>")
                .hasMessageContaining("QCD_jets runs out of entries: the drop needs 6000 entries but")
                .hasMessageContaining("has 5000");
        assertThat(out.getParent()).doesNotExist();
    }

    @Test
    void everyInputIsOpenedAndEveryProblemFoundBeforeAnySampleIsDropped() throws Exception {
        Path good = Trees.write(tmp.resolve("good.root"), 2_000, 2, 1, 3, 20);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = tmp.resolve("truncated.root");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Files.writeString(tmp.resolve("blocker"), "a file where a directory should be");
        double[] flat = new double[15];
        java.util.Arrays.fill(flat, 1);
        TH1 target = Trees.histogram("flat", Trees.PT_EDGES, 0, flat, 0);
        DropRequest ok = request(target, good, tmp.resolve("drop/a.root"), -1, 4357);
        DropRequest damaged = new DropRequest("b", "<samples><sample name=\"b\">", truncated, "taus", "tau_pt",
                target, -1, 4357, tmp.resolve("drop/b.root"), Compression.LZ4, 1, 1);
        DropRequest noBranch = new DropRequest("c", "<samples><sample name=\"c\">", good, "taus", "tau_ptt",
                target, -1, 4357, tmp.resolve("drop/c.root"), Compression.LZ4, 1, 1);
        DropRequest blocked = new DropRequest("d", "<samples><sample name=\"d\">", good, "taus", "tau_pt",
                target, 9_000, 4357, tmp.resolve("blocker/d.root"), Compression.LZ4, 1, 1);
        assertThat(EventDrop.check(List.of(ok))).isEmpty();
        List<ConfigException.Problem> problems = EventDrop.check(List.of(ok, damaged, noBranch, blocked));
        assertThat(problems).extracting(ConfigException.Problem::element).containsExactly(
                "<samples><sample name=\"b\"><input>", "<samples><sample name=\"c\"><branch>",
                "<samples><sample name=\"d\"><entries>", "<outputDirectory> (adversarial.drop.outputDirectory)");
        assertThat(problems.get(0).message()).contains("truncated.root");
        assertThat(problems.get(3).message()).contains("is a file, not a directory");
        assertThat(tmp.resolve("drop")).doesNotExist();
    }

    @Test
    void partsWithTheStreamAdvancedToTheirFirstEntryDecideAsTheSequentialDrop() throws Exception {
        // What an executor does (issue 13): parts on the batch grid, each with the TRandom3 at its first entry,
        // examined separately and merged in order, give the sequential drop's file byte for byte, for any part size
        // and an examined count that ends inside a batch.
        Path in = Trees.write(tmp.resolve("DY.root"), 90_000, 3, 1, 2, 30);
        double[] t = new double[15];
        for (int b = 0; b < 15; b++) {
            t[b] = 100 * Math.exp(-b / 4.0);
        }
        TH1 target = Trees.histogram("EMB", Trees.PT_EDGES, 5, t, 1);
        DropRequest local = request(target, in, tmp.resolve("local/DY.root"), 81_000, TRandom3.DEFAULT_SEED);
        DropResult expected = EventDrop.run(local, s -> { });
        for (int perPart : new int[] {1, 2, 8}) {
            DropRequest r = request(target, in, tmp.resolve("parts" + perPart + "/DY.root"), 81_000,
                    TRandom3.DEFAULT_SEED);
            EventDrop.Plan plan = EventDrop.plan(r, Reweight.localCounter());
            List<EventDrop.Part> parts = EventDrop.parts(r, plan, perPart);
            assertThat(parts).hasSize((int) Math.ceil(81_000.0 / (perPart * 16_384)));
            assertThat(parts.get(parts.size() - 1).to()).isEqualTo(81_000);
            List<Skim.PartBatch> batches = new ArrayList<>();
            // Parts examined in reverse order: each carries its own stream position.
            List<List<Skim.PartBatch>> selected = new ArrayList<>();
            for (int i = parts.size() - 1; i >= 0; i--) {
                selected.add(0, EventDrop.select(plan.selection(r), parts.get(i)));
            }
            selected.forEach(batches::addAll);
            DropResult got = EventDrop.merge(r, plan, batches.iterator(), s -> { });
            assertThat(got.kept()).isEqualTo(expected.kept()).isBetween(1_000L, 80_000L);
            assertThat(got.bins()).isEqualTo(expected.bins());
            assertThat(Files.mismatch(local.output(), r.output())).as("%d batches per part", perPart).isEqualTo(-1);
        }
        // A part left out is not a shorter file: the merge refuses and writes nothing.
        DropRequest r = request(target, in, tmp.resolve("missing/DY.root"), 81_000, TRandom3.DEFAULT_SEED);
        EventDrop.Plan plan = EventDrop.plan(r, Reweight.localCounter());
        List<EventDrop.Part> parts = EventDrop.parts(r, plan, 1);
        List<Skim.PartBatch> first = EventDrop.select(plan.selection(r), parts.get(0));
        assertThatThrownBy(() -> EventDrop.merge(r, plan, first.iterator(), s -> { }))
                .hasMessageContaining("a part of the drop is missing");
        assertThat(r.output()).doesNotExist();
    }

    private DropRequest request(TH1 target, long entries) {
        return request(target, tmp.resolve("in.root"), tmp.resolve("out.root"), entries, 4357);
    }

    private static DropRequest request(TH1 target, Path in, Path out, long entries, long seed) {
        return new DropRequest("QCD_jets", "<samples><sample name=\"QCD_jets\">", in, "taus", "tau_pt", target,
                entries, seed, out, Compression.LZ4, 1, 1);
    }
}
