package io.github.tauml.pipeline.expr.bench;

import io.github.tauml.pipeline.expr.ColumnType;
import io.github.tauml.pipeline.expr.Expression;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Entries per second of a cut on a {@code vector<vector<float>>} column ({@link #CUT}: sizes of the entry and of an
 * inner vector, then an element), compiled against the same loop over outer and inner offsets written by hand; 1M
 * entries in batches of 65536, 0 to 3 inner vectors of 0 to 3 values each. Run as {@link ExpressionBenchmark}
 * ({@code org.openjdk.jmh.Main NestedBenchmark}); the score (ops/s) is entries/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NestedBenchmark {
    private static final int ENTRIES = 1_000_000;
    private static final int BATCH = 65536;
    public static final String CUT = "hits.size() > 1 && hits[1].size() > 0 && hits[1][0] > 0.5f";

    private Columns[] batches;
    private Expression cut;

    @Setup
    public void setUp() throws ExpressionException {
        SplittableRandom random = new SplittableRandom(6);
        int n = (ENTRIES + BATCH - 1) / BATCH;
        batches = new Columns[n];
        for (int b = 0; b < n; b++) {
            int entries = Math.min(BATCH, ENTRIES - b * BATCH);
            int[] outer = new int[entries + 1];
            int[] inner = new int[entries * 3 + 1];
            float[] values = new float[entries * 9];
            int lists = 0;
            for (int e = 0; e < entries; e++) {
                int k = random.nextInt(4);
                for (int i = 0; i < k; i++) {
                    int m = random.nextInt(4);
                    for (int j = 0; j < m; j++) {
                        values[inner[lists] + j] = (float) random.nextDouble();
                    }
                    inner[lists + 1] = inner[lists] + m;
                    lists++;
                }
                outer[e + 1] = lists;
            }
            int[] usedInner = Arrays.copyOf(inner, lists + 1);
            float[] usedValues = Arrays.copyOf(values, usedInner[lists]);
            batches[b] = new Columns((long) b * BATCH, entries, Map.of("hits",
                    Column.doublyJagged("hits", LeafType.FLOAT32, usedValues, outer, usedInner)));
        }
        cut = Expression.compile(CUT, Map.of("hits", ColumnType.vectorVector(LeafType.FLOAT32)));
        for (Columns c : batches) {
            if (!Arrays.equals(cut.evaluateMask(c), byHand(c))) {
                throw new IllegalStateException("compiled and hand-written cuts disagree");
            }
        }
    }

    /** {@link #CUT} written by hand. */
    static boolean[] byHand(Columns c) {
        Column hits = c.columns().get("hits");
        int[] outer = hits.offsets();
        int[] inner = hits.innerOffsets();
        float[] values = (float[]) hits.values();
        int n = Math.toIntExact(c.entries());
        boolean[] out = new boolean[n];
        for (int e = 0; e < n; e++) {
            int first = outer[e];
            if (outer[e + 1] - first > 1) {
                int k = first + 1;
                out[e] = inner[k + 1] - inner[k] > 0 && values[inner[k]] > 0.5f;
            }
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void compiled(Blackhole bh) throws ExpressionException {
        for (Columns c : batches) {
            bh.consume(cut.evaluateMask(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void handWritten(Blackhole bh) {
        for (Columns c : batches) {
            bh.consume(byHand(c));
        }
    }
}
