package io.github.tauml.pipeline.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expressions over real ROOT files (scikit-hep-testdata, in shared/testdata/root) read by root-io; the totals are
 * jsroot's, from shared/testdata/root/reference/*.json.
 */
class RealTreeTest {

    @Test
    void countedArraysAndCountersAgreeOverTheWholeTree() throws IOException, ExpressionException {
        try (RootFile f = RootFile.open(fixture("uproot-HZZ.root"))) {
            TTree tree = f.tree("events");
            Map<String, ColumnType> schema = ColumnType.schemaOf(tree.branches());
            Expression sizes = Expression.compile("Jet_Px.size() == NJet && Muon_Px.size() == NMuon", schema);
            Expression muons = Expression.compile("NMuon", schema);
            Expression leading = Expression.compile("NJet > 0 && Jet_Px[0] > 20", schema);
            long all = 0;
            long muonSum = 0;
            long leadingCount = 0;
            long leadingByHand = 0;
            try (ColumnBatches batches = tree.batches(List.of("NJet", "Jet_Px", "NMuon", "Muon_Px"), 0,
                    tree.entries(), 500, 1)) {
                while (batches.hasNext()) {
                    Columns b = batches.next();
                    for (boolean ok : sizes.evaluateMask(b)) {
                        all += ok ? 1 : 0;
                    }
                    for (int m : (int[]) muons.evaluate(b, "m").values()) {
                        muonSum += m;
                    }
                    for (boolean pass : leading.evaluateMask(b)) {
                        leadingCount += pass ? 1 : 0;
                    }
                    Column px = b.get("Jet_Px");
                    for (int i = 0; i < px.entries(); i++) {
                        leadingByHand += px.size(i) > 0 && px.getDouble(px.start(i)) > 20 ? 1 : 0;
                    }
                }
            }
            assertThat(all).isEqualTo(2421);
            assertThat(muonSum).isEqualTo(3825);
            assertThat(leadingCount).isEqualTo(leadingByHand).isPositive();
        }
    }

    @Test
    void vectorBranchesAndBranchesExpressionsCannotRead() throws IOException, ExpressionException {
        try (RootFile f = RootFile.open(fixture("uproot-stl_containers.root"))) {
            TTree tree = f.tree("tree");
            Map<String, ColumnType> schema = ColumnType.schemaOf(tree.branches());
            assertThat(schema).containsEntry("vector_int32", ColumnType.vector(LeafType.INT32))
                    .doesNotContainKey("map_int32_int16");
            assertThatThrownBy(() -> ColumnType.of(tree.branch("map_int32_int16")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map<int,short>");
            assertThatThrownBy(() -> Expression.compile("vector_string.size() > 1", schema))
                    .isInstanceOf(ExpressionException.class).hasMessageContaining("holds strings");
            Expression last = Expression.compile("vector_int32[vector_int32.size() - 1]", schema);
            Expression size = Expression.compile("vector_int32.size()", schema);
            Columns all = tree.read(last.branches(), 0, tree.entries());
            // jsroot: 5 entries holding 15 values, the entry i being 1..i+1.
            assertThat((int[]) last.evaluate(all, "last").values()).containsExactly(1, 2, 3, 4, 5);
            assertThat(Arrays.stream((long[]) size.evaluate(all, "n").values()).sum()).isEqualTo(15);
        }
    }

    private static Path fixture(String name) {
        return Fixtures.file(name);
    }
}
