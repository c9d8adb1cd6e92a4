package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBuilder;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaf lists ({@code x/D:n/I:v[3]/F:q/B}) written by root-io next to an ordinary branch: the reader gives every
 * leaf back as {@code branch.leaf}, and jsroot (the field folder's script, which splits leaf lists) reads the same
 * counts and sums with no byte-count mismatch.
 */
class LeafListWriteTest {
    @TempDir
    Path dir;

    @Test
    void leafListsRoundTripAndJsrootAgrees() throws IOException {
        int n = 2500;
        ColumnBuilder x = ColumnBuilder.scalar("ev.x", LeafType.FLOAT64, n);
        ColumnBuilder k = ColumnBuilder.scalar("ev.n", LeafType.INT32, n);
        ColumnBuilder v = new ColumnBuilder("ev.v", LeafType.FLOAT32, Shape.FIXED, 3, 3 * n);
        ColumnBuilder q = ColumnBuilder.scalar("ev.q", LeafType.INT8, n);
        ColumnBuilder w = ColumnBuilder.scalar("w", LeafType.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            x.add(i * 0.5);
            k.add(i % 7 - 3);
            v.add(i).add(-i).add(0.25 * i);
            q.add(i % 100);
            w.add(1.5);
        }
        Map<String, Column> batch = new LinkedHashMap<>();
        for (ColumnBuilder b : List.of(x, k, v, q, w)) {
            batch.put(b.name(), b.build());
        }
        BranchSpec list = BranchSpec.leafList("ev", List.of(BranchSpec.scalar("x", LeafType.FLOAT64),
                BranchSpec.scalar("n", LeafType.INT32), BranchSpec.fixed("v", LeafType.FLOAT32, 3),
                BranchSpec.scalar("q", LeafType.INT8)));
        Path file = dir.resolve("leaflist.root");
        try (RootWriter out = RootWriter.create(file, WriterOptions.defaults().withCompression(Compression.ZLIB, 1)
                .withBasketEntries(1000))) {
            out.tree("t", "", List.of(list, BranchSpec.scalar("w", LeafType.FLOAT32))).append(batch);
        }
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("t");
            assertThat(t.branches()).extracting(Branch::name).containsExactly("ev.x", "ev.n", "ev.v", "ev.q", "w");
            assertThat(t.branch("ev.v").title()).isEqualTo("x/D:n/I:v[3]/F:q/B");
            Columns c = t.read(List.of("ev.x", "ev.n", "ev.v", "ev.q", "w"), 0, n);
            for (String name : batch.keySet()) {
                Column want = batch.get(name);
                Column got = c.get(name);
                assertThat(got.entries()).as(name).isEqualTo(n);
                assertThat(got.fixedLength()).as(name).isEqualTo(want.fixedLength());
                for (int i = 0; i < want.valueCount(); i++) {
                    assertThat(got.getDouble(i)).as(name + "[" + i + "]").isEqualTo(want.getDouble(i));
                }
            }
            Column mid = t.read(List.of("ev.v"), 990, 1010).get("ev.v");
            assertThat(mid.getDouble(3 * 15 + 1)).isEqualTo(-1005);
            // Batches share each basket among the leaves (one cursor per leaf list), on 1 and 2 threads.
            for (int threads : new int[] {1, 2}) {
                long seen = 0;
                try (var batches = t.batches(List.of("w", "ev.q", "ev.v", "ev.x"), 0, n, 333, threads)) {
                    while (batches.hasNext()) {
                        Columns bc = batches.next();
                        assertThat(bc.columns().keySet()).containsExactly("w", "ev.q", "ev.v", "ev.x");
                        for (String name : bc.columns().keySet()) {
                            Column got = bc.get(name);
                            Column want = batch.get(name);
                            for (int i = 0; i < got.valueCount(); i++) {
                                assertThat(got.getDouble(i)).isEqualTo(want.getDouble((int) seen * got.fixedLength()
                                        + i));
                            }
                        }
                        seen += bc.entries();
                    }
                }
                assertThat(seen).isEqualTo(n);
            }
        }
        JsonNode ref = JsRoot.fieldReference(file, "t");
        assertThat(ref.get("entries").asLong()).isEqualTo(n);
        for (String name : List.of("ev.x", "ev.n", "ev.v", "ev.q", "w")) {
            JsonNode r = ref.at("/branches/" + name);
            Column c = batch.get(name);
            double sum = 0;
            for (int i = 0; i < c.valueCount(); i++) {
                sum += c.getDouble(i);
            }
            assertThat(r.get("numericCount").asLong()).as(name).isEqualTo(c.valueCount());
            assertThat(r.get("numericSum").asDouble()).as(name).isCloseTo(sum, within(1e-9 * Math.max(1, sum)));
        }
    }
}
