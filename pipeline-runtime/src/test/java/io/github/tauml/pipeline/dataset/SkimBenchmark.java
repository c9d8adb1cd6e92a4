package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.expr.bench.ExpressionBenchmark;
import io.github.tauml.pipeline.toy.Mismodelling;
import io.github.tauml.pipeline.toy.ToyNtuples;
import io.github.tauml.pipeline.toy.ToyRequest;
import io.github.tauml.pipeline.toy.ToySample;
import io.github.tauml.rootio.bench.Bench;
import io.github.tauml.rootio.compress.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Issue 3: the toy generator's rate on one thread with particle-level branches, then the skim stage with the
 * reference selection (read, τ-type recomputation, cut, write) on the 1M-candidate file, side by side with the same
 * cut evaluated by jsroot's TSelector ({@code select-count.mjs}) in the same run; then the JMH
 * {@link ExpressionBenchmark}. Run by the {@code bench} profile, never by the tests.
 *
 * <p>Options: {@code --entries N} (1000000), {@code --particles true}, {@code --gen-reps N} (1: the generation of
 * the file itself is the measurement), {@code --reps N} (5), {@code --warmup N} (1), {@code --jsroot-reps N} (5),
 * {@code --dir DIR} (target/bench), {@code --out FILE}, {@code --jmh true}.
 */
public final class SkimBenchmark {
    private SkimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long entries = Bench.option(args, "entries", 1_000_000);
        boolean particles = Boolean.parseBoolean(Bench.option(args, "particles", "true"));
        int genReps = (int) Bench.option(args, "gen-reps", 1);
        int reps = (int) Bench.option(args, "reps", 5);
        int warmup = (int) Bench.option(args, "warmup", 1);
        int jsReps = (int) Bench.option(args, "jsroot-reps", 5);
        boolean jmh = Boolean.parseBoolean(Bench.option(args, "jmh", "true"));
        Path dir = Path.of(Bench.option(args, "dir", "target/bench")).toAbsolutePath();
        String outOpt = Bench.option(args, "out", "");
        Path out = outOpt.isEmpty() ? null : Path.of(outOpt);
        Bench.start(out);
        Files.createDirectories(dir);

        Bench.emit(out, String.format(Locale.ROOT, "%n## Benchmark 2 (skim): toy generation and the reference skim "
                + "on %,d candidates%n%n%s%n", entries, Bench.machine()));

