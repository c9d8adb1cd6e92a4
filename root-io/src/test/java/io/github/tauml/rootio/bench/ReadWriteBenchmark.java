package io.github.tauml.rootio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.tauml.rootio.Fixtures;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.io.RBuffer;
import io.github.tauml.rootio.tree.Basket;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 2: write then read N entries x 10 branches (5 float, 5 int) with zlib level 1 and with LZ4, for physics-like
 * and for random values. Per file: our writer, our reader on 1 and 2 threads (whole range, and in batches as the
 * skim reads), the bare decompression of the same baskets (read each basket record and decompress it with Codec,
 * nothing else: the limit for a reader), and jsroot reading the same file in the same run.
 *
 * <p>Options: {@code --entries N} (1000000), {@code --reps N} (10), {@code --warmup N} (5), {@code --jsroot-reps N}
 * (5), {@code --data physics,random}, {@code --codecs zlib,lz4}, {@code --dir DIR} (target/bench),
 * {@code --out FILE} (appends the Markdown), {@code --jsroot false} to skip the peer.
 */
public final class ReadWriteBenchmark {
    static final String TREE = "bench";
    static final List<BranchSpec> BRANCHES = List.of(
            BranchSpec.scalar("tau_pt", LeafType.FLOAT32),
            BranchSpec.scalar("tau_eta", LeafType.FLOAT32),
            BranchSpec.scalar("tau_phi", LeafType.FLOAT32),
            BranchSpec.scalar("tau_mass", LeafType.FLOAT32),
            BranchSpec.scalar("tau_score", LeafType.FLOAT32),
            BranchSpec.scalar("tau_decayMode", LeafType.INT32),
            BranchSpec.scalar("tau_charge", LeafType.INT32),
            BranchSpec.scalar("njets", LeafType.INT32),
            BranchSpec.scalar("run", LeafType.INT32),
            BranchSpec.scalar("evt", LeafType.INT32));
    static final List<String> NAMES = BRANCHES.stream().map(BranchSpec::name).toList();
    private static final int WRITE_BATCH = 65_536;
    private static final int READ_BATCH = 65_536;

    private ReadWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = (int) Bench.option(args, "entries", 1_000_000);
        int reps = (int) Bench.option(args, "reps", 10);
        int warmup = (int) Bench.option(args, "warmup", 5);
        int jsReps = (int) Bench.option(args, "jsroot-reps", 5);
        boolean jsroot = Boolean.parseBoolean(Bench.option(args, "jsroot", "true"));
        Path dir = Path.of(Bench.option(args, "dir", "target/bench"));
        String outOpt = Bench.option(args, "out", "");
        Path out = outOpt.isEmpty() ? null : Path.of(outOpt);
        Bench.start(out);
        List<String> datasets = List.of(Bench.option(args, "data", "physics,random").split(","));
        List<String> codecs = List.of(Bench.option(args, "codecs", "zlib,lz4").split(","));
        Files.createDirectories(dir);
        Path dump = jsroot ? Bench.installScript(Fixtures.dir().resolve("tools/jsroot-dump.mjs")) : null;

