package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vector<vector<T>>} and leaf-list names over batches of several entries, where entry offsets and inner
 * offsets do not start at 0 for every entry (the conformance table has one entry per case).
 */
class NestedExpressionTest {
    /**
     * Four entries of hits per layer: [[1, 2], [3]], [], [[], [4, 5, 6]], [[7]]; float values, and a leaf list
     * {@code ev.run/I:ev.weight/D}.
     */
    private static Columns batch() {
        float[] values = {1, 2, 3, 4, 5, 6, 7};
        int[] outer = {0, 2, 2, 4, 5};
        int[] inner = {0, 2, 3, 3, 6, 7};
        Map<String, Column> columns = new LinkedHashMap<>();
        columns.put("hits", Column.doublyJagged("hits", LeafType.FLOAT32, values, outer, inner));
        columns.put("ev.run", new Column("ev.run", LeafType.INT32, io.github.tauml.rootio.tree.Shape.SCALAR,
                new int[] {10, 11, 12, 13}, null, 1));
        columns.put("ev.weight", new Column("ev.weight", LeafType.FLOAT64, io.github.tauml.rootio.tree.Shape.SCALAR,
                new double[] {0.5, 1.5, 2.5, 3.5}, null, 1));
        columns.put("ev.not", new Column("ev.not", LeafType.INT32, io.github.tauml.rootio.tree.Shape.SCALAR,
                new int[] {0, 1, 0, 1}, null, 1));
        return new Columns(100, 4, columns);
    }

    private static Map<String, ColumnType> schema() {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        schema.put("hits", ColumnType.vectorVector(LeafType.FLOAT32));
        schema.put("ev.run", ColumnType.scalar(LeafType.INT32));
        schema.put("ev.weight", ColumnType.scalar(LeafType.FLOAT64));
        schema.put("ev.not", ColumnType.scalar(LeafType.INT32));
        return schema;
    }

    private static Object values(String source) throws ExpressionException {
        return Expression.compileColumn(source, schema(), -1).evaluate(batch(), "out").values();
    }

    @Test
    void sizesOfEveryEntryAndInnerVector() throws ExpressionException {
        assertThat((long[]) values("hits.size()")).containsExactly(2, 0, 2, 1);
        assertThat((double[]) values("Alt$(hits[1].size(), 99)")).containsExactly(1, 99, 3, 99);
    }

    @Test
    void elementsUseTheEntrysOwnInnerVectors() throws ExpressionException {
        assertThat((float[]) values("hits.size() > 1 && hits[1].size() > 0 ? hits[1][hits[1].size() - 1] : -1.f"))
                .containsExactly(3, -1, 6, -1);
        assertThat((double[]) values("Alt$(hits[0][1], -1) + ev.weight"))
                .containsExactly(2.5, 0.5, 1.5, 2.5);
        assertThat((double[]) values("Alt$(hits[0][0], 0) * 10 + ev.run"))
                .containsExactly(20, 11, 12, 83);
    }

    @Test
    void selectionMixesLeavesAndNestedVectors() throws ExpressionException {
        Expression cut = Expression.compile("ev.run > 10 && hits.size() > 0 && hits[0].size() == 1", schema());
        assertThat(cut.evaluateMask(batch())).containsExactly(false, false, false, true);
        assertThat(cut.branches()).containsExactly("ev.run", "hits");
        // A leaf named like an alternative token ('not') is still a leaf after the dot.
        assertThat(Expression.compile("ev.not && not ev.not == 0", schema()).evaluateMask(batch()))
                .containsExactly(false, true, false, true);
    }

    /** The failure names the entry in the tree (batch start 100 + row 2) and the inner vector. */
    @Test
    void outOfRangeFailsTheEntry() throws ExpressionException {
        Expression cut = Expression.compile("hits.size() == 0 || hits[0][0] > 0", schema());
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> cut.evaluateMask(batch()));
        assertThat(e.problem()).isEqualTo("index 0 is out of range for hits[0] (inner vector 0 of branch 'hits') of"
                + " size 0 at entry 102");
        ExpressionException outer = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("hits[1].size() > 0", schema()).evaluateMask(batch()));
        assertThat(outer.problem()).isEqualTo("index 1 is out of range for branch 'hits' of size 0 at entry 101");
    }

    @Test
    void batchWithAnotherLayoutIsRefused() throws ExpressionException {
        Expression cut = Expression.compile("hits.size() > 0", schema());
        Map<String, Column> flat = new LinkedHashMap<>();
        flat.put("hits", new Column("hits", LeafType.FLOAT32, io.github.tauml.rootio.tree.Shape.VECTOR,
                new float[] {1}, new int[] {0, 1}, 1));
        assertThatThrownBy(() -> cut.evaluateMask(new Columns(0, 1, flat)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was compiled for branch 'hits' as vector<vector<float>>, but the batch holds"
                        + " vector<float>");
    }

    @Test
    void unknownLeafSuggestsTheLeaves() {
        ExpressionException e = catchThrowableOfType(ExpressionException.class,
                () -> Expression.compile("ev.weigth > 1", schema()));
        assertThat(e.problem()).startsWith("unknown leaf 'ev.weigth'").contains("ev.weight");
        assertThat(e.position()).isZero();
    }
}
