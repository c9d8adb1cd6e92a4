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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The files from the field ({@code ../shared/testdata/root/field}, one per kind of layout users reported: old
 * TBranch v8, baskets without entry offsets, no core StreamerInfo, Double32/Float16, leaf lists,
 * {@code vector<vector<double>>}) against their reference JSON: entries, and per branch the flattened count, sum,
 * first three entries (nested as the reference nests them) and, where the reference lists them, every value.
 * <p>
 * Tolerances are the README's: sums within 1e-9 relative, values exact except Double32/Float16 (1e-12 relative).
 * Two kinds of published uproot numbers are not computed the way ROOT computes them: a 32-bit Double32 range,
 * which ROOT scales by {@code 0xffffffff} ({@code TStreamerElement::GetRange}) and uproot by {@code 2^32}, and
 * Float16 ranges, which ROOT evaluates in double precision before rounding to float
 * ({@code TBufferFile::ReadFastArrayWithFactor}) and uproot in float. For those the stored integer is recovered
 * from the published value with uproot's arithmetic and turned into ROOT's value, which must then agree to 1e-12.
 */
class FieldFixtureReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fieldDir() {
        return Fixtures.dir().resolve("field");
    }

    @TestFactory
    List<DynamicTest> everyFieldFixtureAgreesWithItsReference() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(fieldDir().resolve("reference"))) {
            for (Path ref : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String base = ref.getFileName().toString().replace(".json", "");
                tests.add(DynamicTest.dynamicTest(base, () -> check(ref, fieldDir().resolve(base + ".root"))));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(7);
        return tests;
    }

    private static void check(Path refPath, Path rootPath) throws IOException {
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
                compare(soft, b, c, r);
            }
            soft.assertAll();
        }
    }

    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
            "\\[([-+0-9.eE]+),([-+0-9.eE]+),([0-9]+)]");

    /** The tolerance for one value of a branch: 1e-12 relative for Double32/Float16, else exact. */
    private static double tolerance(Branch b, double expected) {
        return b.layout().packing() != null ? 1e-12 * Math.abs(expected) : 0;
    }

    /** A published uproot value as ROOT computes it from the same stored integer (see the class comment). */
    static double asRoot(Branch b, double published) {
        if (b.layout().packing() == null) {
            return published;
        }
        java.util.regex.Matcher m = RANGE.matcher(b.title());
        if (!m.find()) {
            return published;
        }
        double xmin = Double.parseDouble(m.group(1));
        double range = Double.parseDouble(m.group(2)) - xmin;
        int nbits = Integer.parseInt(m.group(3));
        if (b.layout().packing().float16()) {
            double factor = (1L << nbits) / range;
            long k = Math.round((published - xmin) * factor);
            return (float) (k / factor + xmin);
        }
        if (nbits == 32) {
            long k = Math.round((published - xmin) * (1L << 32) / range);
            return k / (0xffffffffL / range) + xmin;
        }
        return published;
    }

    private static void compare(SoftAssertions soft, Branch b, Column c, JsonNode r) {
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
            sameNumbers(soft, b, nested(c, i), first3.get(i), b.name() + " entry " + i);
        }
        if (r.has("values")) {
            JsonNode values = r.get("values");
            soft.assertThat(values.size()).as(b.name() + " listed values").isEqualTo(c.entries());
            for (int i = 0; i < Math.min(values.size(), c.entries()); i++) {
                sameNumbers(soft, b, nested(c, i), values.get(i), b.name() + " entry " + i);
            }
        }
    }

    /** Entry i as the reference writes it: a number, a list of numbers, or a list of lists. */
    static Object nested(Column c, int i) {
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

    private static void sameNumbers(SoftAssertions soft, Branch b, Object got, JsonNode want, String what) {
        if (want.isArray()) {
            if (!(got instanceof List<?> list)) {
                soft.fail(what + ": expected a list " + want + ", read " + got);
                return;
            }
            soft.assertThat(list).as(what + " size").hasSize(want.size());
            for (int j = 0; j < Math.min(want.size(), list.size()); j++) {
                sameNumbers(soft, b, list.get(j), want.get(j), what + "[" + j + "]");
            }
        } else if (!(got instanceof Double d)) {
            soft.fail(what + ": expected the number " + want + ", read " + got);
        } else {
            double w = asRoot(b, want.asDouble());
            soft.assertThat(d).as(what).isCloseTo(w, within(tolerance(b, w)));
        }
    }
}
