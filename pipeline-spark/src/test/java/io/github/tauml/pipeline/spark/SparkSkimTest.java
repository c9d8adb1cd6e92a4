package io.github.tauml.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimRequest.ComputedColumn;
import io.github.tauml.pipeline.dataset.SkimRequest.EntryRange;
import io.github.tauml.pipeline.dataset.SkimResult;
import io.github.tauml.pipeline.dataset.StageExecutor;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skim on Spark {@code local[2]} against the local executor: the same entries, the same counts, the same bytes,
 * over a chain of two toy files with particles, the τ type, computed columns (a vector one included) and entry
 * ranges that cut through parts; a task's failure comes back as the skim's own error, with nothing written.
 */
class SparkSkimTest {
    @TempDir
    static Path toys;
    static Path first;
    static Path second;
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws IOException {
        for (int seed : new int[] {21, 22}) {
            ToyNtuples.generate(new ToyRequest(toys.resolve("seed" + seed), Map.of(ToySample.DY_TAUTAU, 40_000L), seed,
                    Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
        }
        first = toys.resolve("seed21/DYtautau.root");
        second = toys.resolve("seed22/DYtautau.root");
        spark = SparkSession.builder().master("local[2]").appName("pipeline-spark-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    private static SkimRequest request(String selection, EntryRange in, EntryRange out, Path output, int threads) {
        return new SkimRequest("DY_taus", toys, List.of(first.toString(), second.toString()), null, "taus", "taus",
                selection, "mytauType", List.of(new ComputedColumn("n_pf_hard", "Sum(pfCand_pt > 5)"),
                        new ComputedColumn("pf_hard_pt", "pfCand_pt[pfCand_pt > 5]")),
                List.of(), List.of(), List.of(), in, out, output, Compression.ZLIB, 1, threads);
    }

    private static List<String> log() {
        return new ArrayList<>();
    }

    @Test
    void sparkWritesTheLocalExecutorsBytes() throws Exception {
        String cut = "tau_pt > 25 && std::abs(tau_eta) < 2.3 && (mytauType == 2 || n_pf_hard >= 3)";
        Path local = tmp.resolve("local/DY_taus.root");
        Path onSpark = tmp.resolve("spark/DY_taus.root");
        SkimResult l = Skim.run(request(cut, EntryRange.ALL, EntryRange.ALL, local, 1), s -> { });
        List<String> lines = log();
        SkimResult s = SparkSkim.run(spark, request(cut, EntryRange.ALL, EntryRange.ALL, onSpark, 2), lines::add);
        assertThat(s.read()).isEqualTo(l.read()).isEqualTo(80_000);
        assertThat(s.passed()).isEqualTo(l.passed()).isGreaterThan(5_000);
        assertThat(Files.mismatch(local, onSpark)).isEqualTo(-1);
        assertThat(lines.get(0)).contains("parts").contains("local[2]");
        try (RootFile f = RootFile.open(onSpark)) {
            assertThat(f.tree("taus").entries()).isEqualTo(l.passed());
        }
    }

    @Test
    void entryRangesThroughThePartsKeepTheBytes() throws Exception {
        // The input range starts inside the first file's second batch and ends in the second file; the output range
        // skips the first 1,000 passing entries and ends inside a part.
        EntryRange in = new EntryRange(20_000, 71_000);
        EntryRange out = new EntryRange(1_000, 9_000);
        List<Skim.Part> parts = Skim.parts(request("tau_pt > 20", in, out, tmp.resolve("x.root"), 1), 1);
        assertThat(parts).hasSizeGreaterThan(3);
        assertThat(parts.get(0).from()).isEqualTo(20_000);
        assertThat(parts.get(parts.size() - 1).to()).isEqualTo(71_000 - 40_000);
        Path local = tmp.resolve("local/DY_taus.root");
        Path onSpark = tmp.resolve("spark/DY_taus.root");
        SkimResult l = Skim.run(request("tau_pt > 20", in, out, local, 2), s -> { });
        SkimResult s = SparkSkim.run(spark, request("tau_pt > 20", in, out, onSpark, 2), x -> { });
        assertThat(s.read()).isEqualTo(l.read());
        assertThat(s.passed()).isEqualTo(l.passed());
        assertThat(Files.mismatch(local, onSpark)).isEqualTo(-1);
        try (RootFile f = RootFile.open(onSpark)) {
            assertThat(f.tree("taus").entries()).isEqualTo(8_000);
        }
    }

    @Test
    void otherTreesColumnListsAndCodecsKeepTheBytes() throws Exception {
        // The input tree copied whole beside the skimmed one (skim_tree's --other-trees), a renamed output tree, an
        // include list, no τ type, ZSTD 5: the merge's other trees and settings are the local ones.
        Path local = tmp.resolve("local/other.root");
        Path onSpark = tmp.resolve("spark/other.root");
        java.util.function.Function<Path, SkimRequest> r = out -> new SkimRequest("s", toys,
                List.of(first.toString(), second.toString()), null, "taus", "skimmed", "tau_pt > 60", null, List.of(),
                List.of("tau_pt", "^pfCand_"), List.of(), List.of("taus"), null, null, out, Compression.ZSTD, 5, 2);
        SkimResult l = Skim.run(r.apply(local), s -> { });
        SkimResult s = SparkSkim.run(spark, r.apply(onSpark), x -> { });
        assertThat(s.passed()).isEqualTo(l.passed()).isPositive();
        assertThat(Files.mismatch(local, onSpark)).isEqualTo(-1);
        try (RootFile f = RootFile.open(onSpark)) {
            assertThat(f.tree("taus").entries()).isEqualTo(80_000);
            assertThat(f.tree("skimmed").entries()).isEqualTo(l.passed());
        }
    }

    @Test
    void partsAreGroupedWithinAFileOnly() {
        List<Skim.Part> single = List.of(new Skim.Part(0, "a", "a", 0, 10), new Skim.Part(0, "a", "a", 10, 20),
                new Skim.Part(0, "a", "a", 20, 25), new Skim.Part(1, "b", "a", 0, 10), new Skim.Part(1, "b", "a", 10, 20));
        assertThat(SparkSkim.group(single, 2)).containsExactly(new Skim.Part(0, "a", "a", 0, 20),
                new Skim.Part(0, "a", "a", 20, 25), new Skim.Part(1, "b", "a", 0, 20));
    }

    @Test
    void aFailingTaskIsTheSkimsOwnErrorAndNothingIsWritten() throws Exception {
        Path out = tmp.resolve("fail/DY_taus.root");
        assertThatThrownBy(() -> SparkSkim.run(spark, request("pfCand_pt[30] > 0", EntryRange.ALL, EntryRange.ALL,
                out, 2), s -> { }))
                .isInstanceOf(SkimException.class)
                .hasMessageContaining("pfCand_pt")
                .satisfies(e -> assertThat(((SkimException) e).element()).isEqualTo("selection"));
        assertThat(out).doesNotExist();
        if (Files.exists(out.getParent())) {
            try (Stream<Path> left = Files.list(out.getParent())) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void aDamagedBasketReadByATaskIsTheLocalIoErrorAndNothingIsWritten() throws Exception {
        // Bytes in the middle of the second file garbled: its header, keys and tree still read on the driver, a basket
        // fails to inflate in the task that decodes it.
        Path damaged = tmp.resolve("in/DYtautau.root");
        Files.createDirectories(damaged.getParent());
        byte[] bytes = Files.readAllBytes(second);
        for (int i = 0; i < 4_096; i++) {
            bytes[bytes.length / 2 + i] ^= (byte) 0x5A;
        }
        Files.write(damaged, bytes);
        Path out = tmp.resolve("broken/DY_taus.root");
        SkimRequest r = new SkimRequest("DY_taus", toys, List.of(first.toString(), damaged.toString()), null, "taus",
                "taus", "tau_pt > 20", "mytauType", List.of(), List.of(), List.of(), List.of(), null, null, out,
                Compression.ZLIB, 1, 2);
        assertThatThrownBy(() -> Skim.run(r, s -> { })).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SparkSkim.run(spark, r, s -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(damaged.toString());
        assertThat(out).doesNotExist();
    }

    @Test
    void thePluginFindsTheExecutorByNameAndItGivesTheSameBytes() throws Exception {
        StageExecutor e = StageExecutor.load("spark", SparkSkimTest.class.getClassLoader());
        assertThat(e).isInstanceOf(SparkStageExecutor.class);
        Path local = tmp.resolve("local/DY_taus.root");
        Path onSpark = tmp.resolve("spark/DY_taus.root");
        Skim.run(request("tau_pt > 40", EntryRange.ALL, EntryRange.ALL, local, 2), s -> { });
        e.skim(request("tau_pt > 40", EntryRange.ALL, EntryRange.ALL, onSpark, 2),
                new StageExecutor.Settings("local[2]", Map.of()), s -> { });
        assertThat(Files.mismatch(local, onSpark)).isEqualTo(-1);
        assertThatThrownBy(() -> StageExecutor.load("flink", SparkSkimTest.class.getClassLoader()))
                .isInstanceOf(StageExecutor.UnavailableException.class)
                .hasMessageContaining("executors found: spark");
    }
}
