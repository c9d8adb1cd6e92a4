package io.github.tauml.rootspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.rootio.PackedReference;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture with a jsroot reference JSON (../shared/testdata/root/reference and field/reference), read through
 * {@code spark.read.format("root")} in local[2]: the schema holds exactly the branches root-io can read as columns,
 * and for each of them the entry count, the count and sum of all values and the first three entries (and every
 * entry, where the reference lists them) equal the reference. A new fixture with a reference JSON adds coverage with
 * no new code.
 * <p>
 * Every branch root-io reads as a column, of every kind it reads ({@code vector<vector<T>>} as
 * {@code array<array<T>>}, leaves of leaf lists as {@code branch.leaf}, Double32/Float16, old TBranch layouts,
 * files without StreamerInfo, duplicate names {@code name#2}), must be in the inferred schema.
 * <p>
 * Double32_t/Float16_t: the field references hold the numbers the uproot project publishes, which for a 32-bit
 * Double32 range and for Float16 ranges are not computed as ROOT computes them. As in root-io's
 * {@code FixtureReferenceTest}, the stored integer is recovered from the published value and turned into ROOT's
 * value ({@link PackedReference#asRoot}), which must then agree to 1e-12 relative (the field README's tolerance);
 * every other value must agree exactly.
 */
class FixtureReferenceSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> everyFixtureAgreesWithJsroot() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path dir : List.of(SparkTests.fixtures(), SparkTests.fixtures().resolve("field"))) {
            try (Stream<Path> s = Files.list(dir.resolve("reference"))) {
                for (Path ref : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    String base = ref.getFileName().toString().replace(".json", "");
                    Path root = dir.resolve(base + ".root");
                    // The main fixtures are all readable by root-io; field/ files may use layouts it does not read yet.
                    boolean mustCheck = dir.equals(SparkTests.fixtures());
                    tests.add(DynamicTest.dynamicTest(dir.getFileName() + "/" + base,
                            () -> check(ref, root, mustCheck, !mustCheck)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(16);
        return tests;
    }

    /**
     * @param field a file of {@code field/}, whose reference tool flattens nested vectors into its count and sum
     *              (the main folder's jsroot tool leaves them out, so only their entries are compared)
     */
    private static void check(Path refPath, Path rootPath, boolean mustCheck, boolean field) throws IOException {
        JsonNode ref = JSON.readTree(refPath.toFile());
        String treeName = ref.get("tree").asText();
        List<String> undecodable = new ArrayList<>();
        try (RootFile f = RootFile.open(rootPath)) {
            TTree tree = f.tree(treeName);
            for (Branch b : tree.branches()) {
                if (b.isSupported()) {
                    try {
                        tree.readBranch(b, 0, tree.entries());
                    } catch (IOException e) {
                        undecodable.add(b.name());
                    }
                }
            }
        } catch (IOException rootIoCannot) {
            // A tree root-io cannot read: the data source must say so, naming the file, before reading anything.
            assertThatThrownBy(() -> SparkTests.spark().read().format("root").option("tree", treeName)
                    .load(rootPath.toString()).count())
                    .hasMessageContaining(rootPath.getFileName().toString());
            return;
        }
        Dataset<Row> all = SparkTests.spark().read().format("root").option("tree", treeName)
                .option("partitionEntries", "1000").load(rootPath.toString());
        for (String name : undecodable) {
            // Listed but not decodable by root-io (e.g. generated entry offsets): reading it fails naming the
            // file and the branch; the other branches still read.
            assertThatThrownBy(() -> SparkTests.spark().read().format("root").option("tree", treeName)
                    .option("branches", name).load(rootPath.toString()).collectAsList())
                    .hasMessageContaining(rootPath.getFileName().toString()).hasMessageContaining(name);
        }
        // Chosen with the branches option, not by name in Spark: the sample files have branches whose names differ
        // only in case, which Spark resolves case-insensitively by default.
        Dataset<Row> df = SparkTests.spark().read().format("root").option("tree", treeName)
                .option("partitionEntries", "1000").option("branches", String.join(",", Arrays.stream(all.columns())
                        .filter(c -> !undecodable.contains(c)).toList())).load(rootPath.toString());
        List<String> columns = Arrays.asList(df.columns());
        List<Row> rows = df.collectAsList();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat((long) rows.size()).as("entries").isEqualTo(ref.get("entries").asLong());
        int checked = 0;
        int readable = 0;
        try (RootFile f = RootFile.open(rootPath)) {
            TTree tree = f.tree(treeName);
            for (Branch b : tree.branches()) {
                soft.assertThat(Arrays.asList(all.columns()).contains(b.name()))
                        .as(b.name() + " (" + b.typeName() + ") in the schema").isEqualTo(RootSchema.typeOf(b) != null);
                if (b.isSupported()) {
                    soft.assertThat(RootSchema.typeOf(b)).as(b.name() + " (" + b.typeName() + ", " + b.shape()
                            + ") is read by root-io and needs a Spark type").isNotNull();
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = ref.get("branches").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                boolean rootIoReads = tree.hasBranch(e.getKey()) && tree.branch(e.getKey()).isSupported()
                        && !undecodable.contains(e.getKey());
                readable += rootIoReads ? 1 : 0;
                int col = columns.indexOf(e.getKey());
                if (col < 0) {
                    soft.assertThat(rootIoReads)
                            .as(e.getKey() + " is readable by root-io but missing from the Spark schema").isFalse();
                    continue;
                }
                compare(soft, tree.branch(e.getKey()), rows, col, e.getValue(), field);
                checked++;
            }
        }
        soft.assertThat(checked).as("branches checked").isEqualTo(readable);
        if (mustCheck) {
            soft.assertThat(checked).as("branches checked").isGreaterThan(0);
        }
        soft.assertAll();
    }

    /** The values of one entry as a flat list (arrays, arrays of arrays) or a one-element list (scalars). */
    private static List<?> values(Row row, int col) {
        List<Object> out = new ArrayList<>();
        flatten(row.get(col), out);
        return out;
    }

    private static void flatten(Object v, List<Object> out) {
        if (v instanceof scala.collection.Seq<?> seq) {
            scala.collection.Iterator<?> it = seq.iterator();
            while (it.hasNext()) {
                flatten(it.next(), out);
            }
        } else {
            out.add(v);
        }
    }

    /** One value as Spark returned it, with arrays (of arrays) as Java lists. */
    private static Object nested(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            List<Object> out = new ArrayList<>();
            scala.collection.Iterator<?> it = seq.iterator();
            while (it.hasNext()) {
                out.add(nested(it.next()));
            }
            return out;
        }
        return v;
    }

    private static double asDouble(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    private static void compare(SoftAssertions soft, Branch b, List<Row> rows, int col, JsonNode r, boolean field) {
        JsonNode first3 = r.get("first3");
        String name = b.name();
        if (b.type() == LeafType.STRING) {
            for (int i = 0; i < first3.size(); i++) {
                JsonNode expected = first3.get(i);
                if (expected.isArray()) {
                    List<String> want = new ArrayList<>();
                    expected.forEach(x -> want.add(x.asText()));
                    soft.assertThat(values(rows.get(i), col)).as(name + " entry " + i).isEqualTo(want);
                } else {
                    soft.assertThat(rows.get(i).getString(col)).as(name + " entry " + i).isEqualTo(expected.asText());
                }
            }
            return;
        }
        boolean charArray = b.type() == LeafType.INT8 && b.fixedLength() > 1 && first3.size() > 0
                && first3.get(0).isTextual();
        if (charArray) {
            // jsroot shows fixed arrays of signed char as latin-1 strings and leaves them out of its sums.
            for (int i = 0; i < first3.size(); i++) {
                String s = first3.get(i).asText();
                List<?> got = values(rows.get(i), col);
                for (int j = 0; j < s.length(); j++) {
                    soft.assertThat((byte) s.charAt(j)).as(name + " entry " + i + "[" + j + "]").isEqualTo(got.get(j));
                }
            }
            return;
        }
        // The main folder's jsroot tool leaves values of nested vectors out of its count and sum.
        boolean counted = field || b.shape() != Shape.VECTOR_VECTOR;
        if (counted) {
            compareCountAndSum(soft, b, rows, col, r);
        }
        for (int i = 0; i < first3.size(); i++) {
            sameNumbers(soft, b, nested(rows.get(i).get(col)), first3.get(i), name + " entry " + i);
        }
        if (r.has("values")) {
            JsonNode all = r.get("values");
            soft.assertThat(all.size()).as(name + " listed values").isEqualTo(rows.size());
            for (int i = 0; i < Math.min(all.size(), rows.size()); i++) {
                sameNumbers(soft, b, nested(rows.get(i).get(col)), all.get(i), name + " entry " + i);
            }
        }
    }

    private static void compareCountAndSum(SoftAssertions soft, Branch b, List<Row> rows, int col, JsonNode r) {
        String name = b.name();
        double sum = 0;
        long isum = 0;
        long count = 0;
        boolean floating = b.type() == LeafType.FLOAT32 || b.type() == LeafType.FLOAT64;
        for (Row row : rows) {
            for (Object v : values(row, col)) {
                double d = asDouble(v);
                if (Double.isNaN(d)) {
                    continue;
                }
                count++;
                sum += d;
                if (!floating && !(v instanceof BigDecimal)) {
                    isum += v instanceof Boolean x ? (x ? 1 : 0) : ((Number) v).longValue();
                }
            }
        }
        soft.assertThat(count).as(name + " count").isEqualTo(r.get("numericCount").asLong());
        double want = r.get("numericSum").asDouble();
        if (PackedReference.isPacked(b) && r.has("values")) {
            // The published sum adds the published values; ROOT's values are what the file holds.
            want = 0;
            for (JsonNode entry : r.get("values")) {
                for (JsonNode v : entry.isArray() ? entry : List.of(entry)) {
                    want += PackedReference.asRoot(b, v.asDouble());
                }
            }
        }
        if (floating || b.type() == LeafType.UINT64) {
            soft.assertThat(sum).as(name + " sum").isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
        } else {
            soft.assertThat((double) isum).as(name + " sum").isEqualTo(want);
        }
    }

    /**
     * One entry (a number, a list, or a list of lists) against the reference: a number, an array, or jsroot's
     * object form of an inner vector ({"0": v0, "1": v1}). Packed values as ROOT computes them, within 1e-12
     * relative; others exactly.
     */
    private static void sameNumbers(SoftAssertions soft, Branch b, Object got, JsonNode want, String what) {
        if (want.isArray() || want.isObject()) {
            List<JsonNode> items = new ArrayList<>();
            if (want.isArray()) {
                want.forEach(items::add);
            } else {
                for (int j = 0; want.has(String.valueOf(j)); j++) {
                    items.add(want.get(String.valueOf(j)));
                }
            }
            if (!(got instanceof List<?> list)) {
                soft.fail(what + ": expected a list " + want + ", read " + got);
                return;
            }
            soft.assertThat(list).as(what + " size").hasSize(items.size());
            for (int j = 0; j < Math.min(items.size(), list.size()); j++) {
                sameNumbers(soft, b, list.get(j), items.get(j), what + "[" + j + "]");
            }
            return;
        }
        if (got instanceof List<?> || got == null) {
            soft.fail(what + ": expected the number " + want + ", read " + got);
            return;
        }
        double w = PackedReference.asRoot(b, want.asDouble());
        double tolerance = PackedReference.tolerance(b, w);
        if (tolerance == 0) {
            soft.assertThat(asDouble(got)).as(what).isEqualTo(w);
        } else {
            soft.assertThat(asDouble(got)).as(what).isCloseTo(w, within(tolerance));
        }
    }
}
