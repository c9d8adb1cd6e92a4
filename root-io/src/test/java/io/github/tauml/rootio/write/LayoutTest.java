package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.compress.CompressionException;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.streamer.RObject;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our bytes against ROOT 6.20.04's (uproot-sample-6.20.04-uncompressed.root, tree "sample", and the vector
 * branch of uproot-stl_containers.root). Written with the same content and basket boundaries, records differ
 * only in what must differ: positions, times, and settings the fixture chose otherwise (its 100-byte baskets, its
 * never-flushed clusters).
 */
class LayoutTest {
    private static final String SAMPLE = "uproot-sample-6.20.04-uncompressed.root";
    private static final int ENTRIES = 30;
    /** ROOT's fCompress for "zlib, level 0", which the fixture has: stored raw. */
    private static final WriterOptions UNCOMPRESSED = WriterOptions.defaults().withCompression(Compression.ZLIB, 0);

    private static Column n;
    private static Column ab;

    @TempDir
    Path dir;

    @BeforeAll
    static void readFixtureColumns() throws IOException {
        try (RootFile f = RootFile.open(Fixtures.file(SAMPLE))) {
            TTree t = f.tree("sample");
            n = t.readBranch(t.branch("n"), 0, ENTRIES);
            ab = t.readBranch(t.branch("Ab"), 0, ENTRIES);
        }
    }

    /** Tree "sample" with the fixture's n/I and Ab[n]/O, cut into baskets of {@code perBasket} entries. */
    private Path writeSample(int perBasket) throws IOException {
        Path file = dir.resolve("sample-" + perBasket + ".root");
        try (RootWriter w = RootWriter.create(file, UNCOMPRESSED.withBasketEntries(perBasket))) {
            w.tree("sample", "", List.of(BranchSpec.scalar("n", LeafType.INT32),
                    BranchSpec.jagged("Ab", LeafType.BOOL, "n"))).append(Map.of("n", n, "Ab", ab));
        }
        return file;
    }

    /**
     * The TTree record up to the end of its first branch (n, 7 entries per basket in both files), byte for byte.
     * Offsets are from the start of the payload; the key lengths are equal (40).
     */
    @Test
    void treeRecordMatchesRootUpToTheFirstBranch() throws IOException {
        byte[] root = payload(Fixtures.file(SAMPLE), "sample");
        byte[] ours = payload(writeSample(7), "sample");
        int branchStart = 220; // the first TBranch, after the TTree's fixed members and fBranches' header
        int branchEnd = branchStart + 4 + (RBuffer.getInt(root, branchStart) & ~0x40000000);
        assertThat(RBuffer.getInt(ours, branchStart)).isEqualTo(RBuffer.getInt(root, branchStart));
        List<int[]> differ = List.of(
                new int[] {0, 4},       // TTree byte count: ours has 2 branches, the fixture 35
                new int[] {74, 90},     // fTotBytes, fZipBytes: of 2 branches
                new int[] {98, 106},    // fFlushedBytes: our clusters are flushed; ROOT never reached 30 MB
                new int[] {166, 174},   // fAutoFlush: 7 entries, ROOT's default -30000000 bytes
                new int[] {195, 199},   // fBranches byte count
                new int[] {212, 216},   // number of branches
                new int[] {278, 282},   // fBasketSize: 32000, the fixture chose 100
                new int[] {branchEnd - 81, branchEnd - 1}); // fBasketSeek: positions
        assertSameExcept(ours, root, 0, branchEnd, differ);
    }

    @Test
    void basketsMatchRoot() throws IOException {
        assertBasketsMatch(writeSample(7), "n");   // the fixture has 7 entries per basket of n
        assertBasketsMatch(writeSample(3), "Ab");  // and 3 per basket of Ab, with its entry offset tables
    }

