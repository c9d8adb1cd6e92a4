package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our reader reads back exactly what the writer wrote: every type, every shape, every compression. */
class RoundTripTest {
    private static final int ENTRIES = 500;
    private static final int BASKET = 64;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Compression.class)
    void everyTypeAndShapeReadsBackExactly(Compression compression) throws IOException {
        TestColumns data = TestColumns.allTypes(ENTRIES, 11, true);
        Path file = dir.resolve("all-" + compression + ".root");
        int level = compression == Compression.NONE ? 0 : 6;
        // Batches that do not line up with baskets: entries of one basket come from several batches.
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withCompression(compression, level)
                .withBasketEntries(BASKET))) {
            TreeWriter t = w.tree("events", "all types", data.specs);
            t.append(data.batch(0, 137));
            t.append(data.batch(137, 137));
            t.append(data.batch(137, ENTRIES));
            assertThat(t.entries()).isEqualTo(ENTRIES);
        }
        try (RootFile f = RootFile.open(file)) {
            int setting = compression == Compression.NONE ? 0 : 100 * compression.code() + level;
            assertThat(f.compressionSetting()).isEqualTo(setting);
            TTree tree = f.tree("events");
            assertThat(tree.title()).isEqualTo("all types");
            assertThat(tree.entries()).isEqualTo(ENTRIES);
            assertThat(tree.branches()).extracting(Branch::name)
                    .containsExactlyElementsOf(data.specs.stream().map(BranchSpec::name).toList());
            SoftAssertions soft = new SoftAssertions();
            for (BranchSpec spec : data.specs) {
                Branch b = tree.branch(spec.name());
                soft.assertThat(b.type()).as(spec.name()).isEqualTo(spec.type());
                soft.assertThat(b.shape()).as(spec.name()).isEqualTo(spec.shape());
                soft.assertThat(b.compression()).as(spec.name()).isEqualTo(setting);
                soft.assertThat(b.baskets()).as(spec.name() + " baskets").hasSize((ENTRIES + BASKET - 1) / BASKET)
                        .allSatisfy(k -> assertThat(k.firstEntry() % BASKET).isZero());
                Column expected = data.columns.get(spec.name());
                Column actual = tree.readBranch(b, 0, ENTRIES);
                soft.assertThat(actual.values()).as(spec.name() + " values").isEqualTo(expected.values());
                soft.assertThat(actual.offsets()).as(spec.name() + " offsets").isEqualTo(expected.offsets());
                soft.assertThat(actual.fixedLength()).as(spec.name()).isEqualTo(expected.fixedLength());
            }
            soft.assertAll();
            assertBasketsCompressedOrRaw(f, tree, compression);
        }
    }

    /** Compressible baskets are compressed with the chosen algorithm; with NONE every record is stored raw. */
    private static void assertBasketsCompressedOrRaw(RootFile f, TTree tree, Compression compression)
            throws IOException {
        Basket first = tree.branch(TestColumns.COUNTER).baskets().get(0); // small ints: compressible
        byte[] record = f.record(first.seek(), first.bytes(), "basket");
        Key key = Key.read(new RBuffer(record));
        if (compression == Compression.NONE) {
            assertThat(key.isCompressed()).isFalse();
        } else {
            assertThat(key.isCompressed()).isTrue();
            assertThat(new String(record, key.keylen(), 2, StandardCharsets.US_ASCII))
                    .isEqualTo(compression.tag());
        }
    }

    @Test
    void incompressibleBasketsAreStoredRaw() throws IOException {
        Path file = dir.resolve("raw.root");
        // Two entries of random bytes: zlib cannot shrink them.
        byte[] noise = new byte[64];
        new Random(3).nextBytes(noise);
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withCompression(Compression.ZLIB, 9))) {
            w.tree("t", "", List.of(BranchSpec.fixed("x", LeafType.INT8, 32)))
                    .append(Map.of("x", new Column("x", LeafType.INT8, Shape.FIXED, noise, null, 32)));
        }
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("t");
            Basket b = t.branch("x").baskets().get(0);
            Key key = Key.read(new RBuffer(f.record(b.seek(), b.bytes(), "basket")));
            assertThat(key.isCompressed()).isFalse();
            assertThat(t.readBranch(t.branch("x"), 0, 2).values()).isEqualTo(noise);
        }
    }

    @Test
    void automaticBasketSizeAimsAt32kBForTheWidestBranch() throws IOException {
        Path file = dir.resolve("auto.root");
        int n = 20_000;
        try (RootWriter w = RootWriter.create(file)) {
            w.tree("t", "", List.of(BranchSpec.scalar("d", LeafType.FLOAT64), BranchSpec.scalar("b", LeafType.BOOL)))
                    .append(Map.of("d", new Column("d", LeafType.FLOAT64, Shape.SCALAR, new double[n], null, 1),
                            "b", new Column("b", LeafType.BOOL, Shape.SCALAR, new boolean[n], null, 1)));
        }
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("t");
            // 32000 bytes / 8 bytes per double = 4000 entries per basket, for both branches.
            assertThat(t.branch("d").baskets()).hasSize(5).allSatisfy(b -> assertThat(b.entryCount()).isEqualTo(4000));
            assertThat(t.clusterBoundaries(List.of("d", "b"))).containsExactly(0, 4000, 8000, 12000, 16000, 20000);
            assertThat(f.readObject(f.key("t")).getLong("fAutoFlush")).isEqualTo(4000);
        }
    }

    @Test
    void severalTreesFillInterleaved() throws IOException {
        TestColumns a = TestColumns.allTypes(200, 21, true);
        TestColumns b = TestColumns.allTypes(90, 22, true);
        Path file = dir.resolve("two.root");
        try (RootWriter w = RootWriter.create(file, WriterOptions.defaults().withBasketEntries(32))) {
            TreeWriter ta = w.tree("a", "", a.specs);
            TreeWriter tb = w.tree("sub/b", "", b.specs);
            for (int i = 0; i < 10; i++) {
                ta.append(a.batch(20 * i, 20 * i + 20));
                tb.append(b.batch(9 * i, 9 * i + 9));
            }
            tb.close(); // the other tree is closed by the file
        }
        try (RootFile f = RootFile.open(file)) {
            for (var e : Map.of("a", a, "sub/b", b).entrySet()) {
                TTree t = f.tree(e.getKey());
                for (BranchSpec s : e.getValue().specs) {
                    assertThat(t.readBranch(t.branch(s.name()), 0, t.entries()).values()).as(e.getKey() + " "
                            + s.name()).isEqualTo(e.getValue().columns.get(s.name()).values());
                }
            }
        }
    }

    @Test
    void emptyTreeAndEmptyFileAreReadable() throws IOException {
        Path file = dir.resolve("empty.root");
        try (RootWriter w = RootWriter.create(file)) {
            w.tree("t", "", List.of(BranchSpec.scalar("x", LeafType.FLOAT32)));
        }
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree("t");
            assertThat(t.entries()).isZero();
            assertThat(t.readBranch(t.branch("x"), 0, 0).valueCount()).isZero();
        }
        Path nothing = dir.resolve("nothing.root");
        RootWriter.create(nothing).close();
        try (RootFile f = RootFile.open(nothing)) {
            assertThat(f.top().keys()).isEmpty();
        }
    }
}
