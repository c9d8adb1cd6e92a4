package io.github.tauml.pipeline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.pipeline.inspect.InspectException.Subject;
import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import io.github.tauml.rootio.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HZZ = Fixtures.file("uproot-HZZ.root");

    private final Inspector inspector = new Inspector();

    private String inspect(Path file, String tree, List<String> branches, Format format) throws Exception {
        return inspector.inspect(new InspectRequest(file, tree, branches, format)).render();
    }

    @Test
    void textListsVersionKeysTreeAndBranchTable() throws Exception {
        String text = inspect(HZZ, null, List.of(), Format.TEXT);

        assertThat(text).contains("ROOT 5.32/01 (fVersion 53201), 217,945 bytes, compression 1 (zlib, level 1)")
                .contains("events;1", "StreamerInfo;1")
                .contains("TTree events: 2,421 entries, 51 branches");
        assertThat(line(text, "  Jet_Px ")).contains("float32[NJet]", "TLeafF", "1 (zlib, level 1)", "14,171",
                "20,859", "1.47");
        assertThat(line(text, "  NJet ")).contains("int32", "TLeafI");
        assertThat(line(text, "  total ")).isNotEmpty();
    }

    @Test
    void textMarksBranchesTheReaderDoesNotDecode() throws Exception {
        String text = inspect(Fixtures.file("uproot-stl_containers.root"), null, List.of(), Format.TEXT);

        assertThat(line(text, "  vector_vector_string ")).contains("vector<vector<string> > *");
        assertThat(line(text, "  vector_vector_int32 ")).contains("vector<vector<int32>>").doesNotContain("*");
        assertThat(line(text, "  vector_int32 ")).contains("vector<int32>").doesNotContain("*");
        assertThat(text).contains("* listed, but root-io cannot read its values:")
                .contains("vector_vector_string: objects of class 'vector<vector<string> >'");
    }

    private static final Path FIELD = Fixtures.dir().resolve("field");

    @Test
    void oneUnreadableBranchDoesNotTakeTheTreeDown(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("nooffsets-broken.root");
        Files.copy(FIELD.resolve("uproot-small-dy-nooffsets.root"), copy);
        long seek;
        try (io.github.tauml.rootio.RootFile f = io.github.tauml.rootio.RootFile.open(copy)) {
            seek = f.tree("tree").branch("Jet_pt").baskets().get(0).seek();
        }
        byte[] all = Files.readAllBytes(copy);
        byte[] cls = "TBasket".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = (int) seek;
        while (!Arrays.equals(all, at, at + cls.length, cls, 0, cls.length)) {
            at++;
        }
        all[at + 4] = 'X';
        Files.write(copy, all);

        String rendered = inspect(copy, "tree", List.of(), Format.JSON);
        JsonNode json = JSON.readTree(rendered);
        assertThat(json.at("/branches/Jet_pt/unsupported").asText()).contains("TBasXet", "basket 0");
        assertThat(json.at("/branches/Jet_pt/numericCount").isMissingNode()).isTrue();
        assertThat(json.at("/branches/Muon_pt/numericCount").asLong()).isEqualTo(302);
        assertThat(json.at("/branches/Muon_pt/numericSum").asDouble()).isCloseTo(10095.197049617767,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(json.at("/branches/nJet/numericSum").asLong()).isEqualTo(2165);
        assertThat(json.at("/branches/Jet_jetId/numericSum").asLong()).isEqualTo(6224);
    }

    @Test
    void leafListsAreListedAsBranchDotLeafAndNestedVectorsAsLists() throws Exception {
        JsonNode leaves = JSON.readTree(inspect(FIELD.resolve("uproot-leaflist.root"), "tree", List.of(),
                Format.JSON));
        assertThat(fieldNames(leaves.get("branches"))).containsExactly("leaflist.x", "leaflist.y", "leaflist.z");
        assertThat(leaves.at("/branches/leaflist.z/numericSum").asLong()).isEqualTo(495);
        JsonNode nested = JSON.readTree(inspect(FIELD.resolve("uproot-vectorVectorDouble.root"), "t", List.of(),
                Format.JSON));
        assertThat(nested.at("/branches/x/first3").toString()).isEqualTo("[[],[[],[]],[[10],[],[10,20]]]");
        assertThat(nested.at("/branches/x/numericCount").asLong()).isEqualTo(9);
        assertThat(nested.at("/branches/x/numericSum").asLong()).isEqualTo(218);
    }

    @Test
    void jsonNeverWritesABranchKeyTwice(@TempDir Path tmp) throws Exception {
        Path dup = tmp.resolve("dup.root");
        io.github.tauml.rootio.tree.ColumnBuilder a = io.github.tauml.rootio.tree.ColumnBuilder.scalar("hitEnd",
                io.github.tauml.rootio.tree.LeafType.INT32, 4);
        io.github.tauml.rootio.tree.ColumnBuilder b = io.github.tauml.rootio.tree.ColumnBuilder.scalar("hitEnX",
                io.github.tauml.rootio.tree.LeafType.INT32, 4);
        for (int i = 0; i < 4; i++) {
            a.add(i);
            b.add(10 + i);
        }
        try (io.github.tauml.rootio.write.RootWriter w = io.github.tauml.rootio.write.RootWriter.create(dup,
                io.github.tauml.rootio.write.WriterOptions.defaults()
                        .withCompression(io.github.tauml.rootio.compress.Compression.NONE, 0))) {
            var int32 = io.github.tauml.rootio.tree.LeafType.INT32;
            w.tree("hits", "", List.of(io.github.tauml.rootio.write.BranchSpec.scalar("hitEnd", int32),
                    io.github.tauml.rootio.write.BranchSpec.scalar("hitEnX", int32)))
                    .append(java.util.Map.of("hitEnd", a.build(), "hitEnX", b.build()));
        }
        byte[] all = Files.readAllBytes(dup);
        String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).replace("hitEnX", "hitEnd");
        Files.write(dup, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        String rendered = inspect(dup, "hits", List.of(), Format.JSON);
        assertThat(rendered.split("\"hitEnd\":", -1)).hasSize(2);
        JsonNode json = JSON.readTree(rendered);
        assertThat(fieldNames(json.get("branches"))).containsExactly("hitEnd", "hitEnd#2");
        assertThat(json.at("/branches/hitEnd/numericSum").asLong()).isEqualTo(6);
        assertThat(json.at("/branches/hitEnd#2/numericSum").asLong()).isEqualTo(46);
        assertThat(json.get("warnings").toString()).contains("hitEnd#2");
    }

    @Test
    void jsonWithoutTreeUsesTheOnlyTreeAndKeepsTreeOrderOfBranches() throws Exception {
        JsonNode json = JSON.readTree(inspect(HZZ, null, List.of("Jet_Px", "NJet"), Format.JSON));

        assertThat(json.get("tree").asText()).isEqualTo("events");
        assertThat(fieldNames(json.get("branches"))).containsExactly("NJet", "Jet_Px");
        assertThat(json.at("/branches/NJet/numericSum").asLong()).isEqualTo(2773);
        assertThat(json.at("/branches/Jet_Px/numericCount").asLong()).isEqualTo(2773);
    }

    @Test
    void jsonIsAsciiSoThatAnyConsoleEncodingKeepsIt() throws Exception {
        String json = inspect(Fixtures.file("uproot-sample-6.20.04-zlib.root"), "sample", List.of("ai1"),
                Format.JSON);

        assertThat(json.chars().allMatch(c -> c < 128)).as(json).isTrue();
        assertThat(JSON.readTree(json).at("/branches/ai1/first3/0").asText()).isEqualTo("\u00f2\u00f3\u00f4");
    }

    @Test
    void treeCanBeNamedWithItsCycle() throws Exception {
        assertThat(inspect(HZZ, "events;1", List.of("NJet"), Format.TEXT)).contains("TTree events: 2,421 entries");
        assertThatThrownBy(() -> inspect(HZZ, "events;7", List.of(), Format.TEXT))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.TREE))
                .hasMessageContaining("no tree 'events;7'");
    }

    @Test
    void unknownBranchesAreNamedWithTheClosestNames() {
        assertThatThrownBy(() -> inspect(HZZ, "events", List.of("NJet", "Jet_Pxx", "Muon_Iso2"), Format.JSON))
                .isInstanceOfSatisfying(InspectException.class,
                        e -> assertThat(e.subject()).isEqualTo(Subject.BRANCH))
                .hasMessageContaining(HZZ.toString())
                .hasMessageContaining("tree 'events'")
                .hasMessageContaining("no branch 'Jet_Pxx' (did you mean Jet_Px")
                .hasMessageContaining("no branch 'Muon_Iso2' (did you mean Muon_Iso")
                .hasMessageNotContaining("'NJet'");
    }

    @Test
    void unknownTreeListsTheTreesAndTheClosestName() {
        assertThatThrownBy(() -> inspect(HZZ, "event", List.of(), Format.TEXT))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.TREE))
                .hasMessageContaining("no tree 'event'; did you mean events?")
                .hasMessageContaining("its trees: events");
    }

    @Test
    void anObjectThatIsNotATreeIsNamedAsSuch() {
        assertThatThrownBy(() -> inspect(HZZ, "StreamerInfo", List.of(), Format.TEXT))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.TREE))
                .hasMessageContaining("'StreamerInfo' is a TList, not a TTree");
    }

    @Test
    void missingFileIsAFileProblem(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope.root");
        assertThatThrownBy(() -> inspect(missing, null, List.of(), Format.TEXT))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.FILE))
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aFileThatIsNotRootIsAFileProblem(@TempDir Path tmp) throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.root"), "these are not the bytes you are looking for\n"
                .repeat(10));
        assertThatThrownBy(() -> inspect(text, null, List.of(), Format.TEXT))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.FILE))
                .hasMessageContaining(text.toString())
                .hasMessageContaining("not a ROOT file");
    }

    @Test
    void aTruncatedFileIsAFileProblem(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(HZZ);
        Path cut = Files.write(tmp.resolve("cut.root"), Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> inspect(cut, null, List.of(), Format.JSON))
                .isInstanceOfSatisfying(InspectException.class, e -> assertThat(e.subject()).isEqualTo(Subject.FILE))
                .hasMessageContaining(cut.toString())
                .hasMessageContaining("truncated");
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in\n" + text));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
