package io.github.tauml.rootspark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The branch kinds root-io learned to read after the data source was written, through Spark in local[2], on a tree
 * written by root-io's writer: {@code hits} ({@code vector<vector<float>>}, with empty outer and inner vectors) as
 * {@code array<array<float>>}, and the leaf list {@code vtx} ({@code x/D:y/D:n/I:cov[3]/F}) as the columns
 * {@code vtx.x}, {@code vtx.y}, {@code vtx.n}, {@code vtx.cov}. Every value is compared with root-io's own read.
 */
class NestedAndLeafListTest {
    private static final String TREE = "events";
    private static final int ENTRIES = 5_000;

    @TempDir
    static Path dir;
    private static Path file;
    private static SparkSession spark;
    /** root-io's read of the whole tree, the reference for every check. */
    private static Columns expected;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkTests.spark();
        file = write(dir.resolve("nested.root"), ENTRIES, 400, 7);
        try (RootFile f = RootFile.open(file)) {
            expected = f.tree(TREE).read(List.of("event", "hits", "vtx.x", "vtx.y", "vtx.n", "vtx.cov"), 0,
                    ENTRIES);
        }
    }

    private static Dataset<Row> df() {
        return spark.read().format("root").option("tree", TREE).option("partitionEntries", "1000")
                .load(file.toString());
    }

    /** Writes entries whose {@code hits} hold 0–3 inner vectors of 0–4 values; seeded, so the same every run. */
    static Path write(Path path, int entries, int basketEntries, long seed) throws IOException {
        List<BranchSpec> specs = List.of(
                BranchSpec.scalar("event", LeafType.INT64),
                BranchSpec.vectorOfVectors("hits", LeafType.FLOAT32),
                BranchSpec.leafList("vtx", List.of(BranchSpec.scalar("x", LeafType.FLOAT64),
                        BranchSpec.scalar("y", LeafType.FLOAT64), BranchSpec.scalar("n", LeafType.INT32),
                        BranchSpec.fixed("cov", LeafType.FLOAT32, 3))));
        Random r = new Random(seed);
        long[] event = new long[entries];
        int[] outer = new int[entries + 1];
        List<Integer> inner = new ArrayList<>(List.of(0));
        List<Float> hits = new ArrayList<>();
        double[] x = new double[entries];
        double[] y = new double[entries];
        int[] n = new int[entries];
        float[] cov = new float[3 * entries];
        for (int i = 0; i < entries; i++) {
            event[i] = i;
            int lists = r.nextInt(4);
            for (int k = 0; k < lists; k++) {
                int values = r.nextInt(5);
                for (int v = 0; v < values; v++) {
                    hits.add(r.nextFloat() * 100);
                }
                inner.add(hits.size());
            }
            outer[i + 1] = outer[i] + lists;
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
            n[i] = r.nextInt(12);
            for (int j = 0; j < 3; j++) {
                cov[3 * i + j] = r.nextFloat();
            }
        }
        float[] hitValues = new float[hits.size()];
        for (int v = 0; v < hitValues.length; v++) {
            hitValues[v] = hits.get(v);
        }
        Map<String, Column> batch = new LinkedHashMap<>();
        batch.put("event", new Column("event", LeafType.INT64, Shape.SCALAR, event, null, 1));
        batch.put("hits", Column.doublyJagged("hits", LeafType.FLOAT32, hitValues, outer,
                inner.stream().mapToInt(Integer::intValue).toArray()));
        batch.put("vtx.x", new Column("vtx.x", LeafType.FLOAT64, Shape.SCALAR, x, null, 1));
        batch.put("vtx.y", new Column("vtx.y", LeafType.FLOAT64, Shape.SCALAR, y, null, 1));
        batch.put("vtx.n", new Column("vtx.n", LeafType.INT32, Shape.SCALAR, n, null, 1));
        batch.put("vtx.cov", new Column("vtx.cov", LeafType.FLOAT32, Shape.FIXED, cov, null, 3));
        try (RootWriter w = RootWriter.create(path, WriterOptions.defaults().withBasketEntries(basketEntries))) {
            TreeWriter t = w.tree(TREE, "nested and leaf-list branches", specs);
            t.append(batch);
        }
        return path;
    }

    /** Entry i of root-io's doubly-jagged column as lists of floats. */
    private static List<List<Float>> hitsOf(Column c, int i) {
        List<List<Float>> out = new ArrayList<>();
        float[] v = (float[]) c.values();
        for (int k = c.offsets()[i]; k < c.offsets()[i + 1]; k++) {
            List<Float> list = new ArrayList<>();
            for (int j = c.innerOffsets()[k]; j < c.innerOffsets()[k + 1]; j++) {
                list.add(v[j]);
            }
            out.add(list);
        }
        return out;
    }

    /** A Spark array<array<float>> value (a Row field) as lists of floats. */
    private static List<List<Float>> hitsOf(Row row, int col) {
        List<List<Float>> out = new ArrayList<>();
        for (Object inner : row.getList(col)) {
            out.add(new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(
                    (scala.collection.Seq<Float>) inner)));
        }
        return out;
    }

    /** The same from Spark's internal array data (row and columnar readers). */
    private static List<List<Float>> hitsOf(ArrayData outer) {
        List<List<Float>> out = new ArrayList<>();
        for (int k = 0; k < outer.numElements(); k++) {
            List<Float> list = new ArrayList<>();
            for (float f : outer.getArray(k).toFloatArray()) {
                list.add(f);
            }
            out.add(list);
        }
        return out;
    }

    @Test
    void schemaHasNestedVectorsAndEveryLeafOfTheLeafList() {
        StructType s = df().schema();
        assertThat(s.fieldNames()).containsExactly("event", "hits", "vtx.x", "vtx.y", "vtx.n", "vtx.cov");
        assertThat(s.apply("hits").dataType()).isEqualTo(
                DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false));
        assertThat(s.apply("vtx.x").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(s.apply("vtx.n").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(s.apply("vtx.cov").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.FloatType, false));
    }

    @Test
    void everyEntryEqualsRootIosReadAcrossPartitions() {
        // Backticks: a bare dot would select a struct field.
        List<Row> rows = df().select(col("event"), col("hits"), col("`vtx.x`"), col("`vtx.n`"), col("`vtx.cov`"))
                .collectAsList();
        assertThat(rows).hasSize(ENTRIES);
        Column hits = expected.get("hits");
        double[] x = (double[]) expected.get("vtx.x").values();
        int[] n = (int[]) expected.get("vtx.n").values();
        float[] cov = (float[]) expected.get("vtx.cov").values();
        int empty = 0;
        int emptyInner = 0;
        for (int i = 0; i < ENTRIES; i++) {
            Row row = rows.get(i);
            assertThat(row.getLong(0)).isEqualTo(i);
            List<List<Float>> want = hitsOf(hits, i);
            assertThat(hitsOf(row, 1)).as("hits of entry " + i).isEqualTo(want);
            empty += want.isEmpty() ? 1 : 0;
            emptyInner += (int) want.stream().filter(List::isEmpty).count();
            assertThat(row.getDouble(2)).isEqualTo(x[i]);
            assertThat(row.getInt(3)).isEqualTo(n[i]);
            assertThat(row.<Float>getList(4)).containsExactly(cov[3 * i], cov[3 * i + 1], cov[3 * i + 2]);
        }
        // The file exercises empty outer and inner vectors.
        assertThat(empty).isPositive();
        assertThat(emptyInner).isPositive();
    }

    @Test
    void sqlOnNestedVectorsAgreesWithRootIo() {
        Column hits = expected.get("hits");
        float[] v = (float[]) hits.values();
        double total = 0;
        for (float f : v) {
            total += f;
        }
        long listsWithThree = 0;
        for (int k = 0; k + 1 < hits.innerOffsets().length; k++) {
            listsWithThree += hits.innerOffsets()[k + 1] - hits.innerOffsets()[k] == 3 ? 1 : 0;
        }
        df().createOrReplaceTempView("nested");
        Row r = spark.sql("SELECT sum(size(hits)), sum(aggregate(flatten(hits), 0D, (a, h) -> a + h)),"
                + " sum(size(filter(hits, l -> size(l) = 3))), count(*) FROM nested").first();
        assertThat(r.getLong(0)).as("inner vectors").isEqualTo(hits.innerOffsets().length - 1);
        assertThat(r.getDouble(1)).as("sum of every hit").isCloseTo(total, org.assertj.core.api.Assertions.within(
                1e-9 * total));
        assertThat(r.getLong(2)).isEqualTo(listsWithThree);
        assertThat(r.getLong(3)).isEqualTo(ENTRIES);
        // The first value of each non-empty inner vector, through explode and element access.
        double firsts = 0;
        for (int k = 0; k + 1 < hits.innerOffsets().length; k++) {
            if (hits.innerOffsets()[k + 1] > hits.innerOffsets()[k]) {
                firsts += v[hits.innerOffsets()[k]];
            }
        }
        Row e = spark.sql("SELECT sum(l[0]) FROM (SELECT explode(hits) AS l FROM nested) WHERE size(l) > 0").first();
        assertThat(e.getDouble(0)).isCloseTo(firsts, org.assertj.core.api.Assertions.within(1e-9 * firsts));
    }

    @Test
    void filtersOnLeafListColumnsArePushedAndKeepNestedValuesInStep() {
        int[] n = (int[]) expected.get("vtx.n").values();
        Column hits = expected.get("hits");
        List<Long> events = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            if (n[i] >= 10) {
                events.add((long) i);
            }
        }
        Dataset<Row> cut = spark.read().format("root").option("tree", TREE).option("batchEntries", "64")
                .load(file.toString()).filter("`vtx.n` >= 10").select("event", "hits", "`vtx.n`");
        String plan = cut.queryExecution().executedPlan().toString();
        assertThat(plan).contains("pushedFilters=").contains("GreaterThanOrEqual(`vtx.n`,10)");
        List<Row> rows = cut.collectAsList();
        assertThat(rows).extracting(row -> row.getLong(0)).isEqualTo(events);
        for (Row row : rows) {
            int i = (int) row.getLong(0);
            assertThat(hitsOf(row, 1)).as("hits of entry " + i).isEqualTo(hitsOf(hits, i));
            assertThat(row.getInt(2)).isGreaterThanOrEqualTo(10);
        }
        assertThat(spark.read().format("root").option("tree", TREE).load(file.toString())
                .filter("`vtx.n` >= 10").agg(count(lit(1)), sum("`vtx.n`")).first().getLong(0))
                .isEqualTo(events.size());
    }

    @Test
    void aDottedNameWithoutBackticksIsAStructFieldToSpark() {
        assertThatThrownBy(() -> df().select("vtx.x").collectAsList()).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("UNRESOLVED_COLUMN").hasMessageContaining("`vtx.x`");
        assertThat(df().select("`vtx.x`").count()).isEqualTo(ENTRIES);
        assertThat(df().withColumnRenamed("vtx.x", "vtx_x").columns()).contains("vtx_x").doesNotContain("vtx.x");
    }

    @Test
    void rowReaderGivesTheColumnarReadersNestedValues() throws IOException {
        StructType schema = df().select("event", "hits").schema();
        EntryFilter filter = EntryFilter.of(new org.apache.spark.sql.sources.Filter[] {
                new org.apache.spark.sql.sources.LessThan("`vtx.n`", 6)}, df().schema());
        RootReaderFactory factory = new RootReaderFactory(schema, filter, 256);
        RootInputPartition part = new RootInputPartition(file.toString(), TREE, 400, 2000);
        int[] n = (int[]) expected.get("vtx.n").values();
        Column hits = expected.get("hits");
        List<String> fromRows = new ArrayList<>();
        try (var rows = factory.createReader(part)) {
            while (rows.next()) {
                InternalRow r = rows.get();
                fromRows.add(r.getLong(0) + " " + hitsOf(r.getArray(1)));
            }
        }
        List<String> fromBatches = new ArrayList<>();
        try (var batches = factory.createColumnarReader(part)) {
            while (batches.next()) {
                var b = batches.get();
                for (int i = 0; i < b.numRows(); i++) {
                    ColumnarArray outer = b.column(1).getArray(i);
                    fromBatches.add(b.column(0).getLong(i) + " " + hitsOf(outer));
                }
            }
        }
        List<String> want = new ArrayList<>();
        for (int i = 400; i < 2000; i++) {
            if (n[i] < 6) {
                want.add(i + " " + hitsOf(hits, i));
            }
        }
        assertThat(want).hasSizeGreaterThan(100);
        assertThat(fromRows).isEqualTo(want);
        assertThat(fromBatches).isEqualTo(want);
    }
}
