package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimResult;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The same skim (τ type + the reference selection, every branch written, zlib 1) on the local executor with 1 and 2
 * threads and on Spark {@code local[1]} and {@code local[2]}: wall time, entries/s, CPU time of the JVM, SHA-256 of
 * each output (all equal). Spark's fixed cost is measured with an empty input range (a skim that reads nothing).
 * Not a test; run from the test class path with the flags of {@code spark.test.argLine}:
 * {@code java -Xmx3g <add-opens> -cp ... io.github.tauml.pipeline.spark.SparkSkimBenchmark --entries 1000000
 * --files 2 --reps 3}.
 */
public final class SparkSkimBenchmark {
    static final String REFERENCE = "tau_byDeepTau2017v2p1VSjetraw>0.90 && tau_pt>30 && std::abs(tau_eta)<2.3 && "
            + "tau_decayModeFindingNewDMs && (tau_decayMode==0 || tau_decayMode==1 || tau_decayMode==10 || "
            + "tau_decayMode==11) && tau_byDeepTau2017v2p1VSeraw>0.1686942 && tau_byDeepTau2017v2p1VSmuraw>0.8754835"
            + " && tau_index>=0  && has_extramuon==0 && has_extraelectron==0 && has_dimuon==0";

    private SparkSkimBenchmark() {
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    public static void main(String[] args) throws Exception {
        long entries = Long.parseLong(option(args, "entries", "500000"));
        int files = Integer.parseInt(option(args, "files", "2"));
        int reps = Integer.parseInt(option(args, "reps", "3"));
        boolean particles = Boolean.parseBoolean(option(args, "particles", "true"));
        Path dir = Path.of(option(args, "dir", "target/bench-spark-skim")).toAbsolutePath();
        List<String> modes = List.of(option(args, "modes", "local1,local2,spark1,spark2").split(","));
        List<String> inputs = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            Path d = dir.resolve("toy" + f + "-" + entries + (particles ? "" : "-np"));
            Path file = d.resolve("DYtautau.root");
            if (!Files.exists(file)) {
                ToyNtuples.generate(new ToyRequest(d, Map.of(ToySample.DY_TAUTAU, entries), 100 + f,
                        Mismodelling.defaults(), particles, Compression.ZLIB, 1, 2), s -> { });
            }
            inputs.add(file.toString());
        }
        long bytes = 0;
        for (String i : inputs) {
            bytes += Files.size(Path.of(i));
        }
        System.out.printf(Locale.ROOT, "%n## Skim on the local executor and on Spark: %d files x %,d candidates "
                + "(%s particles, %.0f MB), load average %s%n%n", files, entries, particles ? "with" : "without",
                bytes / 1e6, load());
        System.out.println("| executor | cores | M entries/s (median, min–max) | wall s (median) | fixed cost s |"
                + " JVM CPU s / wall s | passed | output SHA-256 |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---|");
        SparkSession spark = null;
        for (String mode : modes) {
            int cores = Integer.parseInt(mode.substring(mode.length() - 1));
            boolean onSpark = mode.startsWith("spark");
            if (onSpark) {
                if (spark != null) {
                    spark.stop();
                }
                spark = SparkSession.builder().master("local[" + cores + "]").appName("skim-bench")
                        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
                spark.sparkContext().setLogLevel("WARN");
            }
            SparkSession s = spark;
            Path out = dir.resolve(mode).resolve("DY_taus.root");
            double fixed = Double.NaN;
            if (onSpark) {
                // Fixed cost: planning (every input opened), one job, the merge and an empty output file.
                SkimRequest empty = request(inputs, new SkimRequest.EntryRange(0, 1), out, cores);
                SparkSkim.run(s, empty, x -> { });
                double[] t = new double[3];
                for (int i = 0; i < t.length; i++) {
                    long t0 = System.nanoTime();
                    SparkSkim.run(s, empty, x -> { });
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
                fixed = median(t);
            }
            double[] rate = new double[reps];
            double[] wall = new double[reps];
            double[] cpu = new double[reps];
            long passed = 0;
            for (int r = -1; r < reps; r++) {
                SkimRequest req = request(inputs, SkimRequest.EntryRange.ALL, out, cores);
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                SkimResult res = onSpark ? SparkSkim.run(s, req, x -> { }) : Skim.run(req, x -> { });
                double w = (System.nanoTime() - t0) / 1e9;
                if (r >= 0) {
                    wall[r] = w;
                    rate[r] = res.read() / w;
                    cpu[r] = (cpuNanos() - c0) / 1e9 / w;
                }
                passed = res.passed();
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(out))).substring(0, 16);
            System.out.printf(Locale.ROOT, "| %s | %d | **%.3f** (%.3f–%.3f) | %.1f | %s | %.2f | %,d | `%s` |%n",
                    onSpark ? "Spark local[" + cores + "]" : "local, threads=" + cores, cores, median(rate) / 1e6,
                    Arrays.stream(rate).min().orElse(0) / 1e6, Arrays.stream(rate).max().orElse(0) / 1e6,
                    median(wall), Double.isNaN(fixed) ? "–" : String.format(Locale.ROOT, "%.2f", fixed), median(cpu),
                    passed, sha);
        }
        if (spark != null) {
            spark.stop();
        }
        split(inputs, dir, reps);
        System.out.printf(Locale.ROOT, "%nload average at end: %s%n", load());
    }

