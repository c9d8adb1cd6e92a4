package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range reads, batch streaming and parallel decoding give exactly what one whole read gives. */
class ColumnarReadTest {

    private static List<String> readable(TTree t) {
        return t.branches().stream().filter(Branch::isSupported).map(Branch::name).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uproot-HZZ.root", "uproot-sample-6.20.04-zlib.root", "uproot-issue60.root",
            "uproot-small-flat-tree.root", "uproot-stl_containers.root"})
    void batchesOfAnySizeEqualTheWholeRead(String fixture) throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file(fixture))) {
            TTree t = f.tree(f.top().keys().stream().filter(k -> k.className().equals("TTree")).findFirst()
                    .orElseThrow().name());
            List<String> names = readable(t);
            Columns whole = t.read(names, 0, t.entries());
            for (int batch : new int[] {1, 3, 7, 1000, (int) t.entries() + 5}) {
                for (int threads : new int[] {1, 2}) {
                    List<Columns> parts = new ArrayList<>();
                    long start = Math.min(2, t.entries());
                    try (ColumnBatches it = t.batches(names, start, t.entries(), batch, threads)) {
                        it.forEachRemaining(parts::add);
                    }
                    for (String n : names) {
                        List<Column> pieces = parts.stream().map(c -> c.get(n)).toList();
                        Column joined = Column.concat(n, pieces.get(0).type(), pieces.get(0).shape(),
                                pieces.get(0).fixedLength(), pieces);
                        assertSame(whole.get(n).slice((int) start, (int) t.entries()), joined,
                                fixture + " " + n + " batch " + batch + " threads " + threads);
                    }
                }
            }
        }
    }

    @Test
    void parallelReadEqualsSerialRead() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-Zmumu-lz4.root"))) {
            TTree t = f.tree("events");
            List<String> names = readable(t);
            Columns serial = t.read(names, 100, 2000, 1);
            Columns parallel = t.read(names, 100, 2000, 4);
            for (String n : names) {
                assertSame(serial.get(n), parallel.get(n), n);
            }
            assertThat(serial.entries()).isEqualTo(1900);
            assertThat(serial.get("Run").getLong(0)).isEqualTo(t.read(List.of("Run"), 100, 101).get("Run").getLong(0));
        }
    }

    @Test
    void jaggedRangeKeepsEntryBoundaries() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-HZZ.root"))) {
            TTree t = f.tree("events");
            Column px = t.read(List.of("Jet_Px"), 0, t.entries()).get("Jet_Px");
            Column n = t.read(List.of("NJet"), 0, t.entries()).get("NJet");
            assertThat(px.shape()).isEqualTo(Shape.JAGGED);
            for (int i = 0; i < t.entries(); i++) {
                assertThat(px.size(i)).as("entry " + i).isEqualTo((int) n.getLong(i));
            }
            assertThat(px.valueCount()).isEqualTo(2773);
            assertThat(px.getDouble(px.start(1))).isEqualTo(-38.87471389770508);
        }
    }

    @Test
    void rangeOutsideTheTreeIsAnError() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-HZZ.root"))) {
            TTree t = f.tree("events");
            assertThatThrownBy(() -> t.read(List.of("NJet"), 0, t.entries() + 1))
                    .isInstanceOf(RootIOException.class).hasMessageContaining("outside [0, 2421)");
        }
    }

    @Test
    void nestedContainersAreListedButRefusedWithTheirType() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file("uproot-stl_containers.root"))) {
            TTree t = f.tree("tree");
            Branch b = t.branch("map_int32_int16");
            assertThat(b.isSupported()).isFalse();
            assertThatThrownBy(() -> t.read(List.of("map_int32_int16"), 0, 1))
                    .isInstanceOf(RootIOException.class)
                    .hasMessageContaining("map<int,short>");
            assertThat(t.branch("vector_int32").typeName()).isEqualTo("vector<int32>");
        }
    }

    private static void assertSame(Column a, Column b, String what) {
        assertThat(b.entries()).as(what + " entries").isEqualTo(a.entries());
        assertThat(b.values()).as(what + " values").isEqualTo(a.values());
        assertThat(b.offsets()).as(what + " offsets").isEqualTo(a.offsets());
    }
}
