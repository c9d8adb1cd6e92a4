package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The API over batches of several entries: layouts, short-circuiting, messages and misuse. */
class ExpressionTest {
    private static final Map<String, ColumnType> SCHEMA = Map.of(
            "n", ColumnType.scalar(LeafType.INT32),
            "pt", ColumnType.scalar(LeafType.FLOAT32),
            "jet_pt", ColumnType.jagged(LeafType.FLOAT32),
            "trk", ColumnType.vector(LeafType.INT16),
            "p4", ColumnType.fixed(LeafType.FLOAT64, 4));

    /** Four entries: jets (1.5), (), (2.5, 3.5, 4.5), (40); tracks (1, 2), (), (-3), (7, 8, 9). */
    private static Columns batch(long first) {
        return new Columns(first, 4, Map.of(
                "n", new Column("n", LeafType.INT32, Shape.SCALAR, new int[] {1, 0, 3, 1}, null, 1),
                "pt", new Column("pt", LeafType.FLOAT32, Shape.SCALAR, new float[] {10, 20, Float.NaN, 40}, null, 1),
                "jet_pt", new Column("jet_pt", LeafType.FLOAT32, Shape.JAGGED,
                        new float[] {1.5f, 2.5f, 3.5f, 4.5f, 40}, new int[] {0, 1, 1, 4, 5}, 1),
                "trk", new Column("trk", LeafType.INT16, Shape.VECTOR, new short[] {1, 2, -3, 7, 8, 9},
                        new int[] {0, 2, 2, 3, 6}, 1),
                "p4", new Column("p4", LeafType.FLOAT64, Shape.FIXED, new double[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, null, 4)));
    }

    @Test
    void evaluatesEveryEntryOfEveryLayout() throws ExpressionException {
        assertThat(values("n > 0 && jet_pt[n - 1] > 2")).isEqualTo(new boolean[] {false, false, true, true});
        assertThat(values("trk.size() > 1 ? trk[1] : -1")).isEqualTo(new int[] {2, -1, -1, 8});
        assertThat(values("p4[3] - p4[0]")).isEqualTo(new double[] {3, 3, 3, 3});
        assertThat(values("jet_pt.size()")).isEqualTo(new long[] {1, 0, 3, 1});
        assertThat(values("pt * 2")).isEqualTo(new float[] {20, 40, Float.NaN, 80});
    }

    @Test
    void maskIsTheBooleanContextOfTheValue() throws ExpressionException {
        Expression e = Expression.compile("pt - 20", SCHEMA);
        assertThat(e.resultType()).isEqualTo(LeafType.FLOAT32);
        // 10-20, 20-20 = 0, NaN (true in C++), 40-20
        assertThat(e.evaluateMask(batch(0))).containsExactly(true, false, true, true);
    }

    @Test
    void rightOperandIsNotEvaluatedWhenTheLeftDecides() throws ExpressionException {
        assertThat(mask("jet_pt.size() > 0 && jet_pt[0] > 1")).containsExactly(true, false, true, true);
        assertThat(mask("n == 0 || jet_pt[0] > 2")).containsExactly(false, true, true, true);
        assertThat(mask("n ? jet_pt[0] > 2 : true")).containsExactly(false, true, true, true);
        assertThat(mask("!(n == 0) && trk.size() > 1 && trk[1] == 8")).containsExactly(false, false, false, true);
    }

    @Test
    void resultColumnHasTheCppTypeAndTheGivenName() throws ExpressionException {
        Column c = Expression.compile("trk.size() > 0 ? trk[0] : trk.size()", SCHEMA).evaluate(batch(0), "first");
        assertThat(c.name()).isEqualTo("first");
        assertThat(c.type()).isEqualTo(LeafType.UINT64);
        assertThat(c.shape()).isEqualTo(Shape.SCALAR);
        assertThat(c.entries()).isEqualTo(4);
        assertThat((long[]) c.values()).containsExactly(1, 0, -3, 7);
    }

    @Test
    void branchesAreListedOnceInOrderOfFirstUse() throws ExpressionException {
        Expression e = Expression.compile("jet_pt[0] > pt && n > 1 && pt < 100 && jet_pt.size() > 2", SCHEMA);
        assertThat(e.branches()).containsExactly("jet_pt", "pt", "n");
        assertThat(e.source()).isEqualTo("jet_pt[0] > pt && n > 1 && pt < 100 && jet_pt.size() > 2");
        assertThat(Expression.compile("1 + 2", SCHEMA).branches()).isEmpty();
    }

    @Test
    void anExpressionWithoutBranchesFillsTheBatch() throws ExpressionException {
        Column c = Expression.compile("TMath::Pi() > 3", SCHEMA).evaluate(new Columns(0, 3, Map.of()), "c");
        assertThat((boolean[]) c.values()).containsExactly(true, true, true);
        assertThat(Expression.compile("1", SCHEMA).evaluateMask(new Columns(0, 0, Map.of()))).isEmpty();
    }

    @Test
    void evaluationErrorNamesTheEntryAndPointsAtTheOperator() throws ExpressionException {
        Expression e = Expression.compile("n > 0 && jet_pt[1] > 2", SCHEMA);
        ExpressionException x = catchThrowableOfType(ExpressionException.class, () -> e.evaluateMask(batch(1000)));
        assertThat(x.getMessage()).isEqualTo("""
                index 1 is out of range for branch 'jet_pt' of size 1 at entry 1000
                n > 0 && jet_pt[1] > 2
                               ^""");
        Expression div = Expression.compile("10 / (n - 1)", SCHEMA);
        assertThat(catchThrowableOfType(ExpressionException.class, () -> div.evaluate(batch(50), "d")).problem())
                .isEqualTo("integer division by zero at entry 50");
    }

    @Test
    void syntaxErrorShowsTheLineWithACaret() {
        ExpressionException x = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("(pt > 30 && n > 1", SCHEMA));
        assertThat(x.getMessage()).isEqualTo("""
                expected ')', found end of expression
                (pt > 30 && n > 1
                                 ^""");
        assertThat(x.source()).isEqualTo("(pt > 30 && n > 1");
    }

