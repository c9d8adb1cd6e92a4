package io.github.tauml.pipeline.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skim's read → select → compress pipeline ({@code threads} > 1): decoding, selecting and compressing overlap,
 * and the output is byte for byte the one-thread output, over several inputs, with the τ type, computed columns,
 * vector branches, entry ranges and other codecs. A failure on either side of the pipeline publishes nothing.
 */
class SkimPipelineTest {
    @TempDir
    static Path toys;
    /** Two DY files with particles, from different seeds: a chain of 2 × 40,000 entries, 3 batches each. */
    static Path first;
    static Path second;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeToys() throws IOException {
        for (int seed : new int[] {11, 12}) {
            ToyNtuples.generate(new ToyRequest(toys.resolve("seed" + seed), Map.of(ToySample.DY_TAUTAU, 40_000L), seed,
                    Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
        }
        first = toys.resolve("seed11/DYtautau.root");
        second = toys.resolve("seed12/DYtautau.root");
    }

    private SkimRequest request(List<Path> inputs, String selection, EntryRange in, EntryRange out, Path output,
                                Compression codec, int threads) {
        return new SkimRequest("DY_taus", toys, inputs.stream().map(Path::toString).toList(), null, "taus", "taus",
                selection, "mytauType", List.of(new ComputedColumn("n_pf_hard", "Sum(pfCand_pt > 5)"),
                        new ComputedColumn("pf_hard_pt", "pfCand_pt[pfCand_pt > 5]")),
                List.of(), List.of(), List.of(), in, out, output, codec, 1, threads);
    }

    private SkimResult skim(SkimRequest r) throws Exception {
        return Skim.run(r, s -> { });
    }

    @Test
    void everyThreadCountWritesTheOneThreadBytes() throws Exception {
        String cut = "tau_pt > 25 && std::abs(tau_eta) < 2.3 && (mytauType == 2 || n_pf_hard >= 3)";
        Path one = tmp.resolve("t1/DY_taus.root");
        SkimResult r1 = skim(request(List.of(first, second), cut, EntryRange.ALL, EntryRange.ALL, one,
                Compression.ZLIB, 1));
        assertThat(r1.read()).isEqualTo(80_000);
        assertThat(r1.passed()).isBetween(5_000L, 75_000L);
        for (int threads : new int[] {2, 4}) {
            Path many = tmp.resolve("t" + threads + "/DY_taus.root");
            SkimResult r = skim(request(List.of(first, second), cut, EntryRange.ALL, EntryRange.ALL, many,
                    Compression.ZLIB, threads));
            assertThat(r.read()).isEqualTo(r1.read());
            assertThat(r.passed()).isEqualTo(r1.passed());
            assertThat(Files.mismatch(one, many)).as("%d threads against 1", threads).isEqualTo(-1);
        }
        try (RootFile f = RootFile.open(one)) {
            TTree t = f.tree("taus");
            assertThat(t.entries()).isEqualTo(r1.passed());
            assertThat(t.branch("pf_hard_pt").shape()).isEqualTo(io.github.tauml.rootio.tree.Shape.VECTOR);
        }
    }

    @Test
    void entryRangesAndOtherCodecsKeepTheBytes() throws Exception {
        // The input range starts inside the first file and ends inside the second; the output range drops the first
        // 1,000 passing entries and stops early, in the middle of a batch.
        EntryRange in = new EntryRange(12_345, 71_000);
        EntryRange out = new EntryRange(1_000, 9_000);
        for (Compression codec : List.of(Compression.LZ4, Compression.ZSTD)) {
            Path one = tmp.resolve(codec + "-1/DY_taus.root");
            Path three = tmp.resolve(codec + "-3/DY_taus.root");
            SkimResult r1 = skim(request(List.of(first, second), "tau_pt > 20", in, out, one, codec, 1));
            SkimResult r3 = skim(request(List.of(first, second), "tau_pt > 20", in, out, three, codec, 3));
            assertThat(r3.passed()).isEqualTo(r1.passed());
            assertThat(Files.mismatch(one, three)).as(codec.toString()).isEqualTo(-1);
            try (RootFile f = RootFile.open(three)) {
                assertThat(f.tree("taus").entries()).isEqualTo(8_000);
            }
        }
    }

    @Test
    void aBrokenSecondInputFailsThePipelineAndPublishesNothing() throws Exception {
        // The second file is cut in half: its header and tree read, its later baskets do not.
        Path broken = tmp.resolve("broken.root");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = tmp.resolve("out/DY_taus.root");
        assertThatThrownBy(() -> skim(request(List.of(first, broken), "tau_pt > 20", EntryRange.ALL, EntryRange.ALL,
                out, Compression.ZLIB, 2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broken.root");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).as("temporary files left behind").isEmpty();
        }
    }

    @Test
    void aSelectionFailingMidwayNamesTheEntryAndPublishesNothing() throws Exception {
        // pfCand_pt[30] exists for some candidates only: the first without one stops the skim.
        Path out = tmp.resolve("idx/DY_taus.root");
        assertThatThrownBy(() -> skim(request(List.of(first, second), "pfCand_pt[30] > 0", EntryRange.ALL,
                EntryRange.ALL, out, Compression.ZLIB, 2)))
                .isInstanceOf(SkimException.class)
                .hasMessageContaining("pfCand_pt")
                .satisfies(e -> assertThat(((SkimException) e).element()).isEqualTo("selection"));
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).isEmpty();
        }
    }
}
