package io.github.tauml.rootio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.rootio.JsRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Small helpers shared by the benchmark main classes (run by the {@code bench} Maven profile, never by the tests):
 * repetitions with warm-up, median/min/max, the machine description, Markdown tables and jsroot runs.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    /** Something timed: returns the number of entries it processed. */
    @FunctionalInterface
    public interface Timed {
        long run() throws Exception;
    }

    /** Rates (entries/s) of several repetitions. */
    public record Rates(double[] perSecond) {
        public double median() {
            double[] s = perSecond.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        public double min() {
            return Arrays.stream(perSecond).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(perSecond).max().orElse(Double.NaN);
        }

        public int reps() {
            return perSecond.length;
        }
    }

    /** Runs {@code warmup} untimed and {@code reps} timed repetitions; rates are entries per wall-clock second. */
    public static Rates measure(int warmup, int reps, Timed t) throws Exception {
        for (int i = 0; i < warmup; i++) {
            t.run();
        }
        double[] rates = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            long n = t.run();
            rates[i] = n / ((System.nanoTime() - t0) / 1e9);
        }
        return new Rates(rates);
    }

    /**
     * Several measurements interleaved: each round runs every task once, in order, so that a disturbance (another
     * process, the page cache, the JIT) hits all of them alike and their ratios stay meaningful.
     */
    public static Rates[] interleaved(int warmup, int reps, Timed... tasks) throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (Timed t : tasks) {
                t.run();
            }
        }
        double[][] rates = new double[tasks.length][reps];
        for (int i = 0; i < reps; i++) {
            for (int k = 0; k < tasks.length; k++) {
                long t0 = System.nanoTime();
                long n = tasks[k].run();
                rates[k][i] = n / ((System.nanoTime() - t0) / 1e9);
            }
        }
        Rates[] out = new Rates[tasks.length];
        for (int k = 0; k < tasks.length; k++) {
            out[k] = new Rates(rates[k]);
        }
        return out;
    }

    /** "1.23" for 1.23 M entries/s. */
    public static String m(double perSecond) {
        return String.format(Locale.ROOT, "%.2f", perSecond / 1e6);
    }

    /** Median and [min–max] in M entries/s. */
    public static String cell(Rates r) {
        return String.format(Locale.ROOT, "**%s** (%s–%s)", m(r.median()), m(r.min()), m(r.max()));
    }

    /** nproc, CPU model, memory, Java and Node versions, load average: the header every result table needs. */
    public static String machine() {
        StringBuilder sb = new StringBuilder();
        sb.append("- nproc: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        sb.append("- CPU: ").append(cpuModel()).append('\n');
        sb.append("- memory: ").append(memory()).append('\n');
        sb.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append("), max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        sb.append("- Node: ").append(nodeVersion()).append(", jsroot ").append(jsrootVersion()).append('\n');
        sb.append("- load average at start: ").append(loadAverage()).append('\n');
        return sb.toString();
    }

    /**
     * CPU use on the machine by processes other than this JVM and its reaped children (node runs), from
     * /proc/stat and /proc/self/stat: {@link #otherCores} of two snapshots says how many cores others kept busy on
     * average in between, so a run disturbed by someone else's build shows it.
     */
    public record CpuSnapshot(long nanos, long busyTicks, long ownTicks) {
        public static CpuSnapshot now() {
            long busy = -1;
            long own = -1;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                busy = 0;
                for (int i = 1; i < cpu.length && i <= 8; i++) {
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                String self = Files.readString(Path.of("/proc/self/stat"));
                String[] f = self.substring(self.lastIndexOf(')') + 2).split("\\s+");
                // fields 14..17 of stat (utime, stime, cutime, cstime), counted from field 3 after the name
                own = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return new CpuSnapshot(System.nanoTime(), busy, own);
        }

        /** Average number of cores that other processes used since {@code start} (USER_HZ = 100). */
        public double otherCores(CpuSnapshot start) {
            if (busyTicks < 0 || start.busyTicks < 0) {
                return Double.NaN;
            }
            double seconds = (nanos - start.nanos) / 1e9;
            return Math.max(0, (busyTicks - start.busyTicks) - (ownTicks - start.ownTicks)) / 100.0 / seconds;
        }
    }

    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return "unknown";
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return v;
        } catch (IOException | InterruptedException e) {
            return "not found";
        }
    }

    private static String jsrootVersion() {
        try {
            JsonNode pkg = JSON.readTree(JsRoot.dir().resolve("node_modules/jsroot/package.json").toFile());
            return pkg.get("version").asText();
        } catch (IOException | IllegalStateException e) {
            return "not installed";
        }
    }

    /** Copies a script into the jsroot directory (ESM resolves 'jsroot' next to the script) and returns its path. */
    public static Path installScript(Path script) throws IOException {
        Path target = JsRoot.dir().resolve(script.getFileName());
        Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** A node run: its JSON output and its wall-clock seconds (node start-up and file opening included). */
    public record NodeRun(JsonNode json, double wallSeconds) {
    }

    /** Runs {@code node script args...} from the jsroot directory and parses the JSON it prints. */
    public static NodeRun node(Path script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("bench-node", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(JsRoot.dir().toFile())
                    .redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("node timed out: " + cmd);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            String stdout = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("node failed (" + p.exitValue() + "): " + cmd + "\n" + Files.readString(err)
                        + stdout);
            }
            int start = stdout.indexOf('{');
            if (start < 0) {
                throw new IOException("node printed no JSON: " + stdout + Files.readString(err));
            }
            return new NodeRun(JSON.readTree(stdout.substring(start)), wall);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** Runs a node benchmark {@code warmup + reps} times; the rate is the script's own {@code entries_per_s}. */
    public static List<NodeRun> nodeReps(int warmup, int reps, Path script, String... args)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmup; i++) {
            node(script, args);
        }
        List<NodeRun> runs = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            runs.add(node(script, args));
        }
        return runs;
    }

    public static Rates ratesOf(List<NodeRun> runs) {
        return new Rates(runs.stream().mapToDouble(r -> r.json().get("entries_per_s").asDouble()).toArray());
    }

    /** Rates counting node start-up and file opening: entries / wall-clock seconds. */
    public static Rates wallRatesOf(List<NodeRun> runs, long entries) {
        return new Rates(runs.stream().mapToDouble(r -> entries / r.wallSeconds()).toArray());
    }

    /** Integer option {@code --name N} from the arguments, or a default. */
    public static long option(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    public static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Starts a fresh results file (the profile passes {@code --out target/bench/results.md}). */
    public static void start(Path file) throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /** Prints to stdout and appends to {@code file} (so the Maven log and a Markdown file both have the tables). */
    public static void emit(Path file, String text) throws IOException {
        System.out.print(text);
        System.out.flush();
        if (file != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
