package io.github.tauml.pipeline.tfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.features.Scaler;
import io.github.tauml.pipeline.features.ScalingParams;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both datasets from toy τ tuples: layout, targets, weights, order, determinism, TensorFlow's own parsing of every
 * record, and bad input that publishes nothing.
 */
class TFDatasetsTest {
    static final int BATCH = 100;

    @TempDir
    static Path shared;
    static Path training;
    static Path mix;
    static Path classification;
    static DatasetResult classResult;

    @TempDir
    Path tmp;

    @BeforeAll
    static void prepare() throws Exception {
        ToyNtuples.generate(new ToyRequest(shared, Map.of(ToySample.TRAINING, 3_000L, ToySample.DATA, 400L,
                ToySample.DY_TAUTAU, 400L), 11, Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
        training = shared.resolve("training.root");
        mix = shared.resolve("mix.root");
        writeMix(shared.resolve("data.root"), shared.resolve("DYtautau.root"), mix, 6);
        classification = shared.resolve("dataset/classification");
        classResult = TFDatasets.classification(classificationRequest(classification, false, null, 1e5),
                s -> { });
    }

    static ClassificationRequest classificationRequest(Path out, boolean gzip, Path scaling, double thr) {
        return classificationRequest(out, gzip, scaling, thr, 2);
    }

    static ClassificationRequest classificationRequest(Path out, boolean gzip, Path scaling, double thr,
                                                       int threads) {
        return new ClassificationRequest(List.of(training), "taus", "tauType", out, FeatureSet.small(), scaling, 7,
                0.25, thr, new DatasetOptions(gzip, 2, threads, 700));
    }

    /** A stand-in for the mix output: batches of 50 data then 50 DY τh, with tauType 8 for data and weights. */
    static void writeMix(Path data, Path dy, Path out, int batches) throws IOException {
        List<BranchSpec> specs = new ArrayList<>(ToyNtuples.branches(true));
        specs.add(BranchSpec.scalar("weight", LeafType.FLOAT32));
        List<String> names = specs.stream().map(BranchSpec::name).filter(n -> !n.equals("weight")).toList();
        Columns d;
        Columns s;
        try (RootFile a = RootFile.open(data); RootFile b = RootFile.open(dy)) {
            d = a.tree("taus").read(names, 0, 50L * batches);
            s = b.tree("taus").read(names, 0, 50L * batches);
        }
        try (RootWriter w = RootWriter.create(out)) {
            TreeWriter t = w.tree("taus", "mix stand-in", specs);
            for (int k = 0; k < batches; k++) {
                for (int part = 0; part < 2; part++) {
                    Columns src = part == 0 ? d : s;
                    Map<String, Column> cols = new LinkedHashMap<>();
                    for (String n : names) {
                        cols.put(n, src.get(n).slice(50 * k, 50 * k + 50));
                    }
                    int[] type = new int[50];
                    long[] id = new long[50];
                    float[] weight = new float[50];
                    for (int i = 0; i < 50; i++) {
                        type[i] = part == 0 ? 8 : (int) cols.get("tauType").getLong(i);
                        id[i] = part == 0 ? 0 : 1;
                        weight[i] = 0.5f + 0.01f * i + part;
                    }
                    cols.put("tauType", new Column("tauType", LeafType.INT32, Shape.SCALAR, type, null, 1));
                    cols.put("dataset_id", new Column("dataset_id", LeafType.UINT64, Shape.SCALAR, id, null, 1));
                    cols.put("weight", new Column("weight", LeafType.FLOAT32, Shape.SCALAR, weight, null, 1));
                    t.append(cols);
                }
            }
            t.close();
        }
    }

    static List<DatasetRecord> readAll(Path dir, String split) throws IOException {
        List<DatasetRecord> out = new ArrayList<>();
        try (DatasetReader r = DatasetReader.open(dir, split)) {
            for (DatasetRecord rec : r) {
                out.add(rec);
            }
        }
        return out;
    }

    static void assertSameRecords(List<DatasetRecord> a, List<DatasetRecord> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            DatasetRecord x = a.get(i);
            DatasetRecord y = b.get(i);
            for (int k = 0; k < x.inputs().length; k++) {
                if (!java.util.Arrays.equals(x.inputs()[k], y.inputs()[k])) {
                    assertThat(x.inputs()[k]).as("record %d input %d", i, k).containsExactly(y.inputs()[k]);
                }
            }
            assertThat(x.targets()).containsExactly(y.targets());
            assertThat(x.weight()).isEqualTo(y.weight());
            assertThat(x.datasetId()).isEqualTo(y.datasetId());
            assertThat(x.tauPt()).isEqualTo(y.tauPt());
            assertThat(x.tauEta()).isEqualTo(y.tauEta());
            assertThat(x.decayMode()).isEqualTo(y.decayMode());
            assertThat(x.entry()).isEqualTo(y.entry());
        }
    }

    @Test
    void classificationDatasetHasTheSpecLayoutOneHotTargetsAndUnitMeanWeights() throws Exception {
        DatasetSpec spec = DatasetSpec.read(classification);
        assertThat(spec.kind()).isEqualTo("classification");
        assertThat(spec.inputs().stream().map(DatasetSpec.Input::name)).containsExactly("input_tau",
                "input_inner_egamma", "input_inner_muon", "input_inner_hadrons", "input_outer_egamma",
                "input_outer_muon", "input_outer_hadrons");
        FeatureSet small = FeatureSet.small();
        assertThat(spec.inputs().get(1).shape()).containsExactly(7, 7, small.channels("egamma").size());
        assertThat(spec.inputs().get(6).shape()).containsExactly(11, 11, small.channels("hadrons").size());
        assertThat(spec.targets()).containsExactly("y", "weight");
        String json = Files.readString(classification.resolve("spec.json"));
        assertThat(json.indexOf("\"format\"")).isLessThan(json.indexOf("\"kind\""));
        assertThat(json.indexOf("\"splits\"")).isLessThan(json.indexOf("\"scaling\""));
        assertThat(json).doesNotContain("batch_size");
        assertThat(spec.splits().get("train").shards()).containsExactly("train-00000-of-00002.tfrecord",
                "train-00001-of-00002.tfrecord");

        List<DatasetRecord> train = readAll(classification, "train");
        List<DatasetRecord> val = readAll(classification, "validation");
        long n = classResult.records();
        assertThat(train.size() + val.size()).isEqualTo(n);
        assertThat(train.size()).isEqualTo(Math.round(n * 0.75));
        assertThat(classResult.read()).isEqualTo(3000);
        double[] classWeight = new double[4];
        List<Long> entries = new ArrayList<>();
        for (DatasetRecord r : Stream.concat(train.stream(), val.stream()).toList()) {
            int ones = 0;
            for (int c = 0; c < 4; c++) {
                if (r.targets()[c] == 1f) {
                    ones++;
                    classWeight[c] += r.weight();
                } else {
                    assertThat(r.targets()[c]).isZero();
                }
            }
            assertThat(ones).isEqualTo(1);
            assertThat(r.weight()).isGreaterThanOrEqualTo(0f);
            entries.add(r.entry());
        }
        // Each class carries a quarter of the total weight, so the mean weight is 1.
        for (int c = 0; c < 4; c++) {
            assertThat(classWeight[c]).isCloseTo(n / 4.0, within(n * 1e-4));
        }
        // Shuffled: every source entry once, not in source order.
        assertThat(entries).doesNotHaveDuplicates();
        assertThat(entries).isNotEqualTo(entries.stream().sorted().toList());
        // Grids are sparse and some cells are filled.
        assertThat(train.stream().mapToLong(r -> countNonZero(r.inputs()[4])).sum()).isPositive();
        // The scaling file is the one the records were scaled with and covers the feature set.
        Scaler.of(small, ScalingParams.read(classification.resolve("scaling.json"), "scaling"), "scaling");
    }

    private static long countNonZero(float[] v) {
        long n = 0;
        for (float x : v) {
            n += x != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void tensorFlowParsesEveryRecordBackToTheNumbersWritten() throws Exception {
        DatasetSpec spec = DatasetSpec.read(classification);
        for (String split : List.of("train", "validation")) {
            List<DatasetRecord> ours = readAll(classification, split);
            List<DatasetRecord> tfs = new ArrayList<>();
            for (String shard : spec.splits().get(split).shards()) {
                tfs.addAll(TfParse.read(classification.resolve(shard), spec));
            }
            assertSameRecords(tfs, ours);
        }
    }

    @Test
    void sameSeedGivesTheSameBytesWhateverTheThreadsAndGzipHoldsTheSameRecords() throws Exception {
        // beside the first (spec.json names the source relative to the dataset directory)
        Path again = shared.resolve("dataset/again");
        TFDatasets.classification(classificationRequest(again, false, null, 1e5, 1), s -> { });
        try (Stream<Path> files = Files.list(classification)) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(again.resolve(f.getFileName()))).as(f.getFileName().toString())
                        .isEqualTo(Files.readAllBytes(f));
            }
        }
        Path gz = tmp.resolve("gz");
        DatasetResult r = TFDatasets.classification(classificationRequest(gz, true, null, 1e5), s -> { });
        DatasetSpec spec = r.spec();
        assertThat(spec.compression()).isEqualTo("GZIP");
        assertThat(spec.splits().get("train").shards().get(0)).endsWith(".tfrecord.gz");
        assertThat(r.bytes()).isLessThan(classResult.bytes());
        List<DatasetRecord> plain = readAll(classification, "train");
        assertSameRecords(readAll(gz, "train"), plain);
        List<DatasetRecord> tfs = new ArrayList<>();
        for (String shard : spec.splits().get("train").shards()) {
            tfs.addAll(TfParse.read(gz.resolve(shard), spec));
        }
        assertSameRecords(tfs, plain);
    }