    /**
     * The two halves of the Spark skim on one thread each, without Spark: what a task does per entry (decode, τ type,
     * selection: {@link Skim#select} over every part) and what the driver does (the merge: append and compress,
     * {@link Skim#merge} with threads=1), in CPU seconds of this thread, for the per-core rates of a cluster estimate.
     */
    private static void split(List<String> inputs, Path dir, int reps) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Path out = dir.resolve("split").resolve("DY_taus.root");
        SkimRequest req = request(inputs, SkimRequest.EntryRange.ALL, out, 1);
        List<Skim.Part> parts = Skim.parts(req, SparkSkim.MAX_BATCHES_PER_PART);
        double[] select = new double[reps];
        double[] merge = new double[reps];
        long entries = 0;
        long resultBytes = 0;
        for (int r = -1; r < reps; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            List<Skim.PartBatch> all = new ArrayList<>();
            long bytes = 0;
            for (Skim.Part p : parts) {
                List<Skim.PartBatch> got = Skim.select(req, p);
                bytes += BatchCodec.encode(got).length;
                all.addAll(got);
            }
            long c1 = mx.getCurrentThreadCpuTime();
            SkimResult res = Skim.merge(req, all.iterator(), x -> { });
            long c2 = mx.getCurrentThreadCpuTime();
            if (r >= 0) {
                select[r] = (c1 - c0) / 1e9;
                merge[r] = (c2 - c1) / 1e9;
            }
            entries = res.read();
            resultBytes = bytes;
        }
        System.out.printf(Locale.ROOT, "%nOne thread each, CPU seconds of the thread (median of %d): task side "
                + "(decode + τ type + selection, and encoding the result) %.2f s = **%.3f M entries per core-second**;"
                + " driver side (merge: append + compress, threads=1) %.2f s = **%.3f M input entries per "
                + "core-second**; task results %.0f bytes per input entry (%.1f MB in all).%n", reps, median(select),
                entries / median(select) / 1e6, median(merge), entries / median(merge) / 1e6,
                (double) resultBytes / entries, resultBytes / 1e6);
    }

    private static SkimRequest request(List<String> inputs, SkimRequest.EntryRange in, Path out, int threads) {
        return new SkimRequest("DY_taus", out.getParent(), inputs, null, "taus", "taus", REFERENCE, "mytauType",
                List.of(), List.of(), List.of(), List.of(), in, null, out, Compression.ZLIB, 1, threads);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() throws Exception {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"), 3));
    }
}
