package io.github.tauml.rootio.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One read mode of {@link ReadWriteBenchmark} in a loop, for profiling and A/B comparisons: prints each iteration's
 * rate and the aggregate of the second half (wall clock, and per process-CPU second, which another process on the
 * machine disturbs less). Usage: {@code ReadLoop FILE ITERATIONS read|batches|bare THREADS}, on a file the
 * benchmark wrote (target/bench/bench-physics-zlib.root).
 */
public final class ReadLoop {
    private ReadLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String mode = args[2];
        int threads = Integer.parseInt(args[3]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder each = new StringBuilder();
        long entries = 0;
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            long e = switch (mode) {
                case "read" -> ReadWriteBenchmark.read(file, threads);
                case "batches" -> ReadWriteBenchmark.batches(file, threads);
                case "bare" -> ReadWriteBenchmark.bare(file, threads);
                default -> throw new IllegalArgumentException("mode " + mode);
            };
            long dt = System.nanoTime() - t0;
            each.append(String.format(Locale.ROOT, "%.2f ", e / (dt / 1e9) / 1e6));
            if (i >= n / 2) {
                entries += e;
                cpu += os.getProcessCpuTime() - c0;
                wall += dt;
            }
        }
        System.out.println(mode + " " + threads + " thr, M entries/s per iteration: " + each);
        System.out.printf(Locale.ROOT, "second half: %.2f M entries/s wall, %.2f M entries per CPU-second%n",
                entries / (wall / 1e9) / 1e6, entries / (cpu / 1e9) / 1e6);
    }
}
