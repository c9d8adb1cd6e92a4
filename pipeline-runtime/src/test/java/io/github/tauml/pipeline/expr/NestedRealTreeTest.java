package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Leaf lists ({@code branch.leaf}) and {@code vector<vector<double>>} ({@code x[i][j]}, {@code x.size()}, {@code
 * x[i].size()}) on the field fixtures, read by root-io in batches of 2 entries (so that batches start mid-file): every
 * pass count equals the one jsroot computes with the same cut written in JavaScript over its own reading.
 */
class NestedRealTreeTest {

    /** File, tree, jsroot branch, cut in our language, the same cut in JavaScript over v.<branch>. */
    private static final List<String[]> CUTS = List.of(
            // x per entry: [], [[], []], [[10], [], [10, 20]], [[20, -21, -22]], [[200], [-201], [202]]
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x", "x.size() >= 2", "v.x.length >= 2"},
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x",
                "x.size() > 0 && x[0].size() > 0 && x[0][0] > 15",
                "v.x.length > 0 && v.x[0].length > 0 && v.x[0][0] > 15"},
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x",
                "x.size() > 2 && x[2].size() > 1 && x[2][1] == 20",
                "v.x.length > 2 && v.x[2].length > 1 && v.x[2][1] == 20"},
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x", "Alt$(x[1][0], 0) < 0",
                "(v.x.length > 1 && v.x[1].length > 0 ? v.x[1][0] : 0) < 0"},
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x",
                "x.size() == 1 && x[0].size() == 3 && x[0][1] + x[0][2] < -40",
                "v.x.length == 1 && v.x[0].length == 3 && v.x[0][1] + v.x[0][2] < -40"},
            new String[] {"field/uproot-vectorVectorDouble.root", "t", "x", "x.size() > 1 && x[1].size() == 0",
                "v.x.length > 1 && v.x[1].length == 0"},
            // leaflist x/D:y/I:z/B
            new String[] {"field/uproot-leaflist.root", "tree", "leaflist", "leaflist.x > 2.5", "v.leaflist.x > 2.5"},
            new String[] {"field/uproot-leaflist.root", "tree", "leaflist", "leaflist.y % 2 == 1 && leaflist.z < 101",
                "v.leaflist.y % 2 == 1 && v.leaflist.z < 101"},
            new String[] {"field/uproot-leaflist.root", "tree", "leaflist", "leaflist.x * leaflist.y > 10",
                "v.leaflist.x * v.leaflist.y > 10"},
            // a real leaf list of 31 leaves with fixed arrays inside (orange.Sipos[3]/F)
            new String[] {"field/uproot-issue-398.root", "orange", "orange", "orange.Sipt > 10",
                "v.orange.Sipt > 10"},
            new String[] {"field/uproot-issue-398.root", "orange", "orange",
                "orange.Sipos[2] < -100 && orange.Sincand == 1",
                "v.orange.Sipos[2] < -100 && v.orange.Sincand == 1"},
            new String[] {"field/uproot-issue-398.root", "orange", "orange",
                "orange.Sizuhmom[3] - orange.Sicchmom[3] > 5 || orange.Mc_x > 0.01",
                "Math.fround(v.orange.Sizuhmom[3] - v.orange.Sicchmom[3]) > 5 || v.orange.Mc_x > 0.01"});

    @TestFactory
    Stream<DynamicTest> passCountsAgreeWithJsroot() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] c : CUTS) {
            Path file = VectorRealTreeTest.fixture(c[0]);
            long entries;
            long ours = 0;
            try (RootFile f = RootFile.open(file)) {
                TTree tree = f.tree(c[1]);
                entries = tree.entries();
                Expression cut = Expression.compile(c[3], ColumnType.schemaOf(tree.branches()));
                try (ColumnBatches batches = tree.batches(List.copyOf(cut.branches()), 0, entries, 2, 1)) {
                    while (batches.hasNext()) {
                        for (boolean pass : cut.evaluateMask(batches.next())) {
                            ours += pass ? 1 : 0;
                        }
                    }
                }
            }
            long count = ours;
            tests.add(DynamicTest.dynamicTest(c[3], () -> {
                JsonNode js = JsRoot.script("select-count.mjs", file.toString(), c[1], c[2], c[4]);
                assertThat(js.get("entries").asLong()).isEqualTo(entries);
                assertThat(count).as("%s (jsroot: %s)", c[3], c[4]).isEqualTo(js.get("passed").asLong());
                // No cut may be trivially all or nothing.
                assertThat(count).as(c[3]).isBetween(1L, entries - 1);
            }));
        }
        return tests.stream();
    }

    @Test
    void schemaNamesLeavesAndNestedVectors() throws Exception {
        try (RootFile f = RootFile.open(VectorRealTreeTest.fixture("field/uproot-vectorVectorDouble.root"))) {
            Map<String, ColumnType> schema = ColumnType.schemaOf(f.tree("t").branches());
            assertThat(schema.get("x").shape()).isEqualTo(Shape.VECTOR_VECTOR);
        }
        try (RootFile f = RootFile.open(VectorRealTreeTest.fixture("field/uproot-leaflist.root"))) {
            Map<String, ColumnType> schema = ColumnType.schemaOf(f.tree("tree").branches());
            assertThat(schema).containsKeys("leaflist.x", "leaflist.y", "leaflist.z");
            ExpressionException e = catchThrowableOfType(ExpressionException.class,
                    () -> Expression.compile("leaflist > 1", schema));
            assertThat(e.problem()).isEqualTo("branch 'leaflist' is a leaf list; name one of its leaves as"
                    + " branch.leaf, e.g. leaflist.x, leaflist.y, leaflist.z");
        }
    }

    /** An index out of range fails the entry that has it, named as in the whole tree, not the batch. */
    @Test
    void outOfRangeNamesTheEntry() throws Exception {
        try (RootFile f = RootFile.open(VectorRealTreeTest.fixture("field/uproot-vectorVectorDouble.root"))) {
            TTree tree = f.tree("t");
            Expression cut = Expression.compile("x.size() > 1 && x[1][0] > 0", ColumnType.schemaOf(tree.branches()));
            ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> {
                try (ColumnBatches batches = tree.batches(List.of("x"), 0, tree.entries(), 2, 1)) {
                    while (batches.hasNext()) {
                        cut.evaluateMask(batches.next());
                    }
                }
            });
            // Entry 1 is [[], []]: x[1] is empty.
            assertThat(e).isNotNull();
            assertThat(e.problem()).isEqualTo("index 0 is out of range for x[1] (inner vector 1 of branch 'x') of"
                    + " size 0 at entry 1");
        }
    }
}
