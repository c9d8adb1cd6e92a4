package io.github.tauml.rootspark;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data source's behaviour in local[2]: partitioning, pruning, pushdown, multi-file reads and its errors. */
class RootDataSourceTest {
    private static final int ENTRIES = 20_000;
    private static final int BASKET = 1_000;

    @TempDir
    static Path dir;
    private static Path toy;
    private static SparkSession spark;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkTests.spark();
        toy = ToyTrees.write(dir.resolve("toy.root"), ENTRIES, BASKET, 42);
    }

    private static Dataset<Row> toy() {
        return spark.read().format("root").option("tree", ToyTrees.TREE).load(toy.toString());
    }

    private static Path fixture(String name) {
        return SparkTests.fixtures().resolve(name);
    }

    @Test
    void schemaMapsBranchTypes() {
        StructType s = toy().schema();
        assertThat(s.fieldNames()).containsExactly("event", "tau_pt", "tau_eta", "tau_decayMode", "tau_isGood",
                "nJet", "jet_pt");
        assertThat(s.apply("event").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(s.apply("tau_pt").dataType()).isEqualTo(DataTypes.FloatType);
        assertThat(s.apply("tau_isGood").dataType()).isEqualTo(DataTypes.BooleanType);
        assertThat(s.apply("jet_pt").dataType()).isEqualTo(DataTypes.createArrayType(DataTypes.FloatType, false));
        assertThat(s.apply("jet_pt").nullable()).isFalse();
        // Unsigned types widen so that every value fits.
        StructType sample = spark.read().format("root").option("tree", "sample")
                .load(fixture("uproot-sample-6.20.04-zlib.root").toString()).schema();
        assertThat(sample.apply("u1").dataType()).isEqualTo(DataTypes.ShortType);
        assertThat(sample.apply("u4").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(sample.apply("u8").dataType()).isEqualTo(DataTypes.createDecimalType(20, 0));
        assertThat(sample.apply("str").dataType()).isEqualTo(DataTypes.StringType);
    }

    @Test
    void partitionsAreWholeClustersAndReadTheSameRowsAsOneWholeRead() throws IOException {
        Dataset<Row> split = spark.read().format("root").option("tree", ToyTrees.TREE)
                .option("partitionEntries", "3000").load(toy.toString());
        Dataset<Row> whole = spark.read().format("root").option("tree", ToyTrees.TREE)
                .option("partitionEntries", String.valueOf(ENTRIES)).load(toy.toString());
        // 20 clusters of 1000 entries, grouped by 3: 7 partitions, none sharing a basket.
        assertThat(split.rdd().getNumPartitions()).isEqualTo(7);
        assertThat(whole.rdd().getNumPartitions()).isEqualTo(1);
        assertThat(split.collectAsList()).isEqualTo(whole.collectAsList());

        try (RootFile f = RootFile.open(toy)) {
            TTree tree = f.tree(ToyTrees.TREE);
            RootOptions o = RootOptions.parse(Map.of("tree", ToyTrees.TREE, "path", toy.toString(),
                    "partitionEntries", "3000"));
            List<long[]> ranges = RootScan.ranges(tree, List.of("tau_pt", "jet_pt"), o);
            long expectedStart = 0;
            for (long[] r : ranges) {
                assertThat(r[0]).isEqualTo(expectedStart);
                assertThat(r[1] % BASKET == 0 || r[1] == ENTRIES).as("partition ends on a cluster boundary").isTrue();
                expectedStart = r[1];
            }
            assertThat(expectedStart).isEqualTo(ENTRIES);
        }
        // The byte target: the read branches' uncompressed bytes (ROOT's fTotBytes) decide how many clusters a
        // partition takes; a quarter of tau_pt's bytes makes four partitions, one byte makes one per cluster.
        long ptBytes;
        try (RootFile f = RootFile.open(toy)) {
            ptBytes = f.tree(ToyTrees.TREE).branch("tau_pt").totBytes();
        }
        assertThat(partitionsOfTauPt(String.valueOf(ptBytes / 4))).isEqualTo(4);
        assertThat(partitionsOfTauPt("1")).isEqualTo(ENTRIES / BASKET);
        assertThat(partitionsOfTauPt(String.valueOf(1L << 30))).isEqualTo(1);
    }

    private static int partitionsOfTauPt(String partitionBytes) {
        return spark.read().format("root").option("tree", ToyTrees.TREE).option("partitionBytes", partitionBytes)
                .load(toy.toString()).select("tau_pt").rdd().getNumPartitions();
    }

    @Test
    void sparkAggregatesEqualRootIoDirectRead() throws IOException {
        double ptSum = 0;
        long jets = 0;
        double jetSum = 0;
        try (RootFile f = RootFile.open(toy)) {
            Columns c = f.tree(ToyTrees.TREE).read(List.of("tau_pt", "jet_pt"), 0, ENTRIES);
            float[] pt = (float[]) c.get("tau_pt").values();
            for (float v : pt) {
                ptSum += Float.isNaN(v) ? 0 : v;
            }
            Column j = c.get("jet_pt");
            jets = j.valueCount();
            for (float v : (float[]) j.values()) {
                jetSum += v;
            }
        }
        Row r = toy().filter("NOT isnan(tau_pt)").agg(sum("tau_pt"), count(lit(1)), sum(size(col("jet_pt"))),
                sum(aggregate(col("jet_pt"), lit(0.0), (acc, x) -> acc.plus(x)))).first();
        assertThat(r.getDouble(0)).isCloseTo(ptSum, within(1e-6 * ptSum));
        assertThat(r.getLong(1)).isEqualTo(ENTRIES - (ENTRIES + 96) / 97);
        // HZZ with jsroot's numbers: jagged arrays through Spark's array functions.
        Row h = spark.read().format("root").option("tree", "events").load(fixture("uproot-HZZ.root").toString())
                .agg(sum(size(col("Jet_Px"))), sum(aggregate(col("Jet_Px"), lit(0.0), (acc, x) -> acc.plus(x))),
                        sum("NMuon")).first();
        assertThat(h.getLong(0)).isEqualTo(2773);
        assertThat(h.getDouble(1)).isCloseTo(3434.9179122354835, within(1e-9 * 3434.92));
        assertThat(h.getLong(2)).isEqualTo(3825);
        assertThat(toy().count()).isEqualTo(ENTRIES);
        assertThat(jets).isPositive();
        assertThat(jetSum).isPositive();
    }

    @Test
    void onlyTheAskedBranchesAreDecoded() throws IOException {
        Path broken = Files.copy(fixture("uproot-Zmumu-zlib.root"), dir.resolve("zmumu-broken-E1.root"));
        ToyTrees.corruptBasket(broken, "events", "E1", 0);
        Dataset<Row> df = spark.read().format("root").option("tree", "events").load(broken.toString());
        // px1 and Run are intact: reading them never touches E1's baskets.
        Row r = df.select("px1", "Run").agg(sum("px1"), sum("Run")).first();
        assertThat(r.getDouble(0)).isCloseTo(-151.26487857544265, within(1e-9 * 151.3));
        assertThat(r.getLong(1)).isEqualTo(341061976L);
        assertThat(df.count()).isEqualTo(2304);
        assertThat(df.select("px1").queryExecution().executedPlan().toString()).contains("branches=[px1]");
        // Asking for E1 decodes it and fails, naming the file, tree and branch.
        assertThatThrownBy(() -> df.select("E1").agg(sum("E1")).first())
                .hasMessageContaining("zmumu-broken-E1.root").hasMessageContaining("E1");
    }

    @Test
    void pushedComparisonsGiveSparksResultAndSkipRejectedBatches() throws IOException {
        Dataset<Row> df = toy().filter("tau_decayMode = 1 AND tau_pt > 50.0");
        String plan = df.queryExecution().executedPlan().toString();
        assertThat(plan).contains("pushedFilters=").contains("EqualTo(tau_decayMode,1)")
                .contains("GreaterThan(tau_pt,50.0)");
        long expected = 0;
        try (RootFile f = RootFile.open(toy)) {
            Columns c = f.tree(ToyTrees.TREE).read(List.of("tau_pt", "tau_decayMode"), 0, ENTRIES);
            float[] pt = (float[]) c.get("tau_pt").values();
            int[] dm = (int[]) c.get("tau_decayMode").values();
            for (int i = 0; i < ENTRIES; i++) {
                // Spark orders NaN above every number: NaN > 50 holds.
                if (dm[i] == 1 && (Float.isNaN(pt[i]) || pt[i] > 50f)) {
                    expected++;
                }
            }
        }
        assertThat(df.count()).isEqualTo(expected);
        assertThat(df.filter("isnan(tau_pt)").count()).isPositive();

        // A cut on event keeps entries 15000..15009: the batches before never decode jet_pt, so a corrupt
        // jet_pt basket at entry 0 does not matter.
        Path broken = Files.copy(toy, dir.resolve("toy-broken-jets.root"));
        ToyTrees.corruptBasket(broken, ToyTrees.TREE, "jet_pt", 0);
        Dataset<Row> cut = spark.read().format("root").option("tree", ToyTrees.TREE).option("batchEntries", "1000")
                .load(broken.toString()).filter("event >= 15000 AND event < 15010").select("event", "jet_pt");
        List<Row> rows = cut.collectAsList();
        assertThat(rows).extracting(row -> row.getLong(0)).containsExactly(15000L, 15001L, 15002L, 15003L,
                15004L, 15005L, 15006L, 15007L, 15008L, 15009L);
        assertThatThrownBy(() -> spark.read().format("root").option("tree", ToyTrees.TREE).load(broken.toString())
                .select("jet_pt").collectAsList()).hasMessageContaining("jet_pt");
    }

    @Test
    void pushedComparisonsNeverDropAnEntrySparkKeeps() {
        StructType schema = new StructType().add("id", DataTypes.LongType, false).add("pt", DataTypes.FloatType, false);
        long big = (1L << 60) + 1;
        Map<String, Column> batch = Map.of(
                "id", new Column("id", io.github.tauml.rootio.tree.LeafType.INT64,
                        io.github.tauml.rootio.tree.Shape.SCALAR, new long[] {big - 1, big, big + 1}, null, 1),
                "pt", new Column("pt", io.github.tauml.rootio.tree.LeafType.FLOAT32,
                        io.github.tauml.rootio.tree.Shape.SCALAR, new float[] {10f, Float.NaN, 60f}, null, 1));
        // int64 beyond 2^53 compares exactly (as doubles, big - 1, big and big + 1 would be equal).
        EntryFilter gt = EntryFilter.of(new org.apache.spark.sql.sources.Filter[] {
                new org.apache.spark.sql.sources.GreaterThan("id", big)}, schema);
        assertThat(gt.evaluate(batch, 3)).containsExactly(false, false, true);
        EntryFilter in = EntryFilter.of(new org.apache.spark.sql.sources.Filter[] {
                new org.apache.spark.sql.sources.In("id", new Object[] {big - 1, big + 1})}, schema);
        assertThat(in.evaluate(batch, 3)).containsExactly(true, false, true);
        // NaN passes a float comparison (Spark orders it above every number; Spark decides after the scan).
        EntryFilter lt = EntryFilter.of(new org.apache.spark.sql.sources.Filter[] {
                new org.apache.spark.sql.sources.LessThan("pt", 50f)}, schema);
        assertThat(lt.evaluate(batch, 3)).containsExactly(true, true, false);
        // A non-integer literal against an int64 column, NOT, and array columns stay with Spark.
        assertThat(EntryFilter.supports(new org.apache.spark.sql.sources.GreaterThan("id", 1.5), schema)).isFalse();
        assertThat(EntryFilter.supports(new org.apache.spark.sql.sources.Not(
                new org.apache.spark.sql.sources.EqualTo("id", 1L)), schema)).isFalse();
        assertThat(EntryFilter.supports(new org.apache.spark.sql.sources.EqualTo("jet_pt", 1f),
                toy().schema())).isFalse();
    }

    @Test
    void rowReaderGivesTheColumnarReadersValues() throws IOException {
        StructType schema = toy().select("event", "tau_pt", "tau_isGood", "jet_pt").schema();
        RootReaderFactory factory = new RootReaderFactory(schema, null, 700);
        RootInputPartition part = new RootInputPartition(toy.toString(), ToyTrees.TREE, 2000, 5000);
        List<String> fromRows = new java.util.ArrayList<>();
        try (var rows = factory.createReader(part)) {
            while (rows.next()) {
                var r = rows.get();
                fromRows.add(r.getLong(0) + " " + r.getFloat(1) + " " + r.getBoolean(2) + " "
                        + java.util.Arrays.toString(r.getArray(3).toFloatArray()));
            }
        }
        List<String> fromBatches = new java.util.ArrayList<>();
        try (var batches = factory.createColumnarReader(part)) {
            while (batches.next()) {
                var b = batches.get();
                for (int i = 0; i < b.numRows(); i++) {
                    fromBatches.add(b.column(0).getLong(i) + " " + b.column(1).getFloat(i) + " "
                            + b.column(2).getBoolean(i) + " "
                            + java.util.Arrays.toString(b.column(3).getArray(i).toFloatArray()));
                }
            }
        }
        assertThat(fromRows).hasSize(3000).isEqualTo(fromBatches);
        assertThat(fromRows.get(0)).startsWith("2000 ");
        assertThat(fromRows.get(2999)).startsWith("4999 ");
    }

    @Test
    void readsSeveralFilesByGlobInOrder() {
        Dataset<Row> all = spark.read().format("root").option("tree", "events")
                .load(SparkTests.fixtures().resolve("uproot-Zmumu*.root").toString());
        // Zmumu in six compressions (zlib, LZMA, LZ4, ZSTD, none): six times jsroot's sums.
        Row r = all.agg(count(lit(1)), sum("Run"), sum("E1"), sum("Q1")).first();
        assertThat(r.getLong(0)).isEqualTo(6 * 2304L);
        assertThat(r.getLong(1)).isEqualTo(6 * 341061976L);
        assertThat(r.getDouble(2)).isCloseTo(6 * 134886.24160576644, within(1e-9 * 6 * 134886.24));
        assertThat(r.getLong(3)).isEqualTo(6 * 60L);
        Dataset<Row> two = spark.read().format("root").option("tree", "events")
                .load(fixture("uproot-Zmumu.root").toString(), fixture("uproot-Zmumu-zstd.root").toString());
        assertThat(two.select("Type").first().getString(0)).isEqualTo("GT");
        assertThat(two.count()).isEqualTo(2 * 2304L);
    }

    @Test
    void errorsNameTheFileTreeBranchAndFix() {
        String zmumu = fixture("uproot-Zmumu.root").toString();
        assertThatThrownBy(() -> spark.read().format("root").load(zmumu))
                .hasMessageContaining("option(\"tree\"");
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "events").load("/no/such/file.root"))
                .hasMessageContaining("/no/such/file.root").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "evnts").load(zmumu).schema())
                .hasMessageContaining("uproot-Zmumu.root").hasMessageContaining("evnts");
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "events").option("branches", "Run,px")
                .load(zmumu).schema())
                .hasMessageContaining("uproot-Zmumu.root").hasMessageContaining("'px'")
                .hasMessageContaining("did you mean");
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "events")
                .option("partitionEntries", "-3").load(zmumu).schema())
                .hasMessageContaining("partitionEntries");
        // A branch Spark cannot represent (an STL map), asked for by name.
        String stl = fixture("uproot-stl_containers.root").toString();
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "tree")
                .option("branches", "map_int32_int16").load(stl).schema())
                .hasMessageContaining("uproot-stl_containers.root").hasMessageContaining("tree 'tree'")
                .hasMessageContaining("branch 'map_int32_int16'").hasMessageContaining("has no Spark type");
        // ... and left out of the inferred schema otherwise.
        assertThat(spark.read().format("root").option("tree", "tree").load(stl).columns())
                .doesNotContain("map_int32_int16").contains("vector_int32");
        // Files whose trees differ: the second file lacks the first one's branch, found before any task runs.
        String hzz = fixture("uproot-HZZ.root").toString();
        assertThatThrownBy(() -> spark.read().format("root").option("tree", "events").load(zmumu, hzz)
                .select("Type").collectAsList())
                .hasMessageContaining("uproot-HZZ.root").hasMessageContaining("'Type'");
        // A given schema whose type disagrees with the branch.
        StructType wrong = new StructType().add("Run", DataTypes.LongType, false);
        assertThatThrownBy(() -> spark.read().format("root").schema(wrong).option("tree", "events").load(zmumu)
                .collectAsList())
                .hasMessageContaining("uproot-Zmumu.root").hasMessageContaining("branch 'Run'")
                .hasMessageContaining("reads as int");
    }
}
