package io.github.tauml.rootspark.bench;

import static org.apache.spark.sql.functions.sum;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootspark.ToyTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * Rows/s of {@code count()} and of {@code sum(tau_pt)} (a float branch) through the {@code root} data source in
 * local[1] and local[2], against root-io's own batched read of the same branch on 1 and 2 threads, on a generated
 * file of toy candidates ({@link ToyTrees}, 1M entries by default). Median of the repetitions after a warm-up.
 * Options: {@code --dir D --out results.md --entries N --reps R}.
 */
public final class SparkReadBenchmark {
    private SparkReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("target/bench");
        Path out = null;
        int entries = 1_000_000;
        int reps = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--entries" -> entries = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("toy-" + entries + ".root");
        if (!Files.exists(file)) {
            ToyTrees.write(file, entries, 0, 7);
        }
        List<String> lines = new ArrayList<>();
        lines.add("| reader | cores | count() M rows/s | sum(tau_pt) M rows/s |");
        lines.add("|---|---|---|---|");
        for (int threads : new int[] {1, 2}) {
            double sumRate = rate(entries, reps, () -> rootIoSum(file, threads));
            lines.add(String.format(Locale.ROOT, "| root-io ColumnBatches (direct) | %d | n/a (entries in the header) | %.2f |",
                    threads, sumRate));
        }
        for (int cores : new int[] {1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("root-spark-bench")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            double countRate = rate(entries, reps, () -> (double) spark.read().format("root")
                    .option("tree", ToyTrees.TREE).load(file.toString()).count());
            double sumRate = rate(entries, reps, () -> spark.read().format("root").option("tree", ToyTrees.TREE)
                    .load(file.toString()).agg(sum("tau_pt")).first().getDouble(0));
            int parts = spark.read().format("root").option("tree", ToyTrees.TREE).load(file.toString())
                    .select("tau_pt").rdd().getNumPartitions();
            lines.add(String.format(Locale.ROOT, "| Spark local[%d], format(\"root\") (%d partition(s) for tau_pt) | %d | %.2f | %.2f |",
                    cores, parts, cores, countRate, sumRate));
            spark.stop();
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "%d entries, %d MB file, median of %d runs after one warm-up; %d cores visible.",
                entries, Files.size(file) >> 20, reps, Runtime.getRuntime().availableProcessors()));
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, text);
        }
    }

    /** Median rows/s (millions) of {@code reps} timed runs after one warm-up. */
    private static double rate(long entries, int reps, Callable<Double> run) throws Exception {
        run.call();
        double[] secs = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            double v = run.call();
            secs[i] = (System.nanoTime() - t0) / 1e9;
            if (v == 12345.678) {
                System.out.print("");
            }
        }
        Arrays.sort(secs);
        return entries / secs[reps / 2] / 1e6;
    }

    /** Σ tau_pt with root-io alone: the entry range cut in {@code threads} halves, batches of 8192 per thread. */
    private static double rootIoSum(Path file, int threads) throws Exception {
        long entries;
        try (RootFile f = RootFile.open(file)) {
            entries = f.tree(ToyTrees.TREE).entries();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long from = entries * t / threads;
                long to = entries * (t + 1) / threads;
                parts.add(pool.submit(() -> sumRange(file, from, to)));
            }
            double s = 0;
            for (Future<Double> p : parts) {
                s += p.get();
            }
            return s;
        } finally {
            pool.shutdown();
        }
    }

    private static double sumRange(Path file, long from, long to) throws IOException {
        double s = 0;
        try (RootFile f = RootFile.open(file)) {
            TTree tree = f.tree(ToyTrees.TREE);
            try (ColumnBatches b = tree.batches(List.of("tau_pt"), from, to, 8192, 1)) {
                while (b.hasNext()) {
                    Columns c = b.next();
                    for (float v : (float[]) c.get("tau_pt").values()) {
                        s += v;
                    }
                }
            }
        }
        return s;
    }
}
