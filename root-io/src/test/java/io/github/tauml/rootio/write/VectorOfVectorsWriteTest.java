package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.JsRoot;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vector<vector<T>>} branches copied unchanged: the field fixture's {@code vector<vector<double>>} and a
 * larger random {@code vector<vector<float>>} over several baskets are written by root-io, read back equal, and
 * read by jsroot (an independent reader) with the same values and no byte-count mismatch.
 */
class VectorOfVectorsWriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFieldFixtureIsCopiedUnchangedAndJsrootReadsTheCopy() throws IOException {
        Path source = Fixtures.dir().resolve("field/uproot-vectorVectorDouble.root");
        Column x;
        try (RootFile f = RootFile.open(source)) {
            TTree t = f.tree("t");
            x = t.read(List.of("x"), 0, t.entries()).get("x");
        }
        Path copy = dir.resolve("copy.root");
        try (RootWriter w = RootWriter.create(copy)) {
            w.tree("t", "", List.of(BranchSpec.vectorOfVectors("x", LeafType.FLOAT64))).append(Map.of("x", x));
        }
        try (RootFile f = RootFile.open(copy)) {
            TTree t = f.tree("t");
            Branch b = t.branch("x");
            assertThat(b.shape()).isEqualTo(Shape.VECTOR_VECTOR);
            assertThat(b.className()).isEqualTo("vector<vector<double> >");
            Column back = t.read(List.of("x"), 0, t.entries()).get("x");
            assertThat(back.offsets()).isEqualTo(x.offsets());
            assertThat(back.innerOffsets()).isEqualTo(x.innerOffsets());
            assertThat((double[]) back.values()).isEqualTo((double[]) x.values());
            // The class checksum ROOT 6.08 wrote for the same class.
            assertThat(f.streamers().find("vector<vector<double> >", 6).checksum()).isEqualTo(2217838159L);
        }
        JsonNode want = JSON.readTree(Fixtures.dir().resolve("field/reference/uproot-vectorVectorDouble.json")
                .toFile()).at("/branches/x");
        JsonNode got = JsRoot.fieldReference(copy, "t").at("/branches/x");
        assertThat(got.get("first3")).isEqualTo(want.get("first3"));
        assertThat(got.get("numericCount")).isEqualTo(want.get("numericCount"));
        assertThat(got.get("numericSum").asDouble()).isEqualTo(want.get("numericSum").asDouble());
    }

    @Test
    void manyEntriesOverSeveralBasketsRoundTripAndJsrootAgrees() throws IOException {
        int entries = 3000;
        Random rnd = new Random(6);
        int[] outer = new int[entries + 1];
        int lists = 0;
        int[] sizes = new int[entries * 4];
        int values = 0;
        for (int i = 0; i < entries; i++) {
            int n = rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                sizes[lists++] = rnd.nextInt(5);
                values += sizes[lists - 1];
            }
            outer[i + 1] = lists;
        }
        int[] inner = new int[lists + 1];
        for (int k = 0; k < lists; k++) {
            inner[k + 1] = inner[k] + sizes[k];
        }
        float[] v = new float[values];
        double sum = 0;
        for (int j = 0; j < values; j++) {
            v[j] = (float) rnd.nextGaussian();
            sum += v[j];
        }
        Column hits = Column.doublyJagged("hits", LeafType.FLOAT32, v, outer, inner);
        Path file = dir.resolve("many.root");
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withCompression(Compression.LZ4, 4)
                .withBasketEntries(700))) {
            TreeWriter t = w.tree("events", "", List.of(BranchSpec.vectorOfVectors("hits", LeafType.FLOAT32)));
            t.append(Map.of("hits", hits.slice(0, 1000)));
            t.append(Map.of("hits", hits.slice(1000, entries)));
        }
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("events");
            assertThat(t.branch("hits").baskets()).hasSizeGreaterThan(1);
            Column back = t.read(List.of("hits"), 0, entries).get("hits");
            assertThat(back.offsets()).isEqualTo(outer);
            assertThat(back.innerOffsets()).isEqualTo(inner);
            assertThat((float[]) back.values()).isEqualTo(v);
            Column mid = t.read(List.of("hits"), 650, 1450).get("hits");
            assertThat(mid.entries()).isEqualTo(800);
            assertThat(mid.size(0)).isEqualTo(outer[651] - outer[650]);
        }
        JsonNode ref = JsRoot.fieldReference(file, "events").at("/branches/hits");
        assertThat(ref.get("numericCount").asLong()).isEqualTo(values);
        assertThat(ref.get("numericSum").asDouble()).isCloseTo(sum, within(1e-9 * Math.max(1, Math.abs(sum))));
    }
}
