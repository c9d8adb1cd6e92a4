package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.ColumnBuilder;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kinds of layout from the field beyond their one fixture each: baskets without entry offsets read in batches
 * and entry ranges; tree metadata that contradicts the baskets; duplicate branch names; names that are not
 * printable; one branch whose metadata cannot be understood among good ones. The broken files are real files
 * written by root-io without compression, with bytes patched the way a broken writer would leave them.
 */
class FieldKindsTest {
    private static final Path NO_OFFSETS = FixtureReferenceTest.fieldDir()
            .resolve("uproot-small-dy-nooffsets.root");

    @TempDir
    Path tmp;

    @Test
    void basketsWithoutEntryOffsetsReadTheSameInBatchesAndRangesAsWhole() throws IOException {
        List<String> jagged = List.of("Jet_jetId", "Jet_pt", "Muon_charge", "Muon_pt");
        try (RootFile f = RootFile.open(NO_OFFSETS)) {
            TTree t = f.tree("tree");
            Columns whole = t.read(jagged, 0, t.entries());
            for (int threads : new int[] {1, 2}) {
                List<Column> parts = new ArrayList<>();
                try (ColumnBatches b = t.batches(jagged, 0, t.entries(), 37, threads)) {
                    while (b.hasNext()) {
                        parts.add(b.next().get("Muon_pt"));
                    }
                }
                Column joined = Column.concat("Muon_pt", LeafType.FLOAT32, Shape.JAGGED, 1, parts);
                assertThat(joined.offsets()).isEqualTo(whole.get("Muon_pt").offsets());
                assertThat((float[]) joined.values()).isEqualTo((float[]) whole.get("Muon_pt").values());
            }
            // A range that starts and ends inside baskets (the baskets hold entries 0..199, 200..396, ...).
            Column range = t.read(List.of("Jet_pt"), 150, 420).get("Jet_pt");
            Column all = whole.get("Jet_pt");
            assertThat(range.entries()).isEqualTo(270);
            for (int i = 0; i < range.entries(); i++) {
                assertThat(range.size(i)).isEqualTo(all.size(150 + i));
                for (int j = 0; j < range.size(i); j++) {
                    assertThat(range.getDouble(range.start(i) + j)).isEqualTo(all.getDouble(all.start(150 + i) + j));
                }
            }
            // Sizes agree with the counter branch entry by entry.
            Column n = t.read(List.of("nJet"), 0, t.entries()).get("nJet");
            for (int i = 0; i < n.entries(); i++) {
                assertThat((long) all.size(i)).as("entry " + i).isEqualTo(n.getLong(i));
            }
        }
    }