    private static void assertBasketsMatch(Path file, String branch) throws IOException {
        try (RootFile root = RootFile.open(Fixtures.file(SAMPLE)); RootFile ours = RootFile.open(file)) {
            List<Basket> expected = root.tree("sample").branch(branch).baskets();
            List<Basket> actual = ours.tree("sample").branch(branch).baskets();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                byte[] r = root.record(expected.get(i).seek(), expected.get(i).bytes(), "basket");
                byte[] o = ours.record(actual.get(i).seek(), actual.get(i).bytes(), "basket");
                int keylen = Key.read(new RBuffer(r)).keylen();
                int bufferSize = keylen - 19 + 2;
                assertSameExcept(o, r, 0, r.length, List.of(
                        new int[] {10, 14},  // fDatime
                        new int[] {18, 26},  // fSeekKey
                        new int[] {bufferSize, bufferSize + 4})); // fBufferSize: the branch's basket size
                assertThat(o).hasSameSizeAs(r);
            }
        }
    }

    /** Header, top directory, key list, StreamerInfo key and free segments: the same facts hold in both files. */
    @Test
    void fileStructureFollowsRoot() throws IOException {
        for (Path file : List.of(Fixtures.file(SAMPLE), writeSample(7))) {
            RBuffer h = new RBuffer(Files.readAllBytes(file));
            assertThat(new String(h.bytes(4), StandardCharsets.US_ASCII)).isEqualTo("root");
            assertThat(h.i32()).as("fVersion").isEqualTo(62004);
            assertThat(h.i32()).as("fBEGIN").isEqualTo(100);
            int end = h.i32();
            int seekFree = h.i32();
            int nbytesFree = h.i32();
            assertThat(h.i32()).as("nfree").isEqualTo(1);
            int nbytesName = h.i32();
            assertThat(h.u8()).as("fUnits").isEqualTo(4);
            assertThat(h.i32()).as("fCompress").isEqualTo(100);
            int seekInfo = h.i32();
            int nbytesInfo = h.i32();
            assertThat(h.i16()).as("UUID version").isEqualTo((short) 1);
            assertThat(end).isEqualTo(Files.size(file));
            assertThat(seekFree + nbytesFree).as("free segments are the last record").isEqualTo(end);

            h.position(100);
            Key top = Key.read(h);
            // The fixture was renamed after ROOT wrote it; the key keeps the original name.
            String name = top.name();
            assertThat(file.getFileName().toString()).endsWith(name);
            assertThat(top).extracting(Key::version, Key::cycle, Key::seekKey, Key::seekPdir, Key::className,
                    Key::title).containsExactly(4, 1, 100L, 0L, "TFile", "");
            assertThat(nbytesName).isEqualTo(top.keylen() + 2 + name.length());
            assertThat(h.tstring()).isEqualTo(name);
            assertThat(h.tstring()).isEmpty();
            assertThat(h.i16()).as("TDirectory version").isEqualTo((short) 5);
            h.skip(8);
            int nbytesKeys = h.i32();
            assertThat(h.i32()).isEqualTo(nbytesName);
            assertThat(h.i32()).as("fSeekDir").isEqualTo(100);
            assertThat(h.i32()).as("fSeekParent").isZero();
            int seekKeys = h.i32();

            h.position(seekKeys);
            Key keys = Key.read(h);
            assertThat(keys).extracting(Key::nbytes, Key::cycle, Key::seekPdir, Key::className, Key::name)
                    .containsExactly(nbytesKeys, 1, 100L, "TFile", name);
            assertThat(keys.isCompressed()).isFalse();
            assertThat(h.i32()).as("keys listed").isEqualTo(1);
            assertThat(Key.read(h)).extracting(Key::version, Key::cycle, Key::className, Key::name)
                    .containsExactly(4, 1, "TTree", "sample");

            h.position(seekInfo);
            Key info = Key.read(h);
            assertThat(info).extracting(Key::nbytes, Key::keylen, Key::cycle, Key::seekPdir, Key::className,
                    Key::name, Key::title).containsExactly(nbytesInfo, 64, 1, 100L, "TList", "StreamerInfo",
                    "Doubly linked list");

            h.position(seekFree);
            Key free = Key.read(h);
            assertThat(free).extracting(Key::className, Key::name, Key::seekPdir).containsExactly("TFile", name,
                    100L);
            assertThat(h.i16()).as("TFree version").isEqualTo((short) 1);
            assertThat(h.i32()).as("first free byte").isEqualTo(end);
            assertThat(h.i32()).as("last free byte").isEqualTo(2_000_000_000);
        }
    }

    /**
     * A {@code vector<int>} branch against ROOT's (uproot-stl_containers.root, 5 entries in one basket): the
     * TBranchElement and TLeafElement members, the basket header and the uncompressed basket payload.
     */
    @Test
    void vectorBranchMatchesRoot() throws IOException, CompressionException {
        Path stl = Fixtures.file("uproot-stl_containers.root");
        Path file = dir.resolve("vector.root");
        try (RootFile f = RootFile.open(stl)) {
            TTree t = f.tree("tree");
            Column v = t.readBranch(t.branch("vector_int32"), 0, t.entries());
            try (RootWriter w = RootWriter.create(file)) {
                w.tree("tree", "", List.of(BranchSpec.vector("vector_int32", LeafType.INT32)))
                        .append(Map.of("vector_int32", v));
            }
        }
        try (RootFile root = RootFile.open(stl); RootFile ours = RootFile.open(file)) {
            RObject r = branchObject(root, "vector_int32");
            RObject o = branchObject(ours, "vector_int32");
            List<String> positions = List.of("fBasketSeek", "fZipBytes", "fBasketBytes");
            assertThat(o.members().keySet()).containsExactlyElementsOf(r.members().keySet());
            for (String m : r.members().keySet()) {
                if (!positions.contains(m) && !m.equals("fLeaves") && !m.equals("fBaskets")) {
                    assertThat(o.get(m)).as(m).usingRecursiveComparison().isEqualTo(r.get(m));
                }
            }
            RObject rl = (RObject) r.getList("fLeaves").get(0);
            RObject ol = (RObject) o.getList("fLeaves").get(0);
            assertThat(ol.className()).isEqualTo("TLeafElement");
            assertThat(ol.members()).isEqualTo(rl.members());

            Branch rb = root.tree("tree").branch("vector_int32");
            Branch ob = ours.tree("tree").branch("vector_int32");
            byte[] rr = root.record(rb.baskets().get(0).seek(), rb.baskets().get(0).bytes(), "basket");
            byte[] or = ours.record(ob.baskets().get(0).seek(), ob.baskets().get(0).bytes(), "basket");
            Key rk = Key.read(new RBuffer(rr));
            Key ok = Key.read(new RBuffer(or));
            assertThat(ok).extracting(Key::version, Key::objlen, Key::keylen, Key::cycle, Key::className, Key::name,
                    Key::title).containsExactly(rk.version(), rk.objlen(), rk.keylen(), rk.cycle(), rk.className(),
                    rk.name(), rk.title());
            int header = rk.keylen() - 19;
            assertThat(Arrays.copyOfRange(or, header, rk.keylen()))
                    .isEqualTo(Arrays.copyOfRange(rr, header, rk.keylen()));
            assertThat(unzip(or, ok)).isEqualTo(unzip(rr, rk));
        }
    }

    private static RObject branchObject(RootFile f, String name) throws IOException {
        for (Object b : f.readObject(f.key("tree")).getList("fBranches")) {
            if (((RObject) b).getString("fName").equals(name)) {
                return (RObject) b;
            }
        }
        throw new AssertionError("no branch " + name);
    }

    private static byte[] unzip(byte[] record, Key k) throws CompressionException {
        return new Codec().decompress(record, k.keylen(), record.length - k.keylen(), k.objlen());
    }

    private static byte[] payload(Path file, String key) throws IOException {
        try (RootFile f = RootFile.open(file)) {
            return f.payload(f.key(key));
        }
    }

    /** Bytes [from, to) of both arrays are equal outside the given [start, end) ranges. */
    private static void assertSameExcept(byte[] ours, byte[] root, int from, int to, List<int[]> ranges) {
        List<String> unexpected = new ArrayList<>();
        for (int i = from; i < to; i++) {
            int pos = i;
            boolean masked = ranges.stream().anyMatch(r -> pos >= r[0] && pos < r[1]);
            if (!masked && ours[i] != root[i]) {
                unexpected.add(String.format("%d: %02x, ROOT %02x", i, ours[i], root[i]));
            }
        }
        assertThat(unexpected).as("bytes that differ from ROOT's").isEmpty();
    }
}
