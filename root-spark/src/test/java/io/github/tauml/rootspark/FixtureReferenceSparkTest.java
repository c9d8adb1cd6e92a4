package io.github.tauml.rootspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.LeafType;
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
 * and for each of them the entry count, the count and sum of all values and the first three entries equal jsroot's.
 * A new fixture with a reference JSON adds coverage with no new code.
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
                            () -> check(ref, root, mustCheck)));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(16);
        return tests;
    }

    private static void check(Path refPath, Path rootPath, boolean mustCheck) throws IOException {
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
                compare(soft, tree.branch(e.getKey()), rows, col, e.getValue());
                checked++;
            }
        }
        soft.assertThat(checked).as("branches checked").isEqualTo(readable);
        if (mustCheck) {
            soft.assertThat(checked).as("branches checked").isGreaterThan(0);
        }
        soft.assertAll();
    }

    /** The values of one entry as a list (arrays) or a one-element list (scalars). */
    private static List<?> values(Row row, int col) {
        Object v = row.get(col);
        if (v instanceof scala.collection.Seq<?>) {
            return row.getList(col);
        }
        return List.of(v);
    }

    private static double asDouble(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    private static void compare(SoftAssertions soft, Branch b, List<Row> rows, int col, JsonNode r) {
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
        if (floating || b.type() == LeafType.UINT64) {
            soft.assertThat(sum).as(name + " sum").isCloseTo(want, within(1e-9 * Math.max(1, Math.abs(want))));
        } else {
            soft.assertThat((double) isum).as(name + " sum").isEqualTo(want);
        }
        for (int i = 0; i < first3.size(); i++) {
            JsonNode expected = first3.get(i);
            List<?> got = values(rows.get(i), col);
            if (expected.isArray()) {
                soft.assertThat(got).as(name + " entry " + i + " size").hasSize(expected.size());
                for (int j = 0; j < Math.min(expected.size(), got.size()); j++) {
                    soft.assertThat(asDouble(got.get(j))).as(name + " entry " + i + "[" + j + "]")
                            .isEqualTo(expected.get(j).asDouble());
                }
            } else {
                soft.assertThat(asDouble(got.get(0))).as(name + " entry " + i).isEqualTo(expected.asDouble());
            }
        }
    }
}
