package io.github.tauml.rootio.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.streamer.ObjectReader;
import io.github.tauml.rootio.tree.LeafType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated StreamerInfo: the catalogue's facts agree with what ROOT 6.20 wrote into the fixtures, checksums
 * are computed as ROOT computes them, and the serializer reproduces ROOT's bytes.
 */
class StreamerInfoTest {
    private static final List<String> ROOT_620 = List.of("uproot-sample-6.20.04-uncompressed.root",
            "uproot-stl_containers.root");

    /** The StreamerInfo record of a fixture: its key, payload and classes in file order. */
    private record Record(Key key, byte[] payload, List<ClassInfo> classes) {
        static Record of(String fixture) throws IOException {
            try (RootFile f = RootFile.open(Fixtures.file(fixture))) {
                RBuffer h = new RBuffer(f.record(0, 63, "header"));
                h.skip(4 + 4 + 4 + 4 + 4 + 4 + 4 + 4 + 1 + 4); // small-file header up to fSeekInfo
                Key key = Key.read(new RBuffer(f.record(h.i32(), h.i32(), "StreamerInfo")));
                byte[] payload = f.payload(key);
                List<ClassInfo> classes = new ArrayList<>();
                Object list = new ObjectReader(f.streamers()).readClass("TList",
                        new RBuffer(payload, 0, payload.length, key.keylen()));
                for (Object o : (List<?>) list) {
                    if (o instanceof ClassInfo c) {
                        classes.add(c);
                    }
                }
                return new Record(key, payload, classes);
            }
        }
    }

    @Test
    void catalogueAgreesWithRootForEveryClassBothKnow() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        List<String> compared = new ArrayList<>();
        for (String fixture : ROOT_620) {
            for (ClassInfo root : Record.of(fixture).classes()) {
                ClassInfo ours = root.name().equals("vector<int>") ? StreamerCatalog.vectorOf(LeafType.INT32)
                        : known(root.name());
                if (ours != null) {
                    soft.assertThat(ours).as(fixture + ": " + root.name()).usingRecursiveComparison().isEqualTo(root);
                    compared.add(root.name());
                }
            }
        }
        soft.assertAll();
        assertThat(compared).contains("TTree", "TBranch", "TBranchElement", "TLeafElement", "TLeafI", "TLeafO",
                "TLeafB", "TLeafS", "TLeafL", "TLeafF", "TLeafD", "TLeaf", "TObjArray", "TList", "TNamed", "TObject",
                "TAttLine", "TAttFill", "TAttMarker", "ROOT::TIOFeatures", "TCollection", "TSeqCollection", "TString",
                "TBranchRef", "TRefTable", "vector<int>");
    }

    private static ClassInfo known(String name) {
        try {
            return StreamerCatalog.info(name);
        } catch (IllegalArgumentException notInCatalogue) {
            return null;
        }
    }

    /**
     * ROOT's checksum over name, bases and members, for every class of the fixtures, including pairs and vectors
     * the writer never streams. Maps and sets are left out (ROOT hashes their default template arguments), and so
     * is TSeqCollection, whose checksum counts a member its StreamerInfo does not list (the catalogue adds it).
     */
    @Test
    void checksumsAreComputedAsRootComputesThem() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (String fixture : ROOT_620) {
            for (ClassInfo c : Record.of(fixture).classes()) {
                if (c.name().startsWith("map<") || c.name().startsWith("set<") || c.name().equals("TSeqCollection")) {
                    continue;
                }
                soft.assertThat(ClassChecksum.of(c, List.of())).as(c.name()).isEqualTo(c.checksum());
                checked++;
            }
        }
        soft.assertAll();
        assertThat(checked).isGreaterThan(40);
    }

    /** The histogram classes are in no fixture: their checksums are the ones ROOT 6.20 writes. */
    @Test
    void histogramClassChecksumsAreRoots() {
        Map<String, Long> root = Map.of("TH1D", 0xf9b1569fL, "TH1", 0x1c3740c4L, "TAxis", 0x5a496e70L,
                "TAttAxis", 0x5c6fff3eL, "THashList", 0xcc7e49c1L, "TArrayD", 0x7139ef34L);
        root.forEach((name, checksum) -> assertThat(StreamerCatalog.info(name).checksum()).as(name)
                .isEqualTo(checksum));
    }

    @Test
    void listsTheClassesRootLists() throws IOException {
        List<String> leaves = Arrays.stream(LeafType.values()).map(LeafType::leafClass).distinct().toList();
        List<String> roots = new ArrayList<>(List.of("TTree", "TBranch"));
        roots.addAll(leaves);
        assertThat(StreamerCatalog.closure(roots, List.of())).extracting(ClassInfo::name)
                .containsExactlyInAnyOrderElementsOf(Record.of(ROOT_620.get(0)).classes().stream()
                        .map(ClassInfo::name).toList());
        // What ROOT lists for a TH1D; TArrayD and TArray have hand-written streamers and are not listed.
        assertThat(StreamerCatalog.closure(List.of("TH1D"), List.of())).extracting(ClassInfo::name)
                .containsExactlyInAnyOrder("TH1D", "TH1", "TNamed", "TObject", "TString", "TAttLine", "TAttFill",
                        "TAttMarker", "TAxis", "TAttAxis", "THashList", "TList", "TSeqCollection", "TCollection");
    }

    /**
     * Given ROOT's class list, the serializer writes ROOT's bytes: every TStreamerInfo, element and tag. The
     * fixtures' lists end with one more object (ROOT's schema-evolution rules), which only changes the list's
     * byte count (bytes 0..3) and size (bytes 17..20).
     */
    @ParameterizedTest
    @ValueSource(strings = {"uproot-sample-6.20.04-uncompressed.root", "uproot-stl_containers.root"})
    void serializerReproducesRootsBytes(String fixture) throws IOException {
        Record r = Record.of(fixture);
        byte[] ours = StreamerInfoWriter.payload(r.classes(), r.key().keylen());
        assertThat(ours.length).isLessThan(r.payload().length);
        assertThat(Arrays.copyOfRange(ours, 21, ours.length))
                .isEqualTo(Arrays.copyOfRange(r.payload(), 21, ours.length));
        assertThat(Arrays.copyOfRange(ours, 4, 17)).isEqualTo(Arrays.copyOfRange(r.payload(), 4, 17));
        assertThat(RBuffer.getInt(ours, 17)).isEqualTo(r.classes().size());
    }
}