    @Test
    void caretIsUnderTheErrorOnItsOwnLineWithTabsKept() {
        ExpressionException x = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("pt > 30 &&\n\tn > 1 && jet_ptt[0] < 2", SCHEMA));
        assertThat(x.getMessage())
                .isEqualTo("unknown branch 'jet_ptt'; did you mean jet_pt?\n\tn > 1 && jet_ptt[0] < 2\n\t         ^");
        assertThat(x.position()).isEqualTo(21);
    }

    @Test
    void unknownFunctionWithNothingCloseListsTheKnownOnes() {
        ExpressionException x = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("ROOT::Math::VectorUtil::Perp(pt)", SCHEMA));
        assertThat(x.problem()).startsWith("unknown function 'ROOT::Math::VectorUtil::Perp'; known functions: abs,"
                + " acos, asin,").contains("tanh (also with std::), TMath::ACos, TMath::ASin,")
                .contains("TMath::TanH; on vectors All, Any, ArgMax,").endsWith("Max$, MaxIf$, Min$, MinIf$, Sum$");
    }

    @Test
    void errorAtTheEndPointsJustAfterTheLastToken() {
        ExpressionException x = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("pt > 30 &&\n", SCHEMA));
        assertThat(x.getMessage()).isEqualTo("expected an operand, found end of expression\npt > 30 &&\n          ^");
    }

    @Test
    void expressionsBeyondTheJvmsLimitsAreErrors() {
        String wide = "jet_pt[n - 1]";
        for (int i = 0; i < 12; i++) {
            wide = "(" + wide + " + " + wide + ")";
        }
        String wideSource = wide;
        assertThatThrownBy(() -> Expression.compile(wideSource, SCHEMA)).isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("expression is too large to compile");
        String deep = "(".repeat(200_000) + "1" + ")".repeat(200_000);
        assertThatThrownBy(() -> Expression.compile(deep, SCHEMA)).isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("expression is nested too deeply to compile");
    }

    @Test
    void stringAndTwoDimensionalBranchesAreRefusedByName() {
        Map<String, ColumnType> schema = Map.of(
                "name", new ColumnType(LeafType.STRING, Shape.STRING, 1),
                "cov", new ColumnType(LeafType.FLOAT32, Shape.JAGGED, 3));
        assertThatThrownBy(() -> Expression.compile("name == 1", schema)).isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("branch 'name' holds strings (string); expressions compute on numbers only");
        assertThatThrownBy(() -> Expression.compile("cov[0] > 1", schema)).isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("branch 'cov' (float[][3]) has two dimensions");
    }

    @Test
    void batchMustHoldTheBranchesWithTheirCompiledTypes() throws ExpressionException {
        Expression e = Expression.compile("n > 1 && pt > 2", SCHEMA);
        Columns missing = new Columns(0, 1, Map.of("n", new Column("n", LeafType.INT32, Shape.SCALAR, new int[1],
                null, 1)));
        assertThatThrownBy(() -> e.evaluateMask(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads branch 'pt', which the batch lacks");
        Columns retyped = new Columns(0, 1, Map.of(
                "n", new Column("n", LeafType.INT64, Shape.SCALAR, new long[1], null, 1),
                "pt", new Column("pt", LeafType.FLOAT32, Shape.SCALAR, new float[1], null, 1)));
        assertThatThrownBy(() -> e.evaluateMask(retyped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compiled for branch 'n' as int, but the batch holds long long");
    }

    @Test
    void oneExpressionServesManyThreads() throws Exception {
        Expression e = Expression.compile(ReferenceSelection.SELECTION, ReferenceSelection.schema());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Columns b = ReferenceSelection.batch(0, 5_000, seed);
                    return Arrays.equals(e.evaluateMask(b), ReferenceSelection.handWritten(b, false));
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object values(String source) throws ExpressionException {
        return Expression.compile(source, SCHEMA).evaluate(batch(0), "x").values();
    }

    private static boolean[] mask(String source) throws ExpressionException {
        return Expression.compile(source, SCHEMA).evaluateMask(batch(0));
    }
}
