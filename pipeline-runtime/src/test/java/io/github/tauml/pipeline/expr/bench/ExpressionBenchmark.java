package io.github.tauml.pipeline.expr.bench;

import io.github.tauml.pipeline.expr.Expression;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.pipeline.expr.ReferenceSelection;
import io.github.tauml.rootio.tree.Columns;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Entries per second of the reference workflow's skim selection on 1M entries, compiled against written by hand;
 * and of two selections over a jagged jet collection (about three jets an entry): a reduction,
 * {@code Sum(Jet_pt > 30) >= 2}, and a mask with a sum, {@code Sum(Jet_pt[abs(Jet_eta) < 2.4]) > 60}, each against
 * the loop over the entry offsets written by hand.
 * Not run by the tests; from the repository root:
 * <pre>
 * ./mvnw -q -o -pl root-io,pipeline-runtime -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * cd pipeline-runtime
 * java -cp target/test-classes:target/classes:$(cat target/bench.classpath) org.openjdk.jmh.Main ExpressionBenchmark
 * </pre>
 * The score (ops/s) is entries/s: one operation is one entry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpressionBenchmark {
    private static final int ENTRIES = 1_000_000;

    /** Entries per batch: ROOT-reader-sized batches, and the whole million at once. */
    @Param({"65536", "1000000"})
    public int batchEntries;

    /** An RVec reduction and an RVec mask over the jagged jets. */
    public static final String REDUCTION = "Sum(Jet_pt > 30) >= 2";
    public static final String MASK = "Sum(Jet_pt[abs(Jet_eta) < 2.4]) > 60";

    private Columns[] batches;
    private Columns[] jets;
    private Expression selection;
    private Expression reduction;
    private Expression mask;

    @Setup
    public void setUp() throws ExpressionException {
        int n = (ENTRIES + batchEntries - 1) / batchEntries;
        batches = new Columns[n];
        for (int b = 0; b < n; b++) {
            long first = (long) b * batchEntries;
            batches[b] = ReferenceSelection.batch(first, (int) Math.min(batchEntries, ENTRIES - first), b);
        }
        selection = Expression.compile(ReferenceSelection.SELECTION, ReferenceSelection.schema());
        for (Columns c : batches) {
            if (!Arrays.equals(selection.evaluateMask(c), ReferenceSelection.handWritten(c, false))) {
                throw new IllegalStateException("compiled and hand-written selections disagree");
            }
        }
        jets = new Columns[n];
        for (int b = 0; b < n; b++) {
            long first = (long) b * batchEntries;
            jets[b] = JetBatches.batch(first, (int) Math.min(batchEntries, ENTRIES - first), b);
        }
        reduction = Expression.compile(REDUCTION, JetBatches.schema());
        mask = Expression.compile(MASK, JetBatches.schema());
        for (Columns c : jets) {
            if (!Arrays.equals(reduction.evaluateMask(c), JetBatches.reductionByHand(c))
                    || !Arrays.equals(mask.evaluateMask(c), JetBatches.maskByHand(c))) {
                throw new IllegalStateException("compiled and hand-written jet selections disagree");
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void reductionCompiled(Blackhole bh) throws ExpressionException {
        for (Columns c : jets) {
            bh.consume(reduction.evaluateMask(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void reductionHandWritten(Blackhole bh) {
        for (Columns c : jets) {
            bh.consume(JetBatches.reductionByHand(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void maskCompiled(Blackhole bh) throws ExpressionException {
        for (Columns c : jets) {
            bh.consume(mask.evaluateMask(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void maskHandWritten(Blackhole bh) {
        for (Columns c : jets) {
            bh.consume(JetBatches.maskByHand(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void compiled(Blackhole bh) throws ExpressionException {
        for (Columns c : batches) {
            bh.consume(selection.evaluateMask(c));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void handWritten(Blackhole bh) {
        for (Columns c : batches) {
            bh.consume(ReferenceSelection.handWritten(c, false));
        }
    }
}
