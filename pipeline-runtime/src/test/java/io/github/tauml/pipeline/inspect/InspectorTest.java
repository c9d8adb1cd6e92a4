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

        assertThat(text).contains("ROOT 5.32/01 (fVersion 53201), 217945 bytes, compression 1 (zlib, level 1)")
                .contains("events;1", "StreamerInfo;1")
                .contains("TTree events: 2421 entries, 51 branches");
        assertThat(line(text, "  Jet_Px ")).contains("float32[NJet]", "TLeafF", "1 (zlib, level 1)", "14171",
                "20859", "1.47");
        assertThat(line(text, "  NJet ")).contains("int32", "TLeafI");
        assertThat(line(text, "  total ")).isNotEmpty();
    }

    @Test
    void textMarksBranchesTheReaderDoesNotDecode() throws Exception {
        String text = inspect(Fixtures.file("uproot-stl_containers.root"), null, List.of(), Format.TEXT);

        assertThat(line(text, "  vector_vector_int32 ")).contains("vector<vector<int> > *");
        assertThat(line(text, "  vector_int32 ")).contains("vector<int32>").doesNotContain("*");
        assertThat(text).contains("* listed, but root-io does not decode its values");
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
        assertThat(inspect(HZZ, "events;1", List.of("NJet"), Format.TEXT)).contains("TTree events: 2421 entries");
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