    /** A small uncompressed file: float branches {@code names}, {@code entries} entries, value = 100 * branch + i. */
    private Path write(String fileName, int entries, String... names) throws IOException {
        Path p = tmp.resolve(fileName);
        List<BranchSpec> specs = new ArrayList<>();
        Map<String, Column> batch = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            specs.add(BranchSpec.scalar(names[k], LeafType.FLOAT32));
            ColumnBuilder c = ColumnBuilder.scalar(names[k], LeafType.FLOAT32, entries);
            for (int i = 0; i < entries; i++) {
                c.add(100.0 * k + i);
            }
            batch.put(names[k], c.build());
        }
        try (RootWriter w = RootWriter.create(p, WriterOptions.defaults().withCompression(Compression.NONE, 0))) {
            TreeWriter t = w.tree("hits", "", specs);
            t.append(batch);
        }
        return p;
    }

    /** Replaces every occurrence of {@code from} by {@code to} (same length) in the file's bytes. */
    private static int replaceAll(Path file, byte[] from, byte[] to) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int n = 0;
        for (int i = 0; i + from.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, all, i, to.length);
                n++;
            }
        }
        Files.write(file, all);
        return n;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first occurrence of {@code pattern} in the file. */
    private static int find(Path file, byte[] pattern) throws IOException {
        byte[] all = Files.readAllBytes(file);
        for (int i = 0; i + pattern.length <= all.length; i++) {
            if (Arrays.equals(all, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }

    private static byte[] long64(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    /** Patches the tree's own fEntries: the first 8-byte {@code entries} after the tree's title in its record. */
    private void patchTreeEntries(Path file, long entries, long newValue) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int tree = find(file, ascii("TTree"));
        int hits = tree;
        // The TTree key's name "hits", then the object's TNamed, then TAttLine/Fill/Marker, then fEntries.
        byte[] key = ascii("hits");
        for (int i = tree; i + 4 <= all.length; i++) {
            if (Arrays.equals(all, i, i + 4, key, 0, 4)) {
                hits = i;
                break;
            }
        }
        byte[] want = long64(entries);
        for (int i = hits; i + 8 <= all.length; i++) {
            if (Arrays.equals(all, i, i + 8, want, 0, 8)) {
                System.arraycopy(long64(newValue), 0, all, i, 8);
                Files.write(file, all);
                return;
            }
        }
        throw new AssertionError("fEntries not found");
    }

    @Test
    void coreClassesAreBuiltInAndAMissingLayoutIsNamedWithItsVersion() throws IOException {
        io.github.tauml.rootio.streamer.StreamerRegistry r = new io.github.tauml.rootio.streamer.StreamerRegistry();
        r.builtIn(io.github.tauml.rootio.write.CoreClassLayouts::of);
        assertThat(r.find("TLeafI", 1)).isNotNull();
        assertThat(r.find("TLeaf", 2).elements()).extracting(e -> e.name()).contains("fLen", "fLeafCount");
        assertThat(r.find("TLeaf", 7)).isNull();
        assertThat(r.whyMissing("TLeaf", 7)).contains("TLeaf v7", "built-in description is v2");
        assertThat(r.whyMissing("TMyHit", 3)).contains("TMyHit v3", "none is built in");
        // groot's file has no TLeaf* layouts at all: the built-in ones read it.
        try (RootFile f = RootFile.open(FixtureReferenceTest.fieldDir().resolve("uproot-issue413.root"))) {
            assertThat(f.streamers().all()).noneMatch(c -> c.name().startsWith("TLeaf"));
            TTree t = f.tree("mytree");
            assertThat(t.branches()).allSatisfy(b -> assertThat(b.problem()).isEmpty());
        }
    }

    @Test
    void negativeOrTooLargeEntryCountIsAnErrorNamingFileTreeAndNumbers() throws IOException {
        Path negative = write("negative.root", 1234, "hitX", "hitY");
        patchTreeEntries(negative, 1234, -7);
        try (RootFile f = RootFile.open(negative)) {
            assertThatThrownBy(() -> f.tree("hits")).isInstanceOf(RootIOException.class)
                    .hasMessageContaining(negative.toString()).hasMessageContaining("tree 'hits'")
                    .hasMessageContaining("-7");
        }
        Path large = write("large.root", 1234, "hitX", "hitY");
        patchTreeEntries(large, 1234, 5000);
        try (RootFile f = RootFile.open(large)) {
            assertThatThrownBy(() -> f.tree("hits")).isInstanceOf(RootIOException.class)
                    .hasMessageContaining(large.toString()).hasMessageContaining("tree 'hits'")
                    .hasMessageContaining("5000").hasMessageContaining("1234");
        }
    }

    @Test
    void smallerEntryCountIsReadAsRootReadsItWithAWarning() throws IOException {
        Path small = write("small.root", 1234, "hitX", "hitY");
        patchTreeEntries(small, 1234, 1000);
        try (RootFile f = RootFile.open(small)) {
            TTree t = f.tree("hits");
            assertThat(t.entries()).isEqualTo(1000);
            assertThat(t.warnings()).singleElement().asString().contains("1000", "1234");
            Column y = t.read(List.of("hitY"), 0, t.entries()).get("hitY");
            assertThat(y.entries()).isEqualTo(1000);
            assertThat(y.getDouble(999)).isEqualTo(100 + 999);
            assertThatThrownBy(() -> t.read(List.of("hitY"), 0, 1001)).isInstanceOf(RootIOException.class);
        }
    }

    @Test
    void duplicateBranchNamesAreBothReachable() throws IOException {
        Path dup = write("dup.root", 50, "hitEnd", "hitEnX");
        assertThat(replaceAll(dup, ascii("hitEnX"), ascii("hitEnd"))).isGreaterThan(0);
        try (RootFile f = RootFile.open(dup)) {
            TTree t = f.tree("hits");
            assertThat(t.branches()).extracting(Branch::name).containsExactly("hitEnd", "hitEnd#2");
            assertThat(t.warnings()).anySatisfy(w -> assertThat(w).contains("hitEnd#2"));
            Columns c = t.read(List.of("hitEnd", "hitEnd#2"), 0, 50);
            assertThat(c.get("hitEnd").getDouble(7)).isEqualTo(7);
            assertThat(c.get("hitEnd#2").getDouble(7)).isEqualTo(107);
            assertThat(t.read(List.of(t.branches().get(1).name()), 0, 1).get("hitEnd#2").getDouble(0))
                    .isEqualTo(100);
        }
    }

    @Test
    void namesThatAreNotPrintableAreEscapedAndCutInMessages() throws IOException {
        Path odd = write("odd.root", 10, "hitEnd");
        byte[] raw = {'h', 0x01, 't', (byte) 0x9b, 'n', 'd'};
        replaceAll(odd, ascii("hitEnd"), raw);
        try (RootFile f = RootFile.open(odd)) {
            TTree t = f.tree("hits");
            String name = t.branches().get(0).name();
            String wanted = name + "x".repeat(300);
            assertThatThrownBy(() -> t.branch(wanted)).isInstanceOf(RootIOException.class)
                    .satisfies(e -> {
                        String m = e.getMessage();
                        assertThat(m).contains("h\\x01t\\x9bnd").contains("(306 characters)");
                        assertThat(m.chars().filter(ch -> ch < 0x20 || (ch >= 0x7f && ch < 0xa0))).isEmpty();
                    });
        }
    }

    @Test
    void branchesWithAnUnknownLeafClassAreListedWithTheirReasonAndTheOthersStayReadable() throws IOException {
        // One int branch among the float ones: its TLeafI is the class renamed below; the TLeafF ones stay.
        Path mixed = tmp.resolve("mixed.root");
        Map<String, Column> batch = new LinkedHashMap<>();
        ColumnBuilder x = ColumnBuilder.scalar("hitX", LeafType.FLOAT32, 20);
        ColumnBuilder n = ColumnBuilder.scalar("nHit", LeafType.INT32, 20);
        for (int i = 0; i < 20; i++) {
            x.add(0.5 * i);
            n.add(i);
        }
        batch.put("hitX", x.build());
        batch.put("nHit", n.build());
        try (RootWriter w = RootWriter.create(mixed, WriterOptions.defaults().withCompression(Compression.NONE, 0))) {
            w.tree("hits", "", List.of(BranchSpec.scalar("hitX", LeafType.FLOAT32),
                    BranchSpec.scalar("nHit", LeafType.INT32))).append(batch);
        }
        // The first "TLeafI" followed by NUL is the new-class tag of the leaf in the (uncompressed) tree record.
        int at = find(mixed, ascii("TLeafI\0"));
        byte[] all = Files.readAllBytes(mixed);
        all[at + 5] = 'Q';
        Files.write(mixed, all);
        try (RootFile f = RootFile.open(mixed)) {
            TTree t = f.tree("hits");
            assertThat(t.branches()).extracting(Branch::name).containsExactly("hitX", "nHit");
            Branch broken = t.branch("nHit");
            assertThat(broken.isSupported()).isFalse();
            assertThat(broken.problem()).contains("TLeafQ");
            assertThatThrownBy(() -> t.read(List.of("nHit"), 0, 20)).isInstanceOf(RootIOException.class)
                    .hasMessageContaining("branch 'nHit'").hasMessageContaining("TLeafQ");
            assertThat(t.read(List.of("hitX"), 0, 20).get("hitX").getDouble(19)).isEqualTo(9.5);
        }
    }
}
