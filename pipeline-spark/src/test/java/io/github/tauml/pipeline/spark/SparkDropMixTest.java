package io.github.tauml.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.DropResult;
import io.github.tauml.pipeline.dataset.EventDrop;
import io.github.tauml.pipeline.dataset.Mix;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.MixRequest.Contribution;
import io.github.tauml.pipeline.dataset.MixResult;
import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.StageExecutor;
import io.github.tauml.pipeline.dataset.TRandom3;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import io.github.tauml.pipeline.tfdata.DatasetResult;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.write.RootWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop (§2.4), the mix (§2.6) and the adversarial dataset (§2.7) on Spark {@code local[2]} against the local
 * executor, on toy ntuples with particles skimmed as the pipeline skims them (τ type computed): the same entries, the
 * same per-bin table, the same files and TFRecord shards byte for byte; failures as locally, nothing written.
 */
class SparkDropMixTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path dy;
    static Path wjets;
    static Path weights;
    static SparkSession spark;

    @TempDir
    Path tmp;

    private static final double[] EDGES = {20, 25, 30, 35, 40, 50, 60, 80, 100, 150, 300};

    @BeforeAll
    static void setUp() throws IOException {
        ToyNtuples.generate(new ToyRequest(dir.resolve("toy"), Map.of(ToySample.DATA, 40_000L,
                ToySample.DY_TAUTAU, 45_000L, ToySample.WJETS, 20_000L, ToySample.TRAINING, 3_000L), 31, Mismodelling.defaults(), true,
                Compression.ZLIB, 1, 2), s -> { });
        data = skim("data", "data.root", null);
        dy = skim("DY_taus", "DYtautau.root", "mytauType");
        wjets = skim("W_jets", "WJets.root", "mytauType");
        // pT weights per contribution, distinct per bin, as the reweight writes them.
        weights = dir.resolve("adv_weights.root");
        try (RootWriter w = RootWriter.create(weights)) {
            for (String name : List.of("data", "DYT", "WJ")) {
                double[] c = new double[EDGES.length + 1];
                for (int b = 0; b < c.length; b++) {
                    c[b] = 0.5 + name.length() * 0.1 + b / 37.0;
                }
                w.histogram(name, new TH1(name, "", "TH1D", EDGES, c, new double[0], 0));
            }
        }
        spark = SparkSession.builder().master("local[2]").appName("pipeline-spark-tests")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    private static Path skim(String sample, String file, String tauType) throws IOException {
        Path out = dir.resolve("skim/" + sample + ".root");
        try {
            Skim.run(new SkimRequest(sample, dir, List.of(dir.resolve("toy").resolve(file).toString()), null, "taus",
                    "taus", "tau_pt > 20 && std::abs(tau_eta) < 2.3", tauType, List.of(), List.of(), List.of(),
                    List.of(), null, null, out, Compression.ZLIB, 1, 2), s -> { });
        } catch (io.github.tauml.pipeline.dataset.SkimException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** A falling target: the drop thins the low-pT bins. */
    private static TH1 target() {
        double[] c = new double[EDGES.length + 1];
        for (int b = 1; b < c.length - 1; b++) {
            c[b] = (EDGES[b] - EDGES[b - 1]) * Math.exp(-(EDGES[b - 1] + EDGES[b]) / 2 / 45);
        }
        return new TH1("EMB", "", "TH1D", EDGES, c, new double[0], 0);
    }

    private static DropRequest drop(Path in, long entries, Path out) {
        return new DropRequest("DY_taus", "<samples><sample name=\"DY_taus\">", in, "taus", "tau_pt", target(),
                entries, TRandom3.DEFAULT_SEED, out, Compression.ZLIB, 1, 2);
    }

    @Test
    void theDropOnSparkKeepsTheLocalEntriesAndWritesTheLocalBytes() throws Exception {
        long entries;
        try (RootFile f = RootFile.open(dy)) {
            entries = f.tree("taus").entries();
        }
        assertThat(entries).isGreaterThan(2 * 16_384L);
        // Every entry, and a count that ends inside a batch.
        for (long n : new long[] {-1, entries - 7_777}) {
            DropResult local = EventDrop.run(drop(dy, n, tmp.resolve("local" + n + "/DY_taus.root")), s -> { });
            List<String> log = new java.util.ArrayList<>();
            DropResult onSpark = SparkDrop.run(spark, drop(dy, n, tmp.resolve("spark" + n + "/DY_taus.root")),
                    log::add);
            assertThat(onSpark.examined()).isEqualTo(local.examined());
            assertThat(onSpark.kept()).isEqualTo(local.kept()).isLessThan(local.examined() * 3 / 4).isPositive();
            assertThat(onSpark.bins()).isEqualTo(local.bins());
            assertThat(Files.mismatch(local.output(), onSpark.output())).as("entries %d", n).isEqualTo(-1);
            // More than one part, each starting from its own position of the random stream.
            assertThat(log.get(0))
                    .matches("DY_taus: the drop in [2-9]\\d* parts of up to [\\d,]+ entries on Spark .*local\\[2\\].*");
        }
    }

    @Test
    void thePluginFindsTheDropAndTheMixOnTheExecutor() throws Exception {
        StageExecutor e = StageExecutor.load("spark", SparkDropMixTest.class.getClassLoader());
        StageExecutor.Settings settings = new StageExecutor.Settings("local[2]", Map.of());
        DropResult local = EventDrop.run(drop(wjets, -1, tmp.resolve("local/W_jets.root")), s -> { });
        DropResult onSpark = e.drop(drop(wjets, -1, tmp.resolve("spark/W_jets.root")), settings, s -> { });
        assertThat(Files.mismatch(local.output(), onSpark.output())).isEqualTo(-1);
        MixRequest l = mix(false, 30, 12, "local-x");
        MixRequest s = mix(false, 30, 12, "spark-x");
        Mix.run(l, x -> { });
        e.mix(s, settings, x -> { });
        assertThat(Files.mismatch(l.trainvalOutput(), s.trainvalOutput())).isEqualTo(-1);
        assertThat(Files.mismatch(l.evaluationOutput(), s.evaluationOutput())).isEqualTo(-1);
        // A second master in the same JVM: Spark allows one session; the stage says which element to align.
        MixRequest other = mix(false, 30, 12, "other-master");
        assertThatThrownBy(() -> e.mix(other, new StageExecutor.Settings("local[1]", Map.of()), x -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<sparkMaster>")
                .hasMessageContaining("already running");
        assertThat(other.trainvalOutput()).doesNotExist();
    }

    @Test
    void aDamagedInputIsTheLocalIoErrorAndNothingIsWritten() throws Exception {
        Path damaged = tmp.resolve("in/DY_taus.root");
        Files.createDirectories(damaged.getParent());
        byte[] bytes = Files.readAllBytes(dy);
        for (int i = 0; i < 4_096; i++) {
            bytes[bytes.length / 2 + i] ^= (byte) 0x5A;
        }
        Files.write(damaged, bytes);
        Path out = tmp.resolve("broken/DY_taus.root");
        assertThatThrownBy(() -> EventDrop.run(drop(damaged, -1, out), s -> { })).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SparkDrop.run(spark, drop(damaged, -1, out), s -> { }))
                .isInstanceOf(IOException.class);
        assertThat(out).doesNotExist();
    }

    private MixRequest mix(boolean shuffle, int trainval, int evaluation, String name) {
        List<Contribution> cs = List.of(
                new Contribution("data", "<contributions><contribution name=\"data\">", data, "taus", 50, 0, true,
                        "data"),
                new Contribution("DY_taus", "<contributions><contribution name=\"DY_taus\">", dy, "taus", 36, 1,
                        false, "DYT"),
                new Contribution("W_jets", "<contributions><contribution name=\"W_jets\">", wjets, "taus", 14, 5,
                        false, "WJ"));
        return new MixRequest(cs, weights, "tau_pt", "mytauType", trainval, evaluation, shuffle, 42,
                tmp.resolve(name + "/adv_dataset_trainval.root"), tmp.resolve(name + "/adv_dataset_evaluate.root"),
                Compression.ZLIB, 1, 2);
    }

    @Test
    void theMixOnSparkWritesTheLocalFilesInOrderAndShuffled() throws Exception {
        for (boolean shuffle : new boolean[] {false, true}) {
            // 450 + 130 batches of 100: three appends of train/validation and one of evaluation, in several segments.
            MixRequest l = mix(shuffle, 450, 130, "local-" + shuffle);
            MixRequest s = mix(shuffle, 450, 130, "spark-" + shuffle);
            MixResult local = Mix.run(l, x -> { });
            List<String> log = new java.util.ArrayList<>();
            MixResult onSpark = SparkMix.run(spark, s, log::add);
            assertThat(onSpark.entries()).isEqualTo(local.entries()).isEqualTo(58_000);
            assertThat(onSpark.branches()).isEqualTo(local.branches());
            assertThat(onSpark.notes()).isEqualTo(local.notes());
            assertThat(Files.mismatch(l.trainvalOutput(), s.trainvalOutput())).as("shuffle %s", shuffle)
                    .isEqualTo(-1);
            assertThat(Files.mismatch(l.evaluationOutput(), s.evaluationOutput())).as("shuffle %s", shuffle)
                    .isEqualTo(-1);
            assertThat(log.get(0)).matches("mix: [2-9] segments of up to [\\d,]+ batches on Spark .*");
        }
    }

    @Test
    void aContributionThatRunsDryFailsOnTheDriverAsLocallyWithNothingWritten() {
        MixRequest s = mix(false, 2_000, 100, "dry");
        assertThatThrownBy(() -> SparkMix.run(spark, s, x -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("data runs dry")
                .hasMessageContaining("<contributions><contribution name=\"data\"><perBatch>");
        assertThat(s.trainvalOutput()).doesNotExist();
        assertThat(s.evaluationOutput()).doesNotExist();
    }

    @Test
    void theClassificationDatasetOnSparkWritesTheLocalFiles() throws Exception {
        // Pass 1 (class spectra, scaling statistics) and pass 2 (records) by entry range on local[2]: the driver adds
        // the partials in range order and shuffles as locally, so every file is the local one; with the scaling
        // computed and with a scaling file given, through the executor the plugin loads.
        Path training = dir.resolve("toy/training.root");
        StageExecutor e = StageExecutor.load("spark", SparkDropMixTest.class.getClassLoader());
        StageExecutor.Settings settings = new StageExecutor.Settings("local[2]", Map.of());
        Path given = null;
        for (String tag : List.of("computed", "given")) {
            Path scaling = given;
            java.util.function.Function<String, ClassificationRequest> request = name -> new ClassificationRequest(
                    List.of(training, training), "taus", "tauType", tmp.resolve(tag + "/" + name), FeatureSet.small(),
                    scaling, 7, 0.25, 1e5, new DatasetOptions(false, 2, 2, 700));
            DatasetResult local = TFDatasets.classification(request.apply("local"), x -> { });
            List<String> log = new java.util.ArrayList<>();
            DatasetResult onSpark = tag.equals("computed")
                    ? SparkDataset.classification(spark, request.apply("spark"), log::add)
                    : e.classificationDataset(request.apply("spark"), settings, log::add);
            assertThat(onSpark.records()).isEqualTo(local.records()).isPositive();
            assertThat(log.get(0))
                    .matches("classification dataset: (?:[6-9]|\\d\\d) ranges of up to [\\d,]+ candidates on Spark .*");
            List<String> files;
            try (java.util.stream.Stream<Path> l = Files.list(local.directory())) {
                files = l.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(files).contains("spec.json", "scaling.json", "train-00001-of-00002.tfrecord",
                    "validation-00001-of-00002.tfrecord");
            for (String f : files) {
                assertThat(Files.mismatch(local.directory().resolve(f), onSpark.directory().resolve(f)))
                        .as(tag + " " + f).isEqualTo(-1);
            }
            try (java.util.stream.Stream<Path> l = Files.list(onSpark.directory())) {
                assertThat(l.count()).isEqualTo(files.size());
            }
            given = local.directory().resolve("scaling.json");
        }
        // A weight_thr the spectra exceed fails on the driver after pass 1, as locally, with nothing published.
        ClassificationRequest strict = new ClassificationRequest(List.of(training), "taus", "tauType",
                tmp.resolve("strict"), FeatureSet.small(), null, 7, 0.25, 1.5, new DatasetOptions(false, 1, 2, 700));
        assertThatThrownBy(() -> SparkDataset.classification(spark, strict, x -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("above weight_thr = 1.5");
        assertThat(strict.output()).doesNotExist();
    }

    @Test
    void theAdversarialDatasetOnSparkWritesTheLocalShards() throws Exception {
        // The scaling file from a classification dataset of the toy training sample, as the pipeline makes it.
        Path classification = tmp.resolve("dataset/classification");
        TFDatasets.classification(new ClassificationRequest(List.of(dir.resolve("toy/training.root")), "taus",
                "tauType", classification, FeatureSet.small(), null, 7, 0.25, 1e5,
                new DatasetOptions(false, 1, 2, 700)), x -> { });
        MixRequest m = mix(false, 30, 12, "mix-for-dataset");
        Mix.run(m, x -> { });
        java.util.function.Function<String, AdversarialRequest> request = name -> new AdversarialRequest(
                List.of(m.trainvalOutput(), m.evaluationOutput()), "taus", tmp.resolve("dataset/" + name),
                FeatureSet.small(), classification.resolve("scaling.json"), 100, 32, 8, 42,
                new DatasetOptions(false, 3, 2, 256));
        // 4,000 records: all 3,000 of the first input and 1,000 of the second, over several ranges.
        DatasetResult local = TFDatasets.adversarial(request.apply("local"), x -> { });
        List<String> log = new java.util.ArrayList<>();
        DatasetResult onSpark = SparkDataset.adversarial(spark, request.apply("spark"), log::add);
        assertThat(onSpark.records()).isEqualTo(local.records()).isEqualTo(4_000);
        assertThat(log.get(0)).matches("adversarial dataset: [4-9] ranges of up to [\\d,]+ candidates on Spark .*");
        List<String> files;
        try (java.util.stream.Stream<Path> l = Files.list(local.directory())) {
            files = l.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files).contains("spec.json", "scaling.json", "train-00000-of-00003.tfrecord",
                "validation-00000-of-00003.tfrecord");
        for (String f : files) {
            assertThat(Files.mismatch(local.directory().resolve(f), onSpark.directory().resolve(f))).as(f)
                    .isEqualTo(-1);
        }
        try (java.util.stream.Stream<Path> l = Files.list(onSpark.directory())) {
            assertThat(l.count()).isEqualTo(files.size());
        }
        // Asking for more records than the mix holds fails on the driver, as locally, with nothing published.
        AdversarialRequest tooMany = new AdversarialRequest(List.of(m.trainvalOutput()), "taus",
                tmp.resolve("dataset/too-many"), FeatureSet.small(), classification.resolve("scaling.json"), 100, 40,
                0, 42, new DatasetOptions(false, 1, 2, 256));
        assertThatThrownBy(() -> SparkDataset.adversarial(spark, tooMany, x -> { }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the inputs hold 3,000");
        assertThat(tooMany.output()).doesNotExist();
    }
}
