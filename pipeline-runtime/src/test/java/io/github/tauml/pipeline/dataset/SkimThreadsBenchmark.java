package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.bench.Bench;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The skim that writes every branch (τ type + reference cut, particles included, zlib 1) with 1, 2 and 4 threads,
 * interleaved round by round, with the CPU time of the JVM per run and the SHA-256 of each output (they must be
 * equal). Not a test: run from the test class path, e.g.
 * {@code java -Xmx4g -cp $(cat target/bench.cp):target/test-classes:target/classes
 * io.github.tauml.pipeline.dataset.SkimThreadsBenchmark --entries 300000 --reps 5}.
 */
public final class SkimThreadsBenchmark {
    private SkimThreadsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long entries = Bench.option(args, "entries", 300_000);
        int reps = (int) Bench.option(args, "reps", 5);
        int warmup = (int) Bench.option(args, "warmup", 1);
        Path dir = Path.of(Bench.option(args, "dir", "target/bench-skim-threads")).toAbsolutePath();
        String outOpt = Bench.option(args, "out", "");
        Path out = outOpt.isEmpty() ? null : Path.of(outOpt);
        int[] threads = java.util.Arrays.stream(Bench.option(args, "threads", "1,2,4").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Bench.start(out);
        Files.createDirectories(dir);
        Path input = dir.resolve("toy/DYtautau.root");
        if (!Files.exists(input) || !Files.exists(dir.resolve("toy/" + entries + ".entries"))) {
            ToyNtuples.generate(new ToyRequest(dir.resolve("toy"), Map.of(ToySample.DY_TAUTAU, entries), 7,
                    Mismodelling.defaults(), true, Compression.ZLIB, 1, 2), s -> { });
            Files.writeString(dir.resolve("toy/" + entries + ".entries"), "");
        }
        Bench.emit(out, String.format(Locale.ROOT, "%n## Skim of every branch, 1 vs 2 threads: %,d candidates "
                + "(%.0f MB)%n%n%s%nload average at start: %s%n%n", entries, Files.size(input) / 1e6,
                Bench.machine(), Bench.loadAverage()));
        double[][] rates = new double[threads.length][reps];
        // CPU seconds per role (reader, decode pool, writer = main, compress pool), summed over the timed runs.
        java.util.Map<String, Double>[] roles = new java.util.Map[threads.length];
        for (int k = 0; k < threads.length; k++) {
            roles[k] = new java.util.TreeMap<>();
        }
        double[][] cpu = new double[threads.length][reps];
        double[][] others = new double[threads.length][reps];
        String[] sha = new String[threads.length];
        for (int round = -warmup; round < reps; round++) {
            for (int k = 0; k < threads.length; k++) {
                // The file name is stored in the file: the same name in a directory per thread count.
                Path o = dir.resolve("t" + threads[k]).resolve("DY_taus.root");
                Bench.CpuSnapshot c0 = Bench.CpuSnapshot.now();
                long cpu0 = processCpuNanos();
                ThreadSampler sampler = new ThreadSampler();
                long t0 = System.nanoTime();
                SkimResult r = Skim.run(new SkimRequest("DY_taus", dir, List.of(input.toString()), null, "taus",
                        "taus", SkimTest.REFERENCE, "mytauType", List.of(), List.of(), List.of(), List.of(), null,
                        null, o, Compression.ZLIB, 1, threads[k]), s -> { });
                double wall = (System.nanoTime() - t0) / 1e9;
                Map<String, Double> byRole = sampler.stop();
                if (round >= 0) {
                    int kk = k;
                    byRole.forEach((role, sec) -> roles[kk].merge(role, sec / reps, Double::sum));
                    rates[k][round] = r.read() / wall;
                    cpu[k][round] = (processCpuNanos() - cpu0) / 1e9 / wall;
                    others[k][round] = Bench.CpuSnapshot.now().otherCores(c0);
                }
                sha[k] = sha256(o);
            }
        }
        Bench.emit(out, "| threads | M entries/s median (min–max) | cores used by the skim | others' cores |"
                + " output SHA-256 |\n|---:|---|---:|---:|---|\n");
        double base = median(rates[0]);
        for (int k = 0; k < threads.length; k++) {
            Bench.emit(out, String.format(Locale.ROOT, "| %d | **%.3f** (%.3f–%.3f), ×%.2f | %.2f | %.2f | `%s` |%n",
                    threads[k], median(rates[k]) / 1e6, min(rates[k]) / 1e6, max(rates[k]) / 1e6,
                    median(rates[k]) / base, median(cpu[k]), median(others[k]), sha[k].substring(0, 16)));
        }
        Bench.emit(out, "\nCPU seconds per run by thread role (mean of the timed runs; sampled every 20 ms):\n\n");
        for (int k = 0; k < threads.length; k++) {
            StringBuilder b = new StringBuilder("- threads=" + threads[k] + ":");
            roles[k].forEach((role, sec) -> b.append(String.format(Locale.ROOT, " %s %.2f s;", role, sec)));
            Bench.emit(out, b + "\n");
        }
        for (String s : sha) {
            if (!s.equals(sha[0])) {
                throw new IllegalStateException("outputs differ between thread counts: " + String.join(", ", sha));
            }
        }
        Bench.emit(out, String.format(Locale.ROOT, "%nload average at end: %s%n", Bench.loadAverage()));
    }

    /**
     * CPU time of every thread of the JVM while a skim runs, by role (thread name without its number), sampled
     * every 20 ms, because the skim's pools are gone when it returns.
     */
    private static final class ThreadSampler {
        private final java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<Long, long[]> start = new java.util.HashMap<>();
        private final Map<Long, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        ThreadSampler() {
            for (long id : mx.getAllThreadIds()) {
                start.put(id, new long[] {Math.max(0, mx.getThreadCpuTime(id))});
            }
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    last.put(info.getThreadId(), new long[] {cpu});
                    names.put(info.getThreadId(), info.getThreadName());
                }
            }
        }

        Map<String, Double> stop() throws InterruptedException {
            sample();
            running = false;
            thread.join();
            Map<String, Double> out = new java.util.TreeMap<>();
            last.forEach((id, cpu) -> {
                String name = names.get(id);
                if (name.equals("bench-sampler")) {
                    return;
                }
                long before = start.containsKey(id) ? start.get(id)[0] : 0;
                double sec = (cpu[0] - before) / 1e9;
                if (sec > 0.005) {
                    String role = name.startsWith("skim-") || name.startsWith("root-io") || name.equals("main") ? name
                            : "other (GC, JIT, ...)";
                    out.merge(role, sec, Double::sum);
                }
            });
            return out;
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
