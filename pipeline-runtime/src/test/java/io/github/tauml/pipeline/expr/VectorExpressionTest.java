package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Vectors over batches of several entries (offsets, empty entries, batches not starting at entry 0), vector-valued
 * columns, and selections as long as generated run lists.
 */
class VectorExpressionTest {
    private static final Map<String, ColumnType> SCHEMA = Map.of(
            "n", ColumnType.scalar(LeafType.INT32),
            "run", ColumnType.scalar(LeafType.INT32),
            "jet_pt", ColumnType.jagged(LeafType.FLOAT32),
            "jet_eta", ColumnType.jagged(LeafType.FLOAT32),
            "trk", ColumnType.vector(LeafType.INT16),
            "p4", ColumnType.fixed(LeafType.FLOAT64, 4));

    /**
     * Four entries: jets (31, eta 0.5), (), (25, 40, 35; eta 1, -2.5, 0), (50; eta 3); tracks (1, 2), (), (-3),
     * (7, 8, 9).
     */
    private static Columns batch(long first) {
        return new Columns(first, 4, Map.of(
                "n", new Column("n", LeafType.INT32, Shape.SCALAR, new int[] {1, 0, 3, 1}, null, 1),
                "jet_pt", new Column("jet_pt", LeafType.FLOAT32, Shape.JAGGED,
                        new float[] {31, 25, 40, 35, 50}, new int[] {0, 1, 1, 4, 5}, 1),
                "jet_eta", new Column("jet_eta", LeafType.FLOAT32, Shape.JAGGED,
                        new float[] {0.5f, 1, -2.5f, 0, 3}, new int[] {0, 1, 1, 4, 5}, 1),
                "trk", new Column("trk", LeafType.INT16, Shape.VECTOR, new short[] {1, 2, -3, 7, 8, 9},
                        new int[] {0, 2, 2, 3, 6}, 1),
                "p4", new Column("p4", LeafType.FLOAT64, Shape.FIXED, new double[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, null, 4)));
    }

    private static Object values(String source) throws ExpressionException {
        return Expression.compile(source, SCHEMA).evaluate(batch(0), "x").values();
    }

    @Test
    void reductionsFollowEachEntrysOffsets() throws ExpressionException {
        assertThat(values("Sum(jet_pt > 30)")).isEqualTo(new int[] {1, 0, 2, 1});
        assertThat(values("Sum$(jet_pt > 30)")).isEqualTo(new double[] {1, 0, 2, 1});
        assertThat(values("Length$(jet_pt)")).isEqualTo(new int[] {1, 0, 3, 1});
        assertThat(values("Sum(trk)")).isEqualTo(new short[] {3, 0, -3, 24});
        assertThat(values("Max$(trk)")).isEqualTo(new double[] {2, 0, -3, 9});
        assertThat(values("ArgMax(jet_pt)")).isEqualTo(new long[] {0, 0, 1, 0});
        assertThat(values("Sum(p4 * p4) > 100")).isEqualTo(new boolean[] {false, true, true, true});
        assertThat(values("Sum(jet_pt[abs(jet_eta) < 2.4 && jet_pt > 30])")).isEqualTo(new float[] {31, 0, 35, 0});
        assertThat(values("jet_pt[jet_pt > 30].size()")).isEqualTo(new long[] {1, 0, 2, 1});
        assertThat(values("Any(trk > 5) || All(jet_pt > 30)")).isEqualTo(new boolean[] {true, true, false, true});
        assertThat(values("Alt$(jet_pt[2], -1)")).isEqualTo(new double[] {-1, -1, 35, -1});
        assertThat(values("MinIf$(jet_pt, jet_eta > -1)")).isEqualTo(new double[] {31, 0, 25, 50});
    }

    @Test
    void entryNumbersCountFromTheBatchStartAndEntriesIsGiven() throws ExpressionException {
        Expression e = Expression.compile("Entry$ * 10 + Entries$", SCHEMA, 1000);
        assertThat((long[]) e.evaluate(batch(500), "x").values()).containsExactly(6000, 6010, 6020, 6030);
    }

    @Test
    void vectorColumnsHaveTheirOwnOffsets() throws ExpressionException {
        Expression good = Expression.compileColumn("jet_pt[jet_pt > 30]", SCHEMA, -1);
        assertThat(good.isVector()).isTrue();
        assertThat(good.columnType()).isEqualTo(ColumnType.vector(LeafType.FLOAT32));
        Column c = good.evaluate(batch(0), "good_pt");
        assertThat(c.shape()).isEqualTo(Shape.VECTOR);
        assertThat(c.offsets()).containsExactly(0, 1, 1, 3, 4);
        assertThat((float[]) c.values()).containsExactly(31, 40, 35, 50);
        // Element-wise arithmetic keeps RVec's types: short * int is int.
        Column doubled = Expression.compileColumn("trk * 2", SCHEMA, -1).evaluate(batch(0), "t2");
        assertThat(doubled.type()).isEqualTo(LeafType.INT32);
        assertThat((int[]) doubled.values()).containsExactly(2, 4, -6, 14, 16, 18);
        assertThat(doubled.offsets()).containsExactly(0, 2, 2, 3, 6);
        // Scalar columns stay scalar when compiled as columns.
        assertThat(Expression.compileColumn("Sum(jet_pt > 30)", SCHEMA, -1).isVector()).isFalse();
    }

    @Test
    void vectorColumnsGrowPastTheFirstGuess() throws ExpressionException {
        // 5000 entries of 40 tracks each: far more values than entries, so the output buffer must grow.
        int entries = 5000;
        short[] trk = new short[entries * 40];
        int[] offsets = new int[entries + 1];
        for (int i = 0; i < trk.length; i++) {
            trk[i] = (short) (i % 97);
        }
        for (int i = 0; i <= entries; i++) {
            offsets[i] = i * 40;
        }
        Columns b = new Columns(0, entries, Map.of("trk", new Column("trk", LeafType.INT16, Shape.VECTOR, trk,
                offsets, 1)));
        Column c = Expression.compileColumn("Take(trk, Nonzero(trk > 50))", SCHEMA, -1).evaluate(b, "t");
        long expected = 0;
        for (short s : trk) {
            expected += s > 50 ? 1 : 0;
        }
        assertThat(c.offsets()[entries]).isEqualTo(expected);
        for (short s : (short[]) c.values()) {
            assertThat(s).isGreaterThan((short) 50);
        }
    }

    @Test
    void aVectorIsNoSelection() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("jet_pt > 30", SCHEMA));
        assertThat(e.problem()).startsWith("the value is a vector (RVec<int>)");
        assertThatThrownBy(() -> Expression.compileColumn("jet_pt > 30", SCHEMA, -1).evaluateMask(batch(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is a vector");
    }

    @Test
    void emptyMaxAndSizeMismatchNameTheEntry() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("Max(jet_pt) > 30", SCHEMA).evaluateMask(batch(100)));
        assertThat(e.problem()).startsWith("Max of an empty vector").endsWith("at entry 101");
        ExpressionException sizes = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("Sum(jet_pt * trk) > 0", SCHEMA).evaluateMask(batch(0)));
        assertThat(sizes.problem()).isEqualTo("vectors of different sizes (1 and 2); RVec operations on two vectors"
                + " need equal sizes at entry 0");
    }

    /**
     * Vectors are loops in the kernel, not objects: evaluating a million entries allocates the output and the
     * per-batch scratch buffers, a few bytes an entry, where one object an entry would be 16 bytes or more.
     */
    @Test
    void vectorsAllocateNothingPerEntry() throws ExpressionException {
        int entries = 1_000_000;
        Columns b = io.github.tauml.pipeline.expr.bench.JetBatches.batch(0, entries, 3);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (String source : new String[] {"Sum(Jet_pt > 30) >= 2", "Sum(Jet_pt[abs(Jet_eta) < 2.4]) > 60",
            "Jet_pt.size() > 0 && Max(Jet_pt[Jet_eta > -5 || Jet_pt > 20]) > 50",
            "Sum(Take(Jet_pt, Nonzero(Jet_eta > 1))) > 40 || ArgMax(Jet_pt * Jet_eta) == 1",
            "Sum$(Jet_pt > 30) > 1 && Alt$(Jet_pt[2], 0) > 20", "Any(DeltaPhi(Jet_eta, Jet_pt) > 1)"}) {
            Expression e = Expression.compile(source, schemaWithJets());
            e.evaluateMask(b);
            long before = threads.getThreadAllocatedBytes(id);
            boolean[] mask = e.evaluateMask(b);
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            // The mask (1 byte an entry) and a few scratch buffers as long as the longest entry.
            assertThat(allocated).as("bytes allocated by %s", source).isLessThan(entries + 100_000L);
            assertThat(mask).contains(true, false);
        }
    }

    private static Map<String, ColumnType> schemaWithJets() {
        return io.github.tauml.pipeline.expr.bench.JetBatches.schema();
    }

    /** A generated run list: 20,000 terms in one flat || chain. */
    @Test
    void runListOfTwentyThousandTermsCompilesAndSelects() throws ExpressionException {
        SplittableRandom random = new SplittableRandom(8);
        Set<Integer> good = new HashSet<>();
        StringBuilder s = new StringBuilder();
        while (good.size() < 20_000) {
            int r = random.nextInt(1_000_000);
            if (good.add(r)) {
                s.append(s.length() == 0 ? "" : " || ").append("run == ").append(r);
            }
        }
        assertThat(s.length()).isGreaterThan(300_000);
        Expression e = Expression.compile(s.toString(), SCHEMA);
        int entries = 10_000;
        int[] runs = new int[entries];
        for (int i = 0; i < entries; i++) {
            runs[i] = random.nextInt(1_000_000);
        }
        Columns b = new Columns(0, entries, Map.of("run", new Column("run", LeafType.INT32, Shape.SCALAR, runs,
                null, 1)));
        boolean[] mask = e.evaluateMask(b);
        boolean[] values = (boolean[]) e.evaluate(b, "pass").values();
        long passed = 0;
        for (int i = 0; i < entries; i++) {
            assertThat(mask[i]).isEqualTo(good.contains(runs[i]));
            assertThat(values[i]).isEqualTo(mask[i]);
            passed += mask[i] ? 1 : 0;
        }
        assertThat(passed).isGreaterThan(100);
        // The same list negated as an && chain: the complement.
        Expression veto = Expression.compile(s.toString().replace("==", "!=").replace("||", "&&"), SCHEMA);
        boolean[] kept = veto.evaluateMask(b);
        for (int i = 0; i < entries; i++) {
            assertThat(kept[i]).isNotEqualTo(mask[i]);
        }
        // Terms that are no plain comparison with a constant: the chain is split over chunk methods.
        Expression shifted = Expression.compile(s.toString().replace("run ==", "run - 1 =="), SCHEMA);
        boolean[] byChunks = shifted.evaluateMask(new Columns(0, 2000, Map.of("run", b.get("run").slice(0, 2000))));
        for (int i = 0; i < 2000; i++) {
            assertThat(byChunks[i]).isEqualTo(good.contains(runs[i] - 1));
        }
    }

    @Test
    void longChainsOfVectorTermsAndNestedChainsCompile() throws ExpressionException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            s.append(i == 0 ? "" : " || ").append("(Sum(jet_pt > ").append(100 + i)
                    .append(") > 0 && (n == ").append(i + 5).append(" || run == ").append(i).append("))");
        }
        s.append(" || Any(trk == 9)");
        Map<String, Column> cols = new LinkedHashMap<>(batch(0).columns());
        cols.put("run", new Column("run", LeafType.INT32, Shape.SCALAR, new int[] {0, 1, 2, 3}, null, 1));
        boolean[] mask = Expression.compile(s.toString(), SCHEMA).evaluateMask(new Columns(0, 4, cols));
        assertThat(mask).containsExactly(false, false, false, true);
    }

    @Test
    void messagesAboutLongExpressionsShowTheCaretsNeighbourhood() {
        StringBuilder s = new StringBuilder("run == 0");
        for (int i = 1; i < 20_000; i++) {
            s.append(" || run == ").append(i);
        }
        int typo = s.indexOf(" || ", s.length() / 2);
        s.insert(typo, " || rnu == 7");
        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile(s.toString(), SCHEMA));
        String[] lines = e.getMessage().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("unknown branch 'rnu'; did you mean n or run?");
        assertThat(lines[1]).startsWith("...").endsWith("...").contains("|| rnu == 7").hasSizeLessThan(130);
        assertThat(lines[1].charAt(lines[2].length() - 1)).isEqualTo('r');
        assertThat(lines[1].substring(lines[2].length() - 1)).startsWith("rnu == 7");
        assertThat(e.position()).isEqualTo(typo + 4);
        assertThat(e.source()).isEqualTo(s.toString());
    }
}