    /**
     * spec.json names its sources relative to the dataset directory: the same inputs in two checkouts (two
     * directories) give the same bytes in every file of the dataset, spec.json included.
     */
    @Test
    void twoCheckoutsOfTheSameInputsGiveTheSameDatasetBytes() throws Exception {
        List<Path> datasets = new ArrayList<>();
        for (String checkout : List.of("checkout-a", "other/checkout-b")) {
            Path input = tmp.resolve(checkout).resolve("target/adversarial/skim/training.root");
            Files.createDirectories(input.getParent());
            Files.copy(training, input);
            Path out = tmp.resolve(checkout).resolve("target/adversarial/dataset/classification");
            TFDatasets.classification(new ClassificationRequest(List.of(input), "taus", "tauType", out,
                    FeatureSet.small(), null, 7, 0.25, 1e5, new DatasetOptions(false, 2, 2, 700)), s -> { });
            datasets.add(out);
        }
        assertThat(DatasetSpec.read(datasets.get(0)).source()).containsExactly("../../skim/training.root");
        try (Stream<Path> files = Files.list(datasets.get(0))) {
            for (Path f : files.toList()) {
                assertThat(Files.readAllBytes(datasets.get(1).resolve(f.getFileName())))
                        .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(TFDatasets.sourceName(Path.of("/home/a/ana/target/dataset"), Path.of("/eos/cms/mix.root")))
                .isEqualTo("/eos/cms/mix.root");
        assertThat(TFDatasets.sourceName(Path.of("/home/a/ana/target/dataset"), Path.of("/home/a/ana/mix.root")))
                .isEqualTo("../../mix.root");
    }

    @Test
    void theLocalClassificationDatasetKeepsItsBytes() throws Exception {
        // The SHA-256 of every file written by the local writer before the classification dataset was split into
        // ranges for executors (issue 13; commit 9be3d2e): sharing pass 1's code with the executors changed no byte.
        // A change that is meant to write other records raises FORMAT_VERSION and updates these hashes.
        Path toy = tmp;
        ToyNtuples.generate(new ToyRequest(toy, Map.of(ToySample.TRAINING, 5_000L), 11, Mismodelling.defaults(), true,
                Compression.ZLIB, 1, 2), s -> { });
        Path out = tmp.resolve("pinned");
        TFDatasets.classification(new ClassificationRequest(List.of(toy.resolve("training.root"),
                toy.resolve("training.root")), "taus", "tauType", out, FeatureSet.small(), null, 7, 0.25, 1e5,
                new DatasetOptions(false, 2, 2, 700)), s -> { });
        Map<String, String> sha = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                sha.put(f.getFileName().toString(), java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        }
        assertThat(sha).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "scaling.json", "ba3ee0a753b7afecce710aa50dc98541f88663baeb0b6e143d71bd8aa44c3153",
                "spec.json", "a5eb5cc46382e418ddf6f1c4df507f37b081c5c73619413d4a9d20ff06db0757",
                "train-00000-of-00002.tfrecord", "78861e1a51537ef481ea2c4dee6ada350d1d143722fc8236061e883f9195b34f",
                "train-00001-of-00002.tfrecord", "85e890cef6f9135221f3a828eaf481cd30173cfce8c65f2f5dc601dd2f5f3783",
                "validation-00000-of-00002.tfrecord",
                "5099678123b591971d13ff3858d49089ceb992e8ad36b41183592cc18a15ced0",
                "validation-00001-of-00002.tfrecord",
                "95d0271a4caa82f085b07d7ac0832a4b322b4fbd8a21fcf028610d2a2295559a")));
    }

    @Test
    void classificationRangesComputedApartAndCombinedInOrderGiveTheLocalFiles() throws Exception {
        // What an executor does (issue 13): pass 1 (class spectra, scaling statistics) and pass 2 (records) by entry
        // range, off the read grid, computed in reverse order; the partials added and the records put in range
        // order: the local directory byte for byte, with the scaling computed and with a scaling file given.
        for (Path scaling : java.util.Arrays.asList(null, classification.resolve("scaling.json"))) {
            String tag = scaling == null ? "computed" : "given";
            java.util.function.Function<String, ClassificationRequest> request = name -> new ClassificationRequest(
                    List.of(training, training), "taus", "tauType", tmp.resolve(tag + "-" + name), FeatureSet.small(),
                    scaling, 7, 0.25, 1e5, new DatasetOptions(false, 2, 2, 700));
            DatasetResult local = TFDatasets.classification(request.apply("local"), s -> { });
            ClassificationRequest r = request.apply("ranges");
            List<TFDatasets.Range> ranges = TFDatasets.classificationRanges(r, 170, 4);
            assertThat(ranges).hasSize(2 * 18);
            assertThat(ranges.get(ranges.size() - 1)).isEqualTo(new TFDatasets.Range(1, 2_890, 3_000));
            List<TFDatasets.ClassificationPartial> partials = new ArrayList<>();
            for (int i = ranges.size() - 1; i >= 0; i--) {
                partials.add(0, TFDatasets.classificationPartial(r, ranges.get(i)));
            }
            assertThat(partials.get(0).scalingValues() == null).isEqualTo(scaling != null);
            List<String> log = new ArrayList<>();
            DatasetResult merged = TFDatasets.classification(r, log::add, partials.iterator(), sc -> {
                List<List<byte[]>> encoded = new ArrayList<>();
                for (int i = ranges.size() - 1; i >= 0; i--) {
                    try {
                        encoded.add(0, TFDatasets.classificationRecords(r, ranges.get(i), sc));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return encoded.stream().flatMap(List::stream).iterator();
            });
            assertThat(merged.records()).isEqualTo(local.records()).isPositive();
            assertThat(log).anyMatch(l -> l.startsWith("classification: ") && l.contains(" of 6,000 candidates"));
            List<String> files;
            try (Stream<Path> l = Files.list(local.directory())) {
                files = l.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertThat(files).contains("spec.json", "scaling.json", "train-00001-of-00002.tfrecord",
                    "validation-00001-of-00002.tfrecord");
            for (String f : files) {
                assertThat(Files.mismatch(local.directory().resolve(f), merged.directory().resolve(f)))
                        .as(tag + " " + f).isEqualTo(-1);
            }
            // A range left out of pass 1: nothing is published.
            ClassificationRequest missing = request.apply("missing");
            assertThatThrownBy(() -> TFDatasets.classification(missing, s -> { }, partials.subList(1,
                    partials.size()).iterator(), sc -> java.util.Collections.emptyIterator()))
                    .hasMessageContaining("a range is missing or repeated");
            assertThat(missing.output()).doesNotExist();
        }
    }

    @Test
    void adversarialRangesEncodedApartAndPutInOrderGiveTheLocalShards() throws Exception {
        // What an executor does (issue 13): the records encoded by entry range (not on the read grid), in reverse
        // order, then put into the shards in record order: the local directory byte for byte.
        java.util.function.Function<String, AdversarialRequest> request = name -> new AdversarialRequest(
                List.of(mix, mix), "taus", tmp.resolve(name), FeatureSet.small(), classification.resolve("scaling.json"),
                BATCH, 7, 2, 3, new DatasetOptions(false, 2, 2, 256));
        DatasetResult local = TFDatasets.adversarial(request.apply("local"), s -> { });
        AdversarialRequest r = request.apply("ranges");
        List<TFDatasets.Range> ranges = TFDatasets.adversarialRanges(r, 170);
        // 900 records: the mix's 600, then 300 of its second reading.
        assertThat(ranges.get(ranges.size() - 1)).isEqualTo(new TFDatasets.Range(1, 170, 300));
        List<List<byte[]>> encoded = new java.util.ArrayList<>();
        for (int i = ranges.size() - 1; i >= 0; i--) {
            encoded.add(0, TFDatasets.adversarialRecords(r, ranges.get(i)));
        }
        DatasetResult merged = TFDatasets.adversarial(r, s -> { },
                encoded.stream().flatMap(List::stream).iterator());
        assertThat(merged.records()).isEqualTo(local.records()).isEqualTo(900);
        for (String f : List.of("spec.json", "scaling.json", "train-00000-of-00002.tfrecord",
                "train-00001-of-00002.tfrecord", "validation-00000-of-00002.tfrecord")) {
            assertThat(Files.mismatch(local.directory().resolve(f), merged.directory().resolve(f))).as(f)
                    .isEqualTo(-1);
        }
        // A range left out: nothing is published.
        AdversarialRequest missing = request.apply("missing");
        assertThatThrownBy(() -> TFDatasets.adversarial(missing, s -> { }, encoded.get(0).iterator()))
                .hasMessageContaining("a range is missing or repeated");
        assertThat(missing.output()).doesNotExist();
    }

    @Test
    void adversarialDatasetKeepsTheMixOrderAndSplitsByWholeBatches() throws Exception {
        Path out = tmp.resolve("adversarial");
        DatasetResult r = TFDatasets.adversarial(new AdversarialRequest(List.of(mix), "taus", out,
                FeatureSet.small(), classification.resolve("scaling.json"), BATCH, 4, 1, 3,
                new DatasetOptions(false, 3, 2, 256)), s -> { });
        Path single = tmp.resolve("adversarial-1");
        TFDatasets.adversarial(new AdversarialRequest(List.of(mix), "taus", single, FeatureSet.small(),
                classification.resolve("scaling.json"), BATCH, 4, 1, 3, new DatasetOptions(false, 3, 1, 256)),
                s -> { });
        for (String shard : r.spec().splits().get("train").shards()) {
            assertThat(Files.readAllBytes(single.resolve(shard))).isEqualTo(Files.readAllBytes(out.resolve(shard)));
        }
        DatasetSpec spec = r.spec();
        assertThat(spec.kind()).isEqualTo("adversarial");
        assertThat(spec.batchSize()).isEqualTo(BATCH);
        assertThat(spec.targets()).containsExactly("label", "weight", "dataset_id");
        assertThat(spec.splits().get("train").records()).isEqualTo(400);
        assertThat(spec.splits().get("validation").records()).isEqualTo(100);
        assertThat(Files.readString(out.resolve("scaling.json")))
                .isEqualTo(Files.readString(classification.resolve("scaling.json")));
        List<DatasetRecord> train = readAll(out, "train");
        List<DatasetRecord> val = readAll(out, "validation");
        for (int i = 0; i < 400; i++) {
            DatasetRecord rec = train.get(i);
            boolean data = i % BATCH < 50;
            assertThat(rec.entry()).isEqualTo(i);
            assertThat(rec.targets()).containsExactly(data ? 1f : 0f);
            assertThat(rec.datasetId()).isEqualTo(data ? 0 : 1);
            assertThat(rec.weight()).isEqualTo(0.5f + 0.01f * (i % 50) + (data ? 0 : 1));
        }
        try (DatasetReader reader = DatasetReader.open(out, "train")) {
            DatasetBatch batch = new DatasetBatch(reader.spec(), reader.spec().batchSize());
            int batches = 0;
            while (reader.next(batch) > 0) {
                assertThat(batch.size()).isEqualTo(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    DatasetRecord rec = train.get(batches * BATCH + i);
                    assertThat(batch.targets()[i]).isEqualTo(rec.targets()[0]);
                    assertThat(batch.entries()[i]).isEqualTo(rec.entry());
                    int size = rec.inputs()[4].length;
                    assertThat(java.util.Arrays.copyOfRange(batch.input(4), i * size, (i + 1) * size))
                            .isEqualTo(rec.inputs()[4]);
                }
                batches++;
            }
            assertThat(batches).isEqualTo(4);
        }
        assertThat(val.get(0).entry()).isEqualTo(400);
        assertThat(val.get(99).entry()).isEqualTo(499);
        List<DatasetRecord> tfs = new ArrayList<>();
        for (String shard : spec.splits().get("train").shards()) {
            tfs.addAll(TfParse.read(out.resolve(shard), spec));
        }
        assertSameRecords(tfs, train);
        // The same candidates as in a classification dataset would be scaled identically: compare the τ inputs
        // of the first data record with the raw features scaled by the same file.
        assertThat(train.get(0).inputs()[0]).hasSize(FeatureSet.small().tau().size());
    }

    @Test
    void v2p5InputsHaveTheReferenceShapesAndParseInTensorFlow() throws Exception {
        // The toy lacks 82 TauMLTools branches v2p5 needs: add them (synthetic values) to the first 400 candidates.
        Path input = tmp.resolve("training-v2p5.root");
        DatasetBenchmark.augment(training, input, FeatureSet.v2p5(), 400);
        Path out = tmp.resolve("v2p5");
        DatasetResult r = TFDatasets.classification(new ClassificationRequest(List.of(input), "taus", "tauType", out,
                FeatureSet.v2p5(), null, 3, 0.25, 1e5, new DatasetOptions(true, 1, 2, 128)), s -> { });
        DatasetSpec spec = r.spec();
        assertThat(spec.inputs().stream().map(DatasetSpec.Input::shape).toList()).containsExactly(List.of(43),
                List.of(11, 11, 86), List.of(11, 11, 64), List.of(11, 11, 38), List.of(21, 21, 86),
                List.of(21, 21, 64), List.of(21, 21, 38));
        List<DatasetRecord> ours = readAll(out, "validation");
        assertThat(ours).isNotEmpty();
        assertThat(ours.get(0).inputs()[4]).hasSize(21 * 21 * 86);
        // Sparse storage: a record is a few kB, not the 423 kB of its dense tensors.
        assertThat((double) r.bytes() / r.records()).isLessThan(20_000);
        assertSameRecords(TfParse.read(out.resolve(spec.splits().get("validation").shards().get(0)), spec), ours);
    }

    @Test
    void badInputFailsNamingTheElementAndPublishesNothing() throws Exception {
        Path out = tmp.resolve("bad");
        // A scaling file lacking a feature.
        Path scaling = tmp.resolve("scaling.json");
        Files.writeString(scaling, Files.readString(classification.resolve("scaling.json"))
                .replace("\"tau_puCorrPtSum\"", "\"tau_puCorrPtSum_renamed\""));
        assertThatThrownBy(() -> TFDatasets.classification(classificationRequest(out, false, scaling, 1e5), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("scalingFile")
                .hasMessageContaining("tau_puCorrPtSum");
        assertThat(out).doesNotExist();
        assertThatThrownBy(() -> TFDatasets.adversarial(new AdversarialRequest(List.of(mix), "taus", out,
                FeatureSet.small(), scaling, BATCH, 4, 1, 3, DatasetOptions.defaults()), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tau_puCorrPtSum");
        assertThat(out).doesNotExist();
        // weight_thr exceeded.
        assertThatThrownBy(() -> TFDatasets.classification(classificationRequest(out, false, null, 1.5), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weightThr")
                .hasMessageContaining("weight_thr");
        assertThat(out).doesNotExist();
        // A feature branch missing from the inputs (v2p5 on toy tuples).
        assertThatThrownBy(() -> TFDatasets.classification(new ClassificationRequest(List.of(training), "taus",
                "tauType", out, FeatureSet.v2p5(), null, 7, 0.25, 1e5, DatasetOptions.defaults()), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("features/TauFlat/tau_dz_sig")
                .hasMessageContaining("tau_dz_error");
        assertThat(out).doesNotExist();
        // Too few mixed batches.
        assertThatThrownBy(() -> TFDatasets.adversarial(new AdversarialRequest(List.of(mix), "taus", out,
                FeatureSet.small(), classification.resolve("scaling.json"), BATCH, 5, 2, 3,
                DatasetOptions.defaults()), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("trainBatches")
                .hasMessageContaining("700").hasMessageContaining("600");
        assertThat(out).doesNotExist();
        // A classification input that is not a mix lacks the mix's branches.
        assertThatThrownBy(() -> TFDatasets.adversarial(new AdversarialRequest(List.of(training), "taus", out,
                FeatureSet.small(), classification.resolve("scaling.json"), BATCH, 1, 0, 3,
                DatasetOptions.defaults()), s -> { }))
                .isInstanceOf(ConfigException.class).hasMessageContaining("weight");
        assertThat(out).doesNotExist();
        assertThat(Files.list(tmp).filter(p -> p.getFileName().toString().startsWith(".bad"))).isEmpty();
    }

}
