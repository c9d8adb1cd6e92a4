package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.EventDrop;
import io.github.tauml.pipeline.dataset.Mix;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.TRandom3;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import io.github.tauml.pipeline.tfdata.TFDatasets;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The drop, the mix, the adversarial and the classification dataset ({@code --stages drop,mix,dataset,classification}
 * picks some) on the local executor (2 threads) and on Spark {@code local[1]} and
 * {@code local[2]}: median wall time of {@code --reps} runs after a warm-up, and a SHA-256 over each stage's outputs
 * (equal everywhere). Toy candidates with particles. Not a test; run from the test class path with the flags of
 * {@code spark.test.argLine}: {@code java -Xmx3g <add-opens> -cp ... io.github.tauml.pipeline.spark.
 * SparkDataStagesBenchmark --entries 200000 --reps 3}.
 */
public final class SparkDataStagesBenchmark {
    private SparkDataStagesBenchmark() {
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One stage run on some executor, writing under a directory. */
    private interface Stage {
        void run(SparkSession spark, Path out) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        long entries = Long.parseLong(option(args, "entries", "200000"));
        int reps = Integer.parseInt(option(args, "reps", "3"));
        Path dir = Path.of(option(args, "dir", "target/bench-spark-stages")).toAbsolutePath();
        Path toys = dir.resolve("toy-" + entries);
        if (!Files.exists(toys.resolve("training.root"))) {
            ToyNtuples.generate(new ToyRequest(toys, Map.of(ToySample.DATA, entries, ToySample.TRAINING, entries), 3,
                    Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
        }
        Path scalingDir = dir.resolve("scaling");
        if (!Files.exists(scalingDir.resolve("classification/scaling.json"))) {
            ToyNtuples.generate(new ToyRequest(scalingDir.resolve("toy"), Map.of(ToySample.TRAINING, 5_000L), 4,
                    Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
            TFDatasets.classification(new ClassificationRequest(List.of(scalingDir.resolve("toy/training.root")),
                    "taus", "tauType", scalingDir.resolve("classification"), FeatureSet.small(), null, 7, 0.25, 1e5,
                    new DatasetOptions(false, 1, 2, 4096)), s -> { });
        }
        double[] edges = {20, 25, 30, 35, 40, 50, 60, 80, 100, 150, 300};
        double[] c = new double[edges.length + 1];
        for (int b = 1; b < c.length - 1; b++) {
            c[b] = (edges[b] - edges[b - 1]) * Math.exp(-(edges[b - 1] + edges[b]) / 2 / 45);
        }
        TH1 target = new TH1("EMB", "", "TH1D", edges, c, new double[0], 0);
        int batches = (int) (entries / 2 / 50);
        Stage drop = (spark, out) -> {
            DropRequest r = new DropRequest("training", "<x>", toys.resolve("training.root"), "taus", "tau_pt", target,
                    -1, TRandom3.DEFAULT_SEED, out.resolve("training.root"), Compression.ZLIB, 1, 2);
            if (spark == null) {
                EventDrop.run(r, s -> { });
            } else {
                SparkDrop.run(spark, r, s -> { });
            }
        };
        Stage mix = (spark, out) -> {
            MixRequest r = mix(toys, out, batches);
            if (spark == null) {
                Mix.run(r, s -> { });
            } else {
                SparkMix.run(spark, r, s -> { });
            }
        };
        Path mixed = dir.resolve("mix-input");
        Mix.run(mix(toys, mixed, batches), s -> { });
        Stage dataset = (spark, out) -> {
            AdversarialRequest r = new AdversarialRequest(List.of(mixed.resolve("adv_dataset_trainval.root")), "taus",
                    out.resolve("adversarial"), FeatureSet.small(), scalingDir.resolve("classification/scaling.json"),
                    100, batches * 3 / 4 * 2 / 3, batches * 3 / 4 / 3, 1, new DatasetOptions(false, 2, 2, 4096));
            if (spark == null) {
                TFDatasets.adversarial(r, s -> { });
            } else {
                SparkDataset.adversarial(spark, r, s -> { });
            }
        };
        Stage classification = (spark, out) -> {
            ClassificationRequest r = new ClassificationRequest(List.of(toys.resolve("training.root")), "taus",
                    "tauType", out.resolve("classification"), FeatureSet.small(), null, 7, 0.25, 1e5,
                    new DatasetOptions(false, 2, 2, 4096));
            if (spark == null) {
                TFDatasets.classification(r, s -> { });
            } else {
                SparkDataset.classification(spark, r, s -> { });
            }
        };
        List<String> only = List.of(option(args, "stages", "drop,mix,dataset,classification").split(","));
        System.out.printf(Locale.ROOT, "%n## Drop, mix and adversarial dataset: local (2 threads) and Spark; %,d toy"
                + " candidates per input, load average %s%n%n", entries, load());
        System.out.println("| stage | executor | wall s (median) | min–max | outputs SHA-256 |");
        System.out.println("|---|---|---:|---|---|");
        SparkSession spark = null;
        for (String mode : List.of("local", "spark1", "spark2")) {
            if (mode.startsWith("spark")) {
                if (spark != null) {
                    spark.stop();
                }
                spark = SparkSession.builder().master("local[" + mode.substring(5) + "]").appName("stages-bench")
                        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
                spark.sparkContext().setLogLevel("WARN");
            }
            String label = mode.equals("local") ? "local, threads=2" : "Spark local[" + mode.substring(5) + "]";
            for (Map.Entry<String, Stage> s : List.of(Map.entry("drop", drop), Map.entry("mix", mix),
                    Map.entry("dataset", dataset), Map.entry("classification", classification))) {
                if (!only.contains(s.getKey())) {
                    continue;
                }
                double[] wall = new double[reps];
                Path out = dir.resolve(mode).resolve(s.getKey());
                for (int r = -1; r < reps; r++) {
                    deleteTree(out);
                    long t0 = System.nanoTime();
                    s.getValue().run(spark, out);
                    if (r >= 0) {
                        wall[r] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                double[] sorted = wall.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f–%.2f | `%s` |%n", s.getKey(), label,
                        sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sha(out));
            }
        }
        if (spark != null) {
            spark.stop();
        }
        System.out.printf(Locale.ROOT, "%nload average at end: %s%n", load());
    }

    private static MixRequest mix(Path toys, Path out, int batches) {
        List<MixRequest.Contribution> cs = List.of(
                new MixRequest.Contribution("data", "<d>", toys.resolve("data.root"), "taus", 50, 0, true, "data"),
                new MixRequest.Contribution("training", "<t>", toys.resolve("training.root"), "taus", 50, 1, false,
                        "training"));
        return new MixRequest(cs, null, "tau_pt", "tauType", batches * 3 / 4, batches / 4, false, 1,
                out.resolve("adv_dataset_trainval.root"), out.resolve("adv_dataset_evaluate.root"), Compression.ZLIB,
                1, 2);
    }

    private static String sha(Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            md.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(Files.readAllBytes(f));
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String load() throws Exception {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    }
}
