package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TreeWriter#compressOn}: baskets compressed on another executor, several clusters in flight, give the bytes
 * of the default mode, however trees, histograms and directories are interleaved.
 */
class AsyncCompressionTest {
    private static ExecutorService pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** Two trees filled in turn, a histogram and a directory created between their batches. */
    private Path write(String subdir, Function<TreeWriter, TreeWriter> mode) throws IOException {
        TestColumns a = TestColumns.allTypes(2_000, 7, true);
        TestColumns b = TestColumns.allTypes(900, 8, false);
        Path file = Files.createDirectories(dir.resolve(subdir)).resolve("same.root");
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withBasketEntries(64))) {
            TreeWriter ta = mode.apply(w.tree("events", "", a.specs));
            TreeWriter tb = mode.apply(w.tree("sub/other", "", b.specs));
            for (int from = 0; from < 2_000; from += 300) {
                ta.append(a.batch(from, Math.min(2_000, from + 300)));
                if (from < 900) {
                    tb.append(b.batch(from, Math.min(900, from + 300)));
                }
                if (from == 600) {
                    w.histogram("h/x", new TH1("x", "", "TH1D", new double[] {0, 1, 2}, new double[] {1, 2, 3, 4},
                            new double[0], 10));
                }
            }
            tb.close();
        }
        return file;
    }

    @org.junit.jupiter.api.RepeatedTest(3)
    void everyExecutorAndDepthGivesTheDefaultBytes() throws IOException {
        Path reference = write("default", t -> t);
        Executor direct = Runnable::run;
        for (int inFlight : new int[] {0, 1, 4, 100}) {
            Path inline = write("direct-" + inFlight, t -> t.compressOn(direct, inFlight));
            Path pooled = write("pool-" + inFlight, t -> t.compressOn(pool, inFlight));
            assertThat(Files.mismatch(reference, inline)).as("inline, %d in flight", inFlight).isEqualTo(-1);
            assertThat(Files.mismatch(reference, pooled)).as("pool, %d in flight", inFlight).isEqualTo(-1);
        }
        // And the file holds the data: 2,000 entries in 32 baskets of 64 (the last one partial).
        TestColumns a = TestColumns.allTypes(2_000, 7, true);
        try (RootFile f = RootFile.open(write("check", t -> t.compressOn(pool, 2)))) {
            TTree t = f.tree("events");
            assertThat(t.entries()).isEqualTo(2_000);
            Columns read = t.read(a.columns.keySet(), 0, 2_000);
            for (var e : a.columns.entrySet()) {
                Column c = read.get(e.getKey());
                assertThat(c.entries()).isEqualTo(2_000);
                assertThat(java.util.Objects.deepEquals(c.values(), e.getValue().values())).as(e.getKey()).isTrue();
                assertThat(c.offsets()).as(e.getKey()).isEqualTo(e.getValue().offsets());
            }
            assertThat(f.tree("sub/other").entries()).isEqualTo(900);
        }
    }

    @Test
    void compressOnAfterTheFirstAppendIsRefused() throws IOException {
        TestColumns a = TestColumns.allTypes(10, 1, false);
        try (RootWriter w = RootWriter.create(dir.resolve("late.root"))) {
            TreeWriter t = w.tree("events", "", a.specs);
            t.append(a.batch(0, 10));
            assertThatThrownBy(() -> t.compressOn(pool, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before the first append");
        }
    }
}
