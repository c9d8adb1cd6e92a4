package io.github.tauml.rootio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture in ../shared/testdata/root, every branch of its reference JSON (written by jsroot, an
 * independent reader): entries, count, sum and first three values agree. A new fixture with a reference JSON
 * adds coverage with no new code. The files from the field ({@code field/}) are checked the same way against their
 * own references, with the tolerances their README gives (see the field section below).
 */
class FixtureReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Nested STL containers: listed by the reader, deliberately not decoded into flat columns. */
    private static final Set<String> NESTED_CONTAINER_PREFIXES = Set.of("vector<vector", "vector<set", "set<",
            "map<", "vector<map", "list<", "deque<", "multiset<", "unordered");

    @TestFactory
    List<DynamicTest> everyFixtureAgreesWithJsroot() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path ref : Fixtures.references()) {
            String base = ref.getFileName().toString().replace(".json", "");
            tests.add(DynamicTest.dynamicTest(base, () -> check(ref, Fixtures.file(base + ".root"))));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(16);
        return tests;
    }

    private static void check(Path refPath, Path rootPath) throws IOException {
        JsonNode ref = JSON.readTree(refPath.toFile());
        try (RootFile f = RootFile.open(rootPath)) {
            assertThat(f.version()).isEqualTo(ref.get("rootVersion").asInt());
            TTree tree = f.tree(ref.get("tree").asText());
            assertThat(tree.entries()).isEqualTo(ref.get("entries").asLong());
            SoftAssertions soft = new SoftAssertions();
            Iterator<Map.Entry<String, JsonNode>> it = ref.get("branches").fields();
            int checked = 0;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Branch b = tree.branch(e.getKey());
                JsonNode r = e.getValue();
                soft.assertThat(b.compression()).as(b.name() + " fCompress").isEqualTo(r.get("compress").asInt());
                if (!b.isSupported()) {
                    String cls = b.className();
                    soft.assertThat(NESTED_CONTAINER_PREFIXES.stream().anyMatch(cls::startsWith))
                            .as(b.name() + " (" + cls + ") should be readable").isTrue();
                    continue;
                }
                Column c = tree.readBranch(b, 0, tree.entries());
                soft.assertThat(c.entries()).as(b.name() + " entries").isEqualTo(tree.entries());
                if (b.shape() == Shape.VECTOR_VECTOR) {
                    compareNested(soft, b, c, r);
                } else {
                    compare(soft, b, c, r);
                }
                checked++;
            }
            soft.assertThat(checked).as("branches checked").isGreaterThan(0);
            soft.assertAll();
        }
    }

    /**
     * {@code vector<vector<T>>}: this folder's jsroot tool writes each inner vector as an object {"0": v0, "1": v1}
     * and leaves nested values out of its count and sum, so the first three entries are compared value by value.
     */
    private static void compareNested(SoftAssertions soft, Branch b, Column c, JsonNode r) {
        JsonNode first3 = r.get("first3");
        soft.assertThat(first3.size()).as(b.name() + " reference entries").isGreaterThan(0);
        for (int i = 0; i < first3.size(); i++) {
            List<List<Double>> want = new ArrayList<>();
            for (JsonNode inner : first3.get(i)) {
                List<Double> list = new ArrayList<>();
                for (int j = 0; inner.has(String.valueOf(j)) || inner.has(j); j++) {
                    list.add((inner.isArray() ? inner.get(j) : inner.get(String.valueOf(j))).asDouble());
                }
                want.add(list);
            }
            List<List<Double>> got = new ArrayList<>();
            for (int k = c.offsets()[i]; k < c.offsets()[i + 1]; k++) {
                List<Double> list = new ArrayList<>();
                for (int v = c.innerOffsets()[k]; v < c.innerOffsets()[k + 1]; v++) {
                    list.add(c.getDouble(v));
                }
                got.add(list);
            }
            soft.assertThat(got).as(b.name() + " entry " + i).isEqualTo(want);
        }
    }

    private static void compare(SoftAssertions soft, Branch b, Column c, JsonNode r) {
        JsonNode first3 = r.get("first3");
        boolean charArray = b.type() == LeafType.INT8 && c.fixedLength() > 1 && first3.size() > 0
                && first3.get(0).isTextual();
        if (b.type() == LeafType.STRING) {
            for (int i = 0; i < first3.size(); i++) {
                JsonNode expected = first3.get(i);
                if (expected.isArray()) {
                    List<String> got = new ArrayList<>();
                    for (int j = 0; j < c.size(i); j++) {
                        got.add(c.getString(c.start(i) + j));
                    }
                    List<String> want = new ArrayList<>();
                    expected.forEach(x -> want.add(x.asText()));
                    soft.assertThat(got).as(b.name() + " entry " + i).isEqualTo(want);
                } else {
                    soft.assertThat(c.getString(i)).as(b.name() + " entry " + i).isEqualTo(expected.asText());
                }
            }
            return;
        }
        if (charArray) {
            // jsroot shows fixed arrays of signed char as latin-1 strings and leaves them out of its sums.
            for (int i = 0; i < first3.size(); i++) {
                String s = first3.get(i).asText();
                for (int j = 0; j < s.length(); j++) {
                    soft.assertThat((byte) s.charAt(j)).as(b.name() + " entry " + i + "[" + j + "]")
                            .isEqualTo((byte) c.getLong(c.start(i) + j));
                }
            }
            soft.assertThat(c.valueCount()).isEqualTo(c.entries() * c.fixedLength());
            return;
        }
        double sum = 0;
        long isum = 0;
        long count = 0;
        for (int i = 0; i < c.valueCount(); i++) {
            double v = c.getDouble(i);
            if (Double.isNaN(v)) {
                continue;
            }
            count++;
            sum += v;
            if (b.type() != LeafType.FLOAT32 && b.type() != LeafType.FLOAT64) {
                isum += c.getLong(i);
            }
        }
        soft.assertThat(count).as(b.name() + " count").isEqualTo(r.get("numericCount").asLong());
        double want = r.get("numericSum").asDouble();
        if (b.type() == LeafType.FLOAT32 || b.type() == LeafType.FLOAT64 || b.type() == LeafType.UINT64) {
            soft.assertThat(sum).as(b.name() + " sum").isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
        } else {
            soft.assertThat((double) isum).as(b.name() + " sum").isEqualTo(want);
        }
        for (int i = 0; i < first3.size(); i++) {
            JsonNode expected = first3.get(i);
            if (expected.isArray()) {
                soft.assertThat(c.size(i)).as(b.name() + " entry " + i + " size").isEqualTo(expected.size());
                for (int j = 0; j < Math.min(expected.size(), c.size(i)); j++) {
                    soft.assertThat(c.getDouble(c.start(i) + j)).as(b.name() + " entry " + i + "[" + j + "]")
                            .isEqualTo(expected.get(j).asDouble());
                }
            } else {
                soft.assertThat(c.getDouble(c.start(i))).as(b.name() + " entry " + i)
                        .isEqualTo(expected.asDouble());
            }
        }
    }

    /*
     * Field fixtures. The files from the field ({@code ../shared/testdata/root/field}, one per kind of layout
     * users reported: old TBranch v8, baskets without entry offsets, no core StreamerInfo, Double32/Float16, leaf
     * lists, {@code vector<vector<double>>}) against their reference JSON: entries, and per branch the flattened count, sum,
     * first three entries (nested as the reference nests them) and, where the reference lists them, every value.
     * <p>
     * Tolerances are the README's: sums within 1e-9 relative, values exact except Double32/Float16 (1e-12 relative).
     * Two kinds of published uproot numbers are not computed the way ROOT computes them: a 32-bit Double32 range,
     * which ROOT scales by {@code 0xffffffff} ({@code TStreamerElement::GetRange}) and uproot by {@code 2^32}, and
     * Float16 ranges, which ROOT evaluates in double precision before rounding to float
     * ({@code TBufferFile::ReadFastArrayWithFactor}) and uproot in float. For those the stored integer is recovered
     * from the published value with uproot's arithmetic and turned into ROOT's value, which must then agree to 1e-12.
     */

    static Path fieldDir() {
        return Fixtures.dir().resolve("field");
    }

    @TestFactory
    List<DynamicTest> everyFieldFixtureAgreesWithItsReference() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(fieldDir().resolve("reference"))) {
            for (Path ref : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String base = ref.getFileName().toString().replace(".json", "");
                tests.add(DynamicTest.dynamicTest(base, () -> checkField(ref, fieldDir().resolve(base + ".root"))));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }

    private static void checkField(Path refPath, Path rootPath) throws IOException {
        JsonNode ref = JSON.readTree(refPath.toFile());
        try (RootFile f = RootFile.open(rootPath)) {
            if (ref.has("rootVersion")) {
                assertThat(f.version()).isEqualTo(ref.get("rootVersion").asInt());
            }
            TTree tree = f.tree(ref.get("tree").asText());
            assertThat(tree.entries()).isEqualTo(ref.get("entries").asLong());
            SoftAssertions soft = new SoftAssertions();
            Iterator<Map.Entry<String, JsonNode>> it = ref.get("branches").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                Branch b = tree.branch(e.getKey());
                JsonNode r = e.getValue();
                soft.assertThat(b.problem()).as(b.name() + " problem").isEmpty();
                soft.assertThat(b.isSupported()).as(b.name() + " readable").isTrue();
                if (!b.isSupported()) {
                    continue;
                }
                if (r.has("compress")) {
                    soft.assertThat(b.compression()).as(b.name() + " fCompress").isEqualTo(r.get("compress").asInt());
                }
                Column c = tree.readBranch(b, 0, tree.entries());
                soft.assertThat(c.entries()).as(b.name() + " entries").isEqualTo(tree.entries());
                compareField(soft, b, c, r);
            }
            soft.assertAll();
        }
    }

    /** The tolerance for one value of a branch: 1e-12 relative for Double32/Float16, else exact. */
    private static double fieldTolerance(Branch b, double expected) {
        return PackedReference.tolerance(b, expected);
    }

    /** A published uproot value as ROOT computes it from the same stored integer (see the class comment). */
    static double asRoot(Branch b, double published) {
        return PackedReference.asRoot(b, published);
    }

    private static void compareField(SoftAssertions soft, Branch b, Column c, JsonNode r) {
        if (b.type() == LeafType.STRING) {
            JsonNode first3 = r.get("first3");
            for (int i = 0; i < first3.size(); i++) {
                soft.assertThat(c.getString(i)).as(b.name() + " entry " + i).isEqualTo(first3.get(i).asText());
            }
            return;
        }
        double sum = 0;
        for (int i = 0; i < c.valueCount(); i++) {
            sum += c.getDouble(i);
        }
        soft.assertThat((long) c.valueCount()).as(b.name() + " count").isEqualTo(r.get("numericCount").asLong());
        double want = r.get("numericSum").asDouble();
        if (b.layout().packing() != null && r.has("values")) {
            want = 0;
            for (JsonNode entry : r.get("values")) {
                for (JsonNode v : entry.isArray() ? entry : List.of(entry)) {
                    want += asRoot(b, v.asDouble());
                }
            }
        }
        double sumTolerance = 1e-9 * Math.max(1, Math.abs(want));
        soft.assertThat(sum).as(b.name() + " sum").isCloseTo(want, within(sumTolerance));
        JsonNode first3 = r.get("first3");
        for (int i = 0; i < first3.size(); i++) {
            sameFieldNumbers(soft, b, nestedEntry(c, i), first3.get(i), b.name() + " entry " + i);
        }
        if (r.has("values")) {
            JsonNode values = r.get("values");
            soft.assertThat(values.size()).as(b.name() + " listed values").isEqualTo(c.entries());
            for (int i = 0; i < Math.min(values.size(), c.entries()); i++) {
                sameFieldNumbers(soft, b, nestedEntry(c, i), values.get(i), b.name() + " entry " + i);
            }
        }
    }

    /** Entry i as the reference writes it: a number, a list of numbers, or a list of lists. */
    static Object nestedEntry(Column c, int i) {
        if (c.shape() == Shape.SCALAR) {
            return c.getDouble(i);
        }
        List<Object> out = new ArrayList<>();
        if (c.shape() == Shape.VECTOR_VECTOR) {
            int[] inner = c.innerOffsets();
            for (int k = c.offsets()[i]; k < c.offsets()[i + 1]; k++) {
                List<Object> list = new ArrayList<>();
                for (int v = inner[k]; v < inner[k + 1]; v++) {
                    list.add(c.getDouble(v));
                }
                out.add(list);
            }
            return out;
        }
        for (int j = 0; j < c.size(i); j++) {
            out.add(c.getDouble(c.start(i) + j));
        }
        return out;
    }

    private static void sameFieldNumbers(SoftAssertions soft, Branch b, Object got, JsonNode want, String what) {
        if (want.isArray()) {
            if (!(got instanceof List<?> list)) {
                soft.fail(what + ": expected a list " + want + ", read " + got);
                return;
            }
            soft.assertThat(list).as(what + " size").hasSize(want.size());
            for (int j = 0; j < Math.min(want.size(), list.size()); j++) {
                sameFieldNumbers(soft, b, list.get(j), want.get(j), what + "[" + j + "]");
            }
        } else if (!(got instanceof Double d)) {
            soft.fail(what + ": expected the number " + want + ", read " + got);
        } else {
            double w = asRoot(b, want.asDouble());
            soft.assertThat(d).as(what).isCloseTo(w, within(fieldTolerance(b, w)));
        }
    }
}