        Bench.emit(out, String.format(Locale.ROOT, "%n## Benchmark 1 (root-io): write and read %,d entries x 10 "
                + "branches (5 float, 5 int)%n%n%s%n", entries, Bench.machine()));
        Bench.emit(out, String.format(Locale.ROOT, "Java: %d warm-up + %d timed repetitions (the read-side ones interleaved round by round); jsroot: 1 warm-up + %d "
                + "runs, each a new node process. Median **M entries/s** (min–max). Files are in the page cache. "
                + "\"others' CPU\": cores used on average by other processes during the row (0 = quiet machine).%n%n",
                warmup, reps, jsReps));
        Bench.emit(out, "| data | codec | file MB | write | read 1 thr | read 2 thr | batches 1 thr | bare 1 thr "
                + "| bare 2 thr | read/bare 1 thr | read/bare 2 thr | jsroot (loop) | jsroot (wall) | others' CPU |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        // --main false skips the 10-branch table (to measure only Benchmark 1b, --field true).
        List<String> mainData = Boolean.parseBoolean(Bench.option(args, "main", "true")) ? datasets : List.of();
        for (String data : mainData) {
            Map<String, Column> columns = columns(data, entries);
            for (String codec : codecs) {
                Compression c = switch (codec) {
                    case "zlib" -> Compression.ZLIB;
                    case "lz4" -> Compression.LZ4;
                    case "zstd" -> Compression.ZSTD;
                    case "none" -> Compression.NONE;
                    default -> throw new IllegalArgumentException("codec " + codec);
                };
                int level = c == Compression.ZLIB ? 1 : c == Compression.LZ4 ? 4 : c == Compression.NONE ? 0 : 5;
                Path file = dir.resolve("bench-" + data + "-" + codec + ".root");
                Bench.CpuSnapshot cpu = Bench.CpuSnapshot.now();
                WriterOptions options = WriterOptions.defaults().withCompression(c, level);
                Bench.Rates write = Bench.measure(warmup, reps, () -> write(file, options, columns, entries));
                double[] sums = sums(file);
                // Interleaved, so that each reader and its bare-decompression limit see the same conditions.
                Bench.Rates[] r = Bench.interleaved(warmup, reps, () -> read(file, 1), () -> bare(file, 1),
                        () -> read(file, 2), () -> bare(file, 2), () -> batches(file, 1));
                Bench.Rates read1 = r[0];
                Bench.Rates bare1 = r[1];
                Bench.Rates read2 = r[2];
                Bench.Rates bare2 = r[3];
                Bench.Rates batches = r[4];
                String js = "n/a";
                String jsWall = "n/a";
                if (jsroot) {
                    List<Bench.NodeRun> runs = Bench.nodeReps(1, jsReps, dump, file.toAbsolutePath().toString(), TREE,
                            "0", "--bench");
                    checkSums(runs.get(0).json(), sums, data + "/" + codec);
                    js = Bench.cell(Bench.ratesOf(runs));
                    jsWall = Bench.cell(Bench.wallRatesOf(runs, entries));
                }
                Bench.emit(out, String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %.0f %% "
                                + "| %.0f %% | %s | %s | %.2f |%n", data, c == Compression.ZLIB ? "ZL 1" : c.name() + " " + level,
                        Files.size(file) / 1e6, Bench.cell(write), Bench.cell(read1), Bench.cell(read2),
                        Bench.cell(batches), Bench.cell(bare1), Bench.cell(bare2),
                        100 * read1.median() / bare1.median(), 100 * read2.median() / bare2.median(), js, jsWall,
                        Bench.CpuSnapshot.now().otherCores(cpu)));
            }
        }
        if (Boolean.parseBoolean(Bench.option(args, "field", "true"))) {
            fieldKinds(out, dir, entries, warmup, reps, codecs);
        }
        Bench.emit(out, String.format(Locale.ROOT, "%nload average at end: %s%n", Bench.loadAverage()));
    }

    /** The leaf list of the field-kinds benchmark: six leaves sharing every entry's 24 bytes. */
    static final BranchSpec LEAF_LIST = BranchSpec.leafList("cand", List.of(
            BranchSpec.scalar("pt", LeafType.FLOAT32), BranchSpec.scalar("eta", LeafType.FLOAT32),
            BranchSpec.scalar("phi", LeafType.FLOAT32), BranchSpec.scalar("mass", LeafType.FLOAT32),
            BranchSpec.scalar("charge", LeafType.INT32), BranchSpec.scalar("decayMode", LeafType.INT32)));
    static final List<String> LEAF_COLUMNS = LEAF_LIST.leaves().stream().map(l -> "cand." + l.name()).toList();

    /**
     * Benchmark 1b (issue 6): a leaf-list tree (6 leaves) and a {@code vector<vector<float>>} branch (0-3 inner
     * vectors of 0-4 values per entry), each {@code entries} long: write, read on 1 thread, batches, and bare
     * decompression of the same baskets (each basket once).
     */
    static void fieldKinds(Path out, Path dir, int entries, int warmup, int reps, List<String> codecs)
            throws Exception {
        SplittableRandom r = new SplittableRandom(6);
        Map<String, Column> leaves = new LinkedHashMap<>();
        Map<String, Column> nested = new LinkedHashMap<>();
        Map<String, Column> physics = columns("physics", entries);
        leaves.put("cand.pt", named(physics.get("tau_pt"), "cand.pt"));
        leaves.put("cand.eta", named(physics.get("tau_eta"), "cand.eta"));
        leaves.put("cand.phi", named(physics.get("tau_phi"), "cand.phi"));
        leaves.put("cand.mass", named(physics.get("tau_mass"), "cand.mass"));
        leaves.put("cand.charge", named(physics.get("tau_charge"), "cand.charge"));
        leaves.put("cand.decayMode", named(physics.get("tau_decayMode"), "cand.decayMode"));
        int[] outer = new int[entries + 1];
        IntList sizes = new IntList();
        for (int i = 0; i < entries; i++) {
            int lists = r.nextInt(4);
            for (int k = 0; k < lists; k++) {
                sizes.add(r.nextInt(5));
            }
            outer[i + 1] = sizes.size;
        }
        int[] inner = new int[sizes.size + 1];
        for (int k = 0; k < sizes.size; k++) {
            inner[k + 1] = inner[k] + sizes.data[k];
        }
        float[] values = new float[inner[sizes.size]];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) (20 + 30 * r.nextDouble());
        }
        nested.put("hits", Column.doublyJagged("hits", LeafType.FLOAT32, values, outer, inner));
        Bench.emit(out, String.format(Locale.ROOT, "%n## Benchmark 1b (root-io, issue 6): %,d entries of a leaf list "
                + "and of a vector<vector<float>>%n%n- leaf list: one branch `cand` = `%s` (the physics columns above)."
                + "%n- vector<vector<float>>: one branch `hits`, 0-3 inner vectors of 0-4 floats per entry (%,d "
                + "values).%n- bare: each basket of the branch read and decompressed once, nothing decoded.%n%n",
                entries, "pt/F:eta/F:phi/F:mass/F:charge/I:decayMode/I", values.length));
        Bench.emit(out, "| tree | codec | file MB | write | read 1 thr | batches 1 thr | bare 1 thr | read/bare 1 thr "
                + "| others' CPU |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : List.of("leaf list", "vector<vector<float>>")) {
            boolean list = kind.equals("leaf list");
            List<BranchSpec> specs = list ? List.of(LEAF_LIST)
                    : List.of(BranchSpec.vectorOfVectors("hits", LeafType.FLOAT32));
            List<String> names = list ? LEAF_COLUMNS : List.of("hits");
            Map<String, Column> cols = list ? leaves : nested;
            for (String codec : codecs) {
                Compression c = codec.equals("lz4") ? Compression.LZ4 : Compression.ZLIB;
                int level = c == Compression.ZLIB ? 1 : 4;
                Path file = dir.resolve("bench-field-" + (list ? "leaflist" : "vvfloat") + "-" + codec + ".root");
                Bench.CpuSnapshot cpu = Bench.CpuSnapshot.now();
                WriterOptions options = WriterOptions.defaults().withCompression(c, level);
                Bench.Rates write = Bench.measure(1, Math.max(1, reps / 2), () -> {
                    try (RootWriter w = RootWriter.create(file, options)) {
                        TreeWriter t = w.tree(TREE, "benchmark", specs);
                        for (int from = 0; from < entries; from += WRITE_BATCH) {
                            int to = Math.min(entries, from + WRITE_BATCH);
                            Map<String, Column> batch = new LinkedHashMap<>();
                            for (Map.Entry<String, Column> e : cols.entrySet()) {
                                batch.put(e.getKey(), e.getValue().slice(from, to));
                            }
                            t.append(batch);
                        }
                    }
                    return entries;
                });
                Bench.Rates[] rr = Bench.interleaved(warmup, reps, () -> readNames(file, names),
                        () -> bareNames(file, names), () -> batchNames(file, names));
                Bench.emit(out, String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %s | %s | %.0f %% | %.2f |%n",
                        kind, c == Compression.ZLIB ? "ZL 1" : "LZ4 4", Files.size(file) / 1e6, Bench.cell(write),
                        Bench.cell(rr[0]), Bench.cell(rr[2]), Bench.cell(rr[1]),
                        100 * rr[0].median() / rr[1].median(), Bench.CpuSnapshot.now().otherCores(cpu)));
            }
        }
    }

    private static Column named(Column c, String name) {
        return new Column(name, c.type(), c.shape(), c.values(), c.offsets(), c.fixedLength());
    }

    /** A growable int array. */
    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }
    }

    private static long readNames(Path file, List<String> names) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            Columns c = t.read(names, 0, t.entries(), 1);
            if (c.get(names.get(0)).entries() != t.entries()) {
                throw new IllegalStateException("short read");
            }
            return t.entries();
        }
    }

    private static long batchNames(Path file, List<String> names) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            long n = 0;
            try (ColumnBatches b = t.batches(names, 0, t.entries(), READ_BATCH, 1)) {
                while (b.hasNext()) {
                    n += b.next().entries();
                }
            }
            return n;
        }
    }

    /** Every basket of the branches read and decompressed once (the leaves of a leaf list share theirs). */
    private static long bareNames(Path file, List<String> names) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            Codec codec = new Codec();
            java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (String n : names) {
                Branch b = t.branch(n);
                if (seen.add(b.baskets())) {
                    decompressAll(f, b, codec);
                }
            }
            return t.entries();
        }
    }

    /** Physics-like values (spectra, small integers, slowly changing run numbers), or uniformly random bits. */
    static Map<String, Column> columns(String data, int n) {
        SplittableRandom r = new SplittableRandom(20240611L);
        float[][] f = new float[5][n];
        int[][] i = new int[5][n];
        boolean physics = switch (data) {
            case "physics" -> true;
            case "random" -> false;
            default -> throw new IllegalArgumentException("data " + data);
        };
        int evt = 1000;
        for (int k = 0; k < n; k++) {
            if (physics) {
                double u = r.nextDouble();
                int dm = u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 10 : 11;
                f[0][k] = (float) (20 - 25 * Math.log(1 - r.nextDouble()));
                f[1][k] = (float) Math.max(-2.5, Math.min(2.5, 1.2 * r.nextGaussian()));
                f[2][k] = (float) (Math.PI * (2 * r.nextDouble() - 1));
                f[3][k] = dm == 0 ? 0.13957f : (float) Math.abs(0.9 + 0.35 * r.nextGaussian());
                double s = r.nextDouble();
                f[4][k] = (float) (r.nextDouble() < 0.3 ? 1 - s * s * s * s : s * s * s);
                i[0][k] = dm;
                i[1][k] = r.nextBoolean() ? 1 : -1;
                i[2][k] = poisson(r, 2.0);
                i[3][k] = 315_000 + k / 200_000;
                evt += 1 + r.nextInt(20);
                i[4][k] = evt;
            } else {
                for (int b = 0; b < 5; b++) {
                    f[b][k] = r.nextFloat();
                    i[b][k] = r.nextInt();
                }
            }
        }
        Map<String, Column> out = new LinkedHashMap<>();
        for (int b = 0; b < 10; b++) {
            BranchSpec s = BRANCHES.get(b);
            out.put(s.name(), new Column(s.name(), s.type(), Shape.SCALAR, b < 5 ? f[b] : i[b - 5], null, 1));
        }
        return out;
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    static long write(Path file, WriterOptions options, Map<String, Column> columns, int n) throws Exception {
        try (RootWriter w = RootWriter.create(file, options)) {
            TreeWriter t = w.tree(TREE, "benchmark", BRANCHES);
            for (int from = 0; from < n; from += WRITE_BATCH) {
                int to = Math.min(n, from + WRITE_BATCH);
                Map<String, Column> batch = new LinkedHashMap<>();
                for (Map.Entry<String, Column> e : columns.entrySet()) {
                    batch.put(e.getKey(), from == 0 && to == n ? e.getValue() : e.getValue().slice(from, to));
                }
                t.append(batch);
            }
            t.close();
        }
        return n;
    }

    /** All ten branches over all entries, decoded on {@code threads} threads (the file is opened each time). */
    static long read(Path file, int threads) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            Columns c = t.read(NAMES, 0, t.entries(), threads);
            if (c.get("evt").entries() != t.entries()) {
                throw new IllegalStateException("short read");
            }
            return t.entries();
        }
    }

    /** All ten branches in batches of 65 536 entries, as the skim reads. */
    static long batches(Path file, int threads) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            long n = 0;
            try (ColumnBatches b = t.batches(NAMES, 0, t.entries(), READ_BATCH, threads)) {
                while (b.hasNext()) {
                    n += b.next().entries();
                }
            }
            if (n != t.entries()) {
                throw new IllegalStateException("short read");
            }
            return n;
        }
    }

    /**
     * The physical limit of a reader: read every basket record of the ten branches into a reused buffer, parse
     * its key and decompress it with {@link Codec} into a reused buffer, nothing else (no decoding into values, no
     * columns). Branches are split over the threads as
     * {@link TTree#read} splits them.
     */
    static long bare(Path file, int threads) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            List<Branch> branches = new ArrayList<>();
            for (String n : NAMES) {
                branches.add(t.branch(n));
            }
            long bytes;
            if (threads <= 1) {
                bytes = 0;
                Codec codec = new Codec();
                for (Branch b : branches) {
                    bytes += decompressAll(f, b, codec);
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<Long>> fs = new ArrayList<>();
                    for (Branch b : branches) {
                        fs.add(pool.submit(() -> decompressAll(f, b, new Codec())));
                    }
                    bytes = 0;
                    for (Future<Long> x : fs) {
                        bytes += x.get();
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            if (bytes < t.entries() * 4L * NAMES.size()) {
                throw new IllegalStateException("decompressed only " + bytes + " bytes");
            }
            return t.entries();
        }
    }

    /** One record buffer and one output buffer, reused: the cheapest way to get every basket's bytes. */
    private static long decompressAll(RootFile f, Branch b, Codec codec) throws Exception {
        long bytes = 0;
        byte[] record = new byte[0];
        byte[] data = new byte[0];
        for (Basket bk : b.baskets()) {
            if (record.length < bk.bytes()) {
                record = new byte[Math.max(bk.bytes(), 2 * record.length)];
            }
            f.record(bk.seek(), bk.bytes(), "basket", record);
            Key key = Key.read(new RBuffer(record, 0, bk.bytes(), 0));
            if (data.length < key.objlen()) {
                data = new byte[Math.max(key.objlen(), 2 * data.length)];
            }
            codec.decompress(record, key.keylen(), bk.bytes() - key.keylen(), data, 0, key.objlen());
            bytes += key.objlen();
        }
        return bytes;
    }

    /** Per-branch sums in entry order, as jsroot-dump.mjs adds them up. */
    static double[] sums(Path file) throws Exception {
        try (RootFile f = RootFile.open(file)) {
            TTree t = f.tree(TREE);
            Columns c = t.read(NAMES, 0, t.entries());
            double[] s = new double[NAMES.size()];
            for (int b = 0; b < NAMES.size(); b++) {
                Column col = c.get(NAMES.get(b));
                for (int i = 0; i < col.entries(); i++) {
                    s[b] += col.getDouble(i);
                }
            }
            return s;
        }
    }

    private static void checkSums(JsonNode js, double[] sums, String what) {
        if (js.get("processed").asLong() <= 0) {
            throw new IllegalStateException(what + ": jsroot processed nothing");
        }
        for (int b = 0; b < NAMES.size(); b++) {
            double theirs = js.get("sums").get(NAMES.get(b)).asDouble();
            if (Math.abs(theirs - sums[b]) > 1e-9 * Math.max(1, Math.abs(sums[b]))) {
                throw new IllegalStateException(what + ": jsroot's sum of " + NAMES.get(b) + " is " + theirs
                        + ", ours " + sums[b]);
            }
        }
    }
}