        // Generation: ToyNtuples with threads=1 (and 2 for comparison), DY_TAUTAU, zlib 1 as the stage's default.
        Path toys = dir.resolve("toys");
        Bench.emit(out, "| generation | threads | particles | entries | seconds | candidates/s | candidates per "
                + "CPU-second | file MB | others' CPU |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        Path input = null;
        for (int threads : new int[] {1, 2}) {
            for (int rep = 0; rep < (threads == 1 ? genReps : 1); rep++) {
                Bench.CpuSnapshot cpu = Bench.CpuSnapshot.now();
                long cpu0 = processCpuNanos();
                Path d = toys.resolve("t" + threads);
                ToyNtuples.Result r = ToyNtuples.generate(new ToyRequest(d, Map.of(ToySample.DY_TAUTAU, entries), 7,
                        Mismodelling.defaults(), particles, Compression.ZLIB, 1, threads), s -> { }).get(0);
                double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
                Bench.emit(out, String.format(Locale.ROOT, "| ToyNtuples DY_TAUTAU ZL 1 | %d | %s | %,d | %.1f "
                                + "| **%,.0f** | %,.0f | %.0f | %.2f |%n", threads, particles ? "on" : "off",
                        r.entries(), r.seconds(), r.rate(), r.entries() / cpuSeconds, Files.size(r.file()) / 1e6,
                        Bench.CpuSnapshot.now().otherCores(cpu)));
                if (threads == 1) {
                    input = r.file();
                } else {
                    Files.delete(r.file()); // the same bytes as the threads=1 file: keep one copy on disk
                }
            }
        }

        // The skim, ours: the stage as configured by the workflow, and the same cut reading only what it needs.
        Bench.emit(out, String.format(Locale.ROOT, "%n%d warm-up + %d timed repetitions of each; median **M "
                + "entries/s** (min–max) of input entries.%n%n| skim | threads | passed | M entries/s | others' CPU |%n"
                + "|---|---:|---:|---:|---:|%n", warmup, reps));
        List<String> cutBranches = List.of(SkimTest.REFERENCE_BRANCHES.split(","));
        long passed = -1;
        for (boolean all : new boolean[] {true, false}) {
            for (int threads : new int[] {1, 2}) {
                Bench.CpuSnapshot cpu = Bench.CpuSnapshot.now();
                AtomicLong pass = new AtomicLong();
                Path in = input;
                Path skimOut = dir.resolve("skim-out.root");
                Bench.Rates rates = Bench.measure(warmup, reps, () -> {
                    SkimResult r = Skim.run(new SkimRequest("DY_taus", dir, List.of(in.toString()), null, "taus",
                            "taus", SkimTest.REFERENCE, "mytauType", List.of(), all ? List.of() : cutBranches,
                            List.of(), List.of(), null, null, skimOut, Compression.ZLIB, 1, threads), s -> { });
                    pass.set(r.passed());
                    return r.read();
                });
                if (passed >= 0 && pass.get() != passed) {
                    throw new IllegalStateException("skims disagree: " + passed + " vs " + pass.get());
                }
                passed = pass.get();
                Bench.emit(out, String.format(Locale.ROOT, "| ours: Skim.run, τ type + reference cut, %s, ZL 1 | %d "
                                + "| %,d | %s | %.2f |%n", all ? "writes every branch (" + (particles
                                ? "particles included" : "no particles") + ")" : "keeps only the 11 cut branches",
                        threads, passed, Bench.cell(rates), Bench.CpuSnapshot.now().otherCores(cpu)));
            }
        }

        // The peer: jsroot's TSelector over the 11 branches the cut needs, counting passing entries.
        Path script = Bench.installScript(Path.of("src/test/js/select-count.mjs").toAbsolutePath());
        Bench.CpuSnapshot cpu = Bench.CpuSnapshot.now();
        List<Bench.NodeRun> runs = Bench.nodeReps(1, jsReps, script, input.toString(), "taus",
                SkimTest.REFERENCE_BRANCHES, SkimTest.REFERENCE_JS);
        long jsPassed = runs.get(0).json().get("passed").asLong();
        if (jsPassed != passed) {
            throw new IllegalStateException("jsroot passes " + jsPassed + " entries, our skim " + passed);
        }
        Bench.emit(out, String.format(Locale.ROOT, "| jsroot 7.11.2 select-count.mjs (TSelector loop, reads the 11 "
                        + "branches, counts; no τ type, no write) | 1 | %,d | %s | %.2f |%n", jsPassed,
                Bench.cell(Bench.ratesOf(runs)), Bench.CpuSnapshot.now().otherCores(cpu)));
        Bench.emit(out, String.format(Locale.ROOT, "| jsroot, wall clock (node start-up and file opening included) "
                + "| 1 | %,d | %s | |%n", jsPassed, Bench.cell(Bench.wallRatesOf(runs, entries))));
        Files.deleteIfExists(dir.resolve("skim-out.root"));

        if (jmh) {
            expressionBenchmark(out);
        }
        Bench.emit(out, String.format(Locale.ROOT, "%nload average at end: %s%n", Bench.loadAverage()));
    }

    /** CPU time of this JVM, every thread (the writer compresses on the common pool even with threads=1). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The JMH ExpressionBenchmark as annotated (1 fork, 5 x 1 s warm-up, 5 x 2 s measurement). */
    private static void expressionBenchmark(Path out) throws Exception {
        Options o = new OptionsBuilder().include(ExpressionBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(o).run();
        List<String> rows = new ArrayList<>();
        for (RunResult r : results) {
            var p = r.getParams();
            var s = r.getPrimaryResult();
            rows.add(String.format(Locale.ROOT, "| %s | %s | **%s** ± %s |", p.getBenchmark().replaceAll(".*\\.", ""),
                    p.getParam("batchEntries"), Bench.m(s.getScore()), Bench.m(s.getScoreError())));
        }
        Bench.emit(out, "\nJMH ExpressionBenchmark (reference selection on 1M in-memory entries; 1 fork, 5 x 1 s "
                + "warm-up, 5 x 2 s measurement; M entries/s ± 99.9 % CI):\n\n| benchmark | batch entries | M "
                + "entries/s |\n|---|---:|---:|\n" + String.join("\n", rows) + "\n");
    }
}
