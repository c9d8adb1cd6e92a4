package io.github.tauml.pipeline.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.tauml.pipeline.inspect.InspectRequest.Format;
import io.github.tauml.rootio.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every fixture with a jsroot reference, {@code inspect}'s JSON equals the reference: integers exactly, other
 * numbers to 1e-9 relative. The one deliberate difference is listed in {@link #NOT_DECODED}.
 */
class JsonReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VALUE_FIELDS = List.of("first3", "numericCount", "numericSum");

    /**
     * Branches root-io lists but does not decode (nested STL containers). Our JSON deliberately carries an
     * "unsupported" note instead of first3/numericCount/numericSum for them; every other field must still match.
     * If root-io learns to decode one of them, this test fails until the name is removed here.
     */
    private static final Map<String, Set<String>> NOT_DECODED = Map.of("uproot-stl_containers", Set.of(
            "vector_vector_string", "vector_vector_tstring", "vector_set_int32",
            "vector_set_string", "set_int32", "set_string", "map_int32_int16", "map_int32_vector_int16",
            "map_int32_vector_string", "map_int32_set_int16", "map_int32_set_string", "map_string_int16",
            "map_string_vector_int16", "map_string_vector_string", "map_string_set_int16", "map_string_set_string",
            "map_int32_vector_vector_int16", "map_int32_vector_set_int16", "map_string_string",
            "map_string_tstring"));

    /**
     * {@code vector<vector<T>>} branches root-io decodes as doubly-jagged columns, but whose reference was written by
     * an older jsroot-ref.mjs: it shows each inner vector as an object {"0": v0, "1": v1} and leaves nested values
     * out of numericCount/numericSum. first3 is compared after turning those objects into lists; the count and sum
     * are checked in root-io's FixtureReferenceTest (field section) against a reference that flattens them.
     */
    private static final Map<String, Set<String>> NESTED_OLD_REFERENCE = Map.of("uproot-stl_containers",
            Set.of("vector_vector_int32"));

    @TestFactory
    List<DynamicTest> jsonEqualsTheJsrootReferenceForEveryFixture() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path ref : Fixtures.references()) {
            String base = ref.getFileName().toString().replace(".json", "");
            tests.add(DynamicTest.dynamicTest(base, () -> check(base, ref)));
        }
        assertThat(tests).as("reference files").hasSizeGreaterThanOrEqualTo(16);
        return tests;
    }

    private static void check(String base, Path refPath) throws Exception {
        ObjectNode expected = (ObjectNode) JSON.readTree(refPath.toFile());
        InspectReport report = new Inspector().inspect(new InspectRequest(Fixtures.file(base + ".root"),
                expected.get("tree").asText(), List.of(), Format.JSON));
        String rendered = report.render();
        assertThat(rendered).as("one line, like jsroot-ref.mjs prints it").hasLineCount(1);
        ObjectNode actual = (ObjectNode) JSON.readTree(rendered);

        Set<String> notDecoded = NOT_DECODED.getOrDefault(base, Set.of());
        for (String name : notDecoded) {
            ObjectNode ours = (ObjectNode) actual.path("branches").get(name);
            assertThat(ours).as(name + " is listed").isNotNull();
            assertThat(ours.path("unsupported").asText()).as(name + " carries a note").contains("does not decode");
            assertThat(VALUE_FIELDS.stream().filter(ours::has)).as(name + " makes up no values").isEmpty();
            ours.remove("unsupported");
            ((ObjectNode) expected.get("branches").get(name)).remove(VALUE_FIELDS);
        }

        for (String name : NESTED_OLD_REFERENCE.getOrDefault(base, Set.of())) {
            ObjectNode want = (ObjectNode) expected.get("branches").get(name);
            ObjectNode ours = (ObjectNode) actual.path("branches").get(name);
            assertThat(ours.has("unsupported")).as(name + " is decoded").isFalse();
            assertThat(ours.get("numericCount").asLong()).as(name + " counts its nested values").isPositive();
            want.remove(List.of("numericCount", "numericSum"));
            ours.remove(List.of("numericCount", "numericSum"));
            com.fasterxml.jackson.databind.node.ArrayNode first3 = JSON.createArrayNode();
            for (JsonNode entry : want.get("first3")) {
                com.fasterxml.jackson.databind.node.ArrayNode lists = first3.addArray();
                for (JsonNode inner : entry) {
                    com.fasterxml.jackson.databind.node.ArrayNode values = lists.addArray();
                    for (int j = 0; inner.has(String.valueOf(j)); j++) {
                        values.add(inner.get(String.valueOf(j)));
                    }
                }
            }
            want.set("first3", first3);
        }

        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        assertThat(differences).as(base + ": differences from the jsroot reference").isEmpty();
        assertThat(fieldNames(actual.get("branches"))).as("branch order")
                .isEqualTo(fieldNames(expected.get("branches")));
    }

    private static void compare(String path, JsonNode want, JsonNode got, List<String> out) {
        if (want.isNumber() && got.isNumber()) {
            if (want.isIntegralNumber() && got.isIntegralNumber()) {
                if (!want.bigIntegerValue().equals(got.bigIntegerValue())) {
                    out.add(path + ": " + got + " != " + want);
                }
            } else {
                double a = got.doubleValue();
                double b = want.doubleValue();
                if (Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b))) {
                    out.add(path + ": " + got + " != " + want + " (beyond 1e-9 relative)");
                }
            }
        } else if (want.isObject() && got.isObject()) {
            Set<String> names = new TreeSet<>(fieldNames(want));
            names.addAll(fieldNames(got));
            for (String n : names) {
                if (!want.has(n) || !got.has(n)) {
                    out.add(path + "." + n + (want.has(n) ? ": missing" : ": unexpected, " + got.get(n)));
                } else {
                    compare(path + "." + n, want.get(n), got.get(n), out);
                }
            }
        } else if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                out.add(path + ": " + got.size() + " elements, want " + want.size() + ": " + got + " vs " + want);
                return;
            }
            for (int i = 0; i < want.size(); i++) {
                compare(path + "[" + i + "]", want.get(i), got.get(i), out);
            }
        } else if (!want.equals(got)) {
            out.add(path + ": " + got + " != " + want);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
