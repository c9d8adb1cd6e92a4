package io.github.tauml.pipeline.tfdata;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.exec.AtomicDirectory;
import io.github.tauml.pipeline.expr.ExpressionException;
import io.github.tauml.pipeline.features.FeatureExtractor;
import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.features.InputBatch;
import io.github.tauml.pipeline.features.Scaler;
import io.github.tauml.pipeline.features.ScalingParams;
import io.github.tauml.pipeline.features.ScalingStats;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * The {@code dataset} stage (§2.7, §2.8, §3.1): DeepTau inputs of ROOT τ tuples written as sharded TFRecord files
 * of {@code tf.train.Example} in the layout of docs/dataset-format.md. The output directory appears whole
 * ({@link AtomicDirectory}) with {@code spec.json} written last; every problem found before writing (a missing
 * branch, a scaling file lacking a feature, {@code weight_thr} exceeded, too few entries) fails with a
 * {@link ConfigException} naming the element and nothing is published. Same inputs, settings and seed give the
 * same bytes, whatever the number of threads.
 *
 * <p>Memory is bounded by a batch and one shard: the adversarial dataset streams into its shards in the mix's order;
 * the classification dataset reads its inputs twice (class spectra and scaling statistics, then records) and spills
 * each record to the shard of its shuffled position, sorting one shard at a time. Sub-batches are processed on
 * {@code threads} workers and their records kept in input order.
 */
public final class TFDatasets {
    /** The version of what the stage writes: raise it when the same request would write other records. */
    public static final int FORMAT_VERSION = 1;

    public static final String SCALING_FILE = "scaling.json";
    private static final long PROGRESS_NANOS = 10_000_000_000L;
    private static final String[] CLASS_NAMES = {"e", "mu", "tau", "jet"};

    private TFDatasets() {
    }

    /** One opened input with the extractor compiled against its branches. */
    private record Input(Path file, long entries, FeatureExtractor extractor, boolean toyTruth) {
    }

    /** Wall time of reading and writing; summed worker time of feature extraction and encoding. */
    private static final class Clock {
        long read;
        final java.util.concurrent.atomic.AtomicLong features = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong encode = new java.util.concurrent.atomic.AtomicLong();
        long write;

        DatasetResult.Timings timings() {
            return new DatasetResult.Timings(read / 1e9, features.get() / 1e9, encode.get() / 1e9, write / 1e9);
        }
    }

    private static List<Input> open(List<Path> files, String treeName, FeatureSet set, List<String> extra,
                                    String extraFix) throws ConfigException, IOException {
        if (files.isEmpty()) {
            throw new ConfigException("inputs", "no input file", "declare the ROOT files to read");
        }
        List<Input> out = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new ConfigException("inputs", "input " + f + " does not exist",
                        "run the stage that makes it first, or fix the path");
            }
            try (RootFile rf = RootFile.open(f)) {
                TTree tree;
                try {
                    tree = rf.tree(treeName);
                } catch (IOException e) {
                    throw new ConfigException("tree", f + " has no tree '" + treeName + "': " + e.getMessage(),
                            "give the tree name of the τ tuples (taus)");
                }
                FeatureExtractor ex = FeatureExtractor.compile(set, tree, "features");
                List<String> required = new ArrayList<>(extra);
                required.add("tau_decayMode");
                for (String b : required) {
                    if (!tree.hasBranch(b)) {
                        throw new ConfigException("inputs", f + ": tree '" + treeName + "' lacks branch '" + b + "'",
                                extraFix);
                    }
                }
                out.add(new Input(f, tree.entries(), ex, tree.hasBranch("toy_truth_tauType")));
            }
        }
        return out;
    }

    private static Set<String> branches(Input in, List<String> extra) {
        Set<String> s = new LinkedHashSet<>(in.extractor.branches());
        s.add("tau_decayMode");
        s.addAll(extra);
        if (in.toyTruth) {
            s.add("toy_truth_tauType");
        }
        return s;
    }

    /** Classification dataset from a training sample; see {@link ClassificationRequest}. */
    public static DatasetResult classification(ClassificationRequest r, Consumer<String> log)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        Classification c = Classification.open(r);
        Clock clock = new Clock();
        try (Workers workers = new Workers(r.options().threads())) {
            return classification(r, log, start, c.inputs, c.given, c.scaler, clock, c.total, c.extra, workers);
        }
    }

    /** The classification dataset's inputs opened and checked, with the scaling file given, if any. */
    private record Classification(List<Input> inputs, List<String> extra, ScalingParams given, Scaler scaler,
                                  long total) {
        static Classification open(ClassificationRequest r) throws ConfigException, IOException {
            if (!(r.validationFraction() >= 0 && r.validationFraction() < 1)) {
                throw new ConfigException("validationFraction", "must be in [0, 1), got " + r.validationFraction(),
                        "give the fraction of records for validation, e.g. 0.3");
            }
            List<String> extra = List.of(r.tauTypeBranch());
            List<Input> inputs = TFDatasets.open(r.inputs(), r.tree(), r.features(), extra,
                    "name the τ-type column with tauTypeBranch (tauType, or mytauType after a skim)");
            ScalingParams given = r.scalingFile() == null ? null
                    : ScalingParams.read(r.scalingFile(), "scalingFile");
            Scaler scaler = given == null ? null : Scaler.of(r.features(), given, "scalingFile " + r.scalingFile());
            return new Classification(inputs, extra, given, scaler,
                    inputs.stream().mapToLong(Input::entries).sum());
        }
    }

    private static DatasetResult classification(ClassificationRequest r, Consumer<String> log, long start,
                                                List<Input> inputs, ScalingParams given, Scaler scaler, Clock clock,
                                                long total, List<String> extra, Workers workers)
            throws ConfigException, IOException {
        // Pass 1: class spectra and, without a scaling file, the scaling statistics.
        ClassWeights weights = ClassWeights.reference();
        ScalingStats stats = given == null ? new ScalingStats(r.features()) : null;
        Progress p1 = new Progress(log, "classification pass 1/2 (" + (stats == null ? "weights" : "weights, scaling")
                + ")", total);
        long read = 0;
        for (Input in : inputs) {
            try (RootFile rf = RootFile.open(in.file)) {
                TTree tree = rf.tree(r.tree());
                List<String> names = stats == null
                        ? List.of("tau_pt", "tau_eta", r.tauTypeBranch()) : List.copyOf(branches(in, extra));
                try (ColumnBatches batches = tree.batches(names, 0, in.entries, r.options().batchEntries(),
                        r.options().threads())) {
                    while (batches.hasNext()) {
                        long t0 = System.nanoTime();
                        Columns b = batches.next();
                        clock.read += System.nanoTime() - t0;
                        Column type = b.get(r.tauTypeBranch());
                        Column pt = b.get("tau_pt");
                        Column eta = b.get("tau_eta");
                        int n = Math.toIntExact(b.entries());
                        boolean[] keep = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            long t = type.getLong(i);
                            if (t >= 0 && t < 4) {
                                weights.count((int) t, pt.getDouble(i), Math.abs(eta.getDouble(i)));
                                keep[i] = true;
                            }
                        }
                        if (stats != null) {
                            Columns sel = select(b, keep);
                            List<InputBatch> parts = workers.map(chunks(sel, workers.threads), c -> {
                                long f0 = System.nanoTime();
                                InputBatch x = extract(in, c);
                                clock.features.addAndGet(System.nanoTime() - f0);
                                return x;
                            });
                            long s0 = System.nanoTime();
                            for (InputBatch x : parts) {
                                stats.accept(x);
                            }
                            clock.features.addAndGet(System.nanoTime() - s0);
                        }
                        read += n;
                        p1.update(read);
                    }
                }
            }
        }
        Pass1 p = finishPass1(r, log, weights, stats, given, scaler, read);
        // Pass 2: records, in input order, spilled to the shards of their shuffled positions.
        return writeClassification(r, p, clock, start, log, (shards, position) -> pass2(r, inputs, extra, workers,
                clock, p.weights(), p.scaler(), position, shards, log, total));
    }

    /** What pass 1 found: the class weights computed, the scaling (given or computed) and the records to write. */
    private record Pass1(ClassWeights weights, ScalingParams params, Scaler scaler, int n, long read) {
    }

    /** The end of pass 1: the class counts logged and checked, the weights and the scaling computed. */
    private static Pass1 finishPass1(ClassificationRequest r, Consumer<String> log, ClassWeights weights,
                                     ScalingStats stats, ScalingParams given, Scaler scaler, long read)
            throws ConfigException {
        long selected = 0;
        StringBuilder counts = new StringBuilder();
        for (int c = 0; c < 4; c++) {
            selected += weights.total(c);
            counts.append(c == 0 ? "" : ", ").append(CLASS_NAMES[c]).append(' ')
                    .append(String.format(Locale.ROOT, "%,d", weights.total(c)));
        }
        log.accept("classification: " + String.format(Locale.ROOT, "%,d of %,d", selected, read) + " candidates have τ type e, μ, τ or jet ("
                + counts + ")");
        if (weights.total(2) == 0) {
            throw new ConfigException("inputs", "the training sample has no τh candidate (" + r.tauTypeBranch()
                    + " == 2); the class weights use the τh spectrum as target", "include genuine τh in the sample");
        }
        double ratio = weights.compute();
        if (ratio > r.weightThreshold()) {
            throw new ConfigException("weightThr", String.format(Locale.ROOT, "the class weights span a max/min ratio of %.4g,"
                    + " above weight_thr = %.4g", ratio, r.weightThreshold()),
                    "use a training sample whose classes cover the τh (|η|, pT) spectrum, or raise weightThr");
        }
        ScalingParams params = given != null ? given : stats.result();
        if (stats != null && !stats.degenerate().isEmpty()) {
            log.accept("scaling: no spread (std set to 1) for " + String.join(", ", stats.degenerate()));
        }
        if (scaler == null) {
            scaler = Scaler.of(r.features(), params, "computed scaling");
        }
        return new Pass1(weights, params, scaler, Math.toIntExact(selected), read);
    }

    /** Puts the classification records into the shards, each at {@code position[record number]}. */
    private interface ClassificationFill {
        void fill(Shards shards, int[] position) throws IOException;
    }

    /** The shuffle, the splits and the shards; {@code fill} puts the records; the directory is published. */
    private static DatasetResult writeClassification(ClassificationRequest r, Pass1 p, Clock clock, long start,
                                                     Consumer<String> log, ClassificationFill fill)
            throws IOException {
        int n = p.n();
        int[] position = permutation(n, r.seed());
        int nTrain = (int) Math.round(n * (1 - r.validationFraction()));
        Map<String, int[]> splits = new LinkedHashMap<>();
        splits.put("train", new int[] {0, nTrain});
        if (r.validationFraction() > 0) {
            splits.put("validation", new int[] {nTrain, n});
        }
        try (AtomicDirectory dir = AtomicDirectory.create(r.output());
             Shards shards = new Shards(dir.staging(), splits, r.options().shards(), r.options().gzip(), false)) {
            fill.fill(shards, position);
            return publish(dir, shards, DatasetSpec.CLASSIFICATION, r.features(), p.params(), r.options(), null,
                    r.seed(), r.inputs(), p.read(), p.read() - n, n, clock, start, log);
        }
    }

    private static void pass2(ClassificationRequest r, List<Input> inputs, List<String> extra, Workers workers,
                              Clock clock, ClassWeights weights, Scaler scaler, int[] position, Shards shards,
                              Consumer<String> log, long total) throws IOException {
        Progress p2 = new Progress(log, "classification pass 2/2 (records)", total);
        int next = 0;
        long done = 0;
        for (Input in : inputs) {
            try (RootFile rf = RootFile.open(in.file)) {
                TTree tree = rf.tree(r.tree());
                try (ColumnBatches batches = tree.batches(List.copyOf(branches(in, extra)), 0, in.entries,
                        r.options().batchEntries(), r.options().threads())) {
                    while (batches.hasNext()) {
                        long t0 = System.nanoTime();
                        Columns b = batches.next();
                        clock.read += System.nanoTime() - t0;
                        int nb = Math.toIntExact(b.entries());
                        boolean[] keep = classified(b.get(r.tauTypeBranch()), nb);
                        Columns sel = select(b, keep);
                        long[] entries = entryNumbers(b.firstEntry(), keep);
                        List<byte[][]> parts = workers.map(chunks(sel, workers.threads), c -> classificationRecords(
                                r, in, c, (int) (c.firstEntry() - sel.firstEntry()), entries, weights, scaler, clock));
                        long w0 = System.nanoTime();
                        for (byte[][] part : parts) {
                            for (byte[] rec : part) {
                                shards.put(position[next++], rec);
                            }
                        }
                        clock.write += System.nanoTime() - w0;
                        done += nb;
                        p2.update(done);
                    }
                }
            }
        }
    }

    /** Which entries have a τ type of a class (0 to 3). */
    private static boolean[] classified(Column type, int n) {
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            long t = type.getLong(i);
            keep[i] = t >= 0 && t < 4;
        }
        return keep;
    }

    /**
     * The records of a chunk of selected candidates, in entry order; {@code entries[offset + i]} is the entry number
     * of the chunk's candidate {@code i}.
     */
    private static byte[][] classificationRecords(ClassificationRequest r, Input in, Columns c, int offset,
                                                  long[] entries, ClassWeights weights, Scaler scaler, Clock clock)
            throws IOException {
        long f0 = System.nanoTime();
        InputBatch x = extract(in, c);
        scaler.apply(x);
        long e0 = System.nanoTime();
        clock.features.addAndGet(e0 - f0);
        Column st = c.get(r.tauTypeBranch());
        Column dm = c.get("tau_decayMode");
        Column truth = in.toyTruth ? c.get("toy_truth_tauType") : null;
        ExampleWriter ew = new ExampleWriter();
        byte[][] out = new byte[x.size][];
        for (int i = 0; i < x.size; i++) {
            int cls = (int) st.getLong(i);
            float[] y = new float[4];
            y[cls] = 1;
            encodeInputs(ew, x, i);
            ew.floats("y", y);
            ew.floats("weight", weights.weight(cls, x.tauPt[i], Math.abs(x.tauEta[i])));
            common(ew, x, i, dm.getLong(i), entries[offset + i], truth == null ? null : truth.getLong(i));
            out[i] = ew.toBytes();
        }
        clock.encode.addAndGet(System.nanoTime() - e0);
        return out;
    }

    // ---- The classification dataset split into entry ranges, for an executor that runs them elsewhere (Spark) ----

    /** What writes a classification dataset: {@link #classification} locally, or an executor's (issue 13). */
    @FunctionalInterface
    public interface ClassificationRunner {
        DatasetResult run(ClassificationRequest request, Consumer<String> log) throws ConfigException, IOException;
    }

    /**
     * Pass 1 of one entry range: its class spectra and, without a scaling file, the filled values the scaling
     * statistics add, per accumulator in entry order ({@link ScalingStats#filled}); {@code read} is the range's
     * entry count.
     */
    public record ClassificationPartial(long read, ClassWeights counts, float[][] scalingValues)
            implements java.io.Serializable {
    }

    /** What pass 2 needs from pass 1: the class weights (computed) and the scaling parameters. */
    public record ClassificationScaling(ClassWeights weights, ScalingParams params) implements java.io.Serializable {
    }

    /**
     * Checks the request as {@link #classification} does and cuts every entry of its inputs, in order, into ranges
     * within one input of at most {@code maxEntries} entries, and small enough to give at least {@code minRanges}
     * ranges when the inputs hold that many entries.
     *
     * @throws ConfigException as {@link #classification}; nothing is written
     */
    public static List<Range> classificationRanges(ClassificationRequest r, long maxEntries, int minRanges)
            throws ConfigException, IOException {
        if (maxEntries < 1 || minRanges < 1) {
            throw new IllegalArgumentException("maxEntries and minRanges must be >= 1, got " + maxEntries + ", "
                    + minRanges);
        }
        Classification c = Classification.open(r);
        long step = Math.max(1, Math.min(maxEntries, (c.total + minRanges - 1) / minRanges));
        List<Range> out = new ArrayList<>();
        for (int i = 0; i < c.inputs.size(); i++) {
            long end = c.inputs.get(i).entries();
            for (long from = 0; from < end; from += step) {
                out.add(new Range(i, from, Math.min(end, from + step)));
            }
        }
        return out;
    }

    /** Opens one input of the request for a range, as {@link #classification} opens it. */
    private static Input classificationInput(ClassificationRequest r, Range range)
            throws ConfigException, IOException {
        return open(List.of(r.inputs().get(range.input())), r.tree(), r.features(), List.of(r.tauTypeBranch()),
                "name the τ-type column with tauTypeBranch (tauType, or mytauType after a skim)").get(0);
    }

    /**
     * Pass 1 of one range on one thread: the work of an executor. Added in range order by
     * {@link #classification(ClassificationRequest, Consumer, java.util.Iterator, java.util.function.Function)},
     * the partials give the local spectra and scaling bit for bit.
     *
     * @throws ConfigException the input no longer passes the checks
     */
    public static ClassificationPartial classificationPartial(ClassificationRequest r, Range range)
            throws ConfigException, IOException {
        Input in = classificationInput(r, range);
        List<String> extra = List.of(r.tauTypeBranch());
        ClassWeights weights = ClassWeights.reference();
        ScalingStats stats = r.scalingFile() == null ? new ScalingStats(r.features()) : null;
        List<float[][]> filled = new ArrayList<>();
        List<String> names = stats == null
                ? List.of("tau_pt", "tau_eta", r.tauTypeBranch()) : List.copyOf(branches(in, extra));
        forEachBatch(in, r.tree(), names, range, r.options().batchEntries(), b -> {
            Column type = b.get(r.tauTypeBranch());
            Column pt = b.get("tau_pt");
            Column eta = b.get("tau_eta");
            int n = Math.toIntExact(b.entries());
            boolean[] keep = classified(type, n);
            for (int i = 0; i < n; i++) {
                if (keep[i]) {
                    weights.count((int) type.getLong(i), pt.getDouble(i), Math.abs(eta.getDouble(i)));
                }
            }
            if (stats != null) {
                filled.add(stats.filled(extract(in, select(b, keep))));
            }
        });
        return new ClassificationPartial(range.to() - range.from(), weights, stats == null ? null
                : concat(filled, stats.accumulators()));
    }

    /** What an executor's task does with each batch of its range. */
    @FunctionalInterface
    private interface BatchAction {
        void accept(Columns batch) throws ConfigException, IOException;
    }

    /** Reads {@code names} of {@code in} over {@code range} batch by batch, one decoding thread (a task is a core). */
    private static void forEachBatch(Input in, String tree, List<String> names, Range range, int batchEntries,
                                     BatchAction action) throws ConfigException, IOException {
        try (RootFile rf = RootFile.open(in.file)) {
            TTree t = rf.tree(tree);
            try (ColumnBatches batches = t.batches(names, range.from(), range.to(), batchEntries, 1)) {
                while (batches.hasNext()) {
                    action.accept(batches.next());
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static float[][] concat(List<float[][]> parts, int accumulators) {
        float[][] out = new float[accumulators][];
        for (int a = 0; a < accumulators; a++) {
            int n = 0;
            for (float[][] p : parts) {
                n += p[a].length;
            }
            float[] v = new float[n];
            int at = 0;
            for (float[][] p : parts) {
                System.arraycopy(p[a], 0, v, at, p[a].length);
                at += p[a].length;
            }
            out[a] = v;
        }
        return out;
    }

    /**
     * Pass 2 of one range on one thread: the records of its candidates of a class, in entry order, encoded with the
     * driver's weights and scaling: the work of an executor.
     *
     * @throws ConfigException the input or the scaling no longer passes the checks
     */
    public static List<byte[]> classificationRecords(ClassificationRequest r, Range range,
                                                     ClassificationScaling scaling)
            throws ConfigException, IOException {
        Input in = classificationInput(r, range);
        Scaler scaler = Scaler.of(r.features(), scaling.params(), "computed scaling");
        List<String> extra = List.of(r.tauTypeBranch());
        Clock clock = new Clock();
        List<byte[]> out = new ArrayList<>();
        forEachBatch(in, r.tree(), List.copyOf(branches(in, extra)), range, r.options().batchEntries(), b -> {
            boolean[] keep = classified(b.get(r.tauTypeBranch()), Math.toIntExact(b.entries()));
            out.addAll(List.of(classificationRecords(r, in, select(b, keep), 0, entryNumbers(b.firstEntry(), keep),
                    scaling.weights(), scaler, clock)));
        });
        return out;
    }

    /**
     * Writes the classification dataset from ranges computed elsewhere, as {@link #classification} does: the
     * {@code partials} of pass 1 (from {@link #classificationPartial} over {@link #classificationRanges}, in range
     * order) are added in that order, then {@code records} is given the weights and scaling and returns the records
     * of the same ranges in order, which go to the shards of their shuffled positions. Every file is the local one,
     * byte for byte.
     *
     * @throws ConfigException as {@link #classification}; nothing is written
     */
    public static DatasetResult classification(ClassificationRequest r, Consumer<String> log,
                                               java.util.Iterator<ClassificationPartial> partials,
                                               java.util.function.Function<ClassificationScaling,
                                                       java.util.Iterator<byte[]>> records)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        Classification c = Classification.open(r);
        ClassWeights weights = ClassWeights.reference();
        ScalingStats stats = c.given == null ? new ScalingStats(r.features()) : null;
        Progress p1 = new Progress(log, "classification pass 1/2 (" + (stats == null ? "weights" : "weights, scaling")
                + ")", c.total);
        long read = 0;
        while (partials.hasNext()) {
            ClassificationPartial part = partials.next();
            weights.add(part.counts());
            if (stats != null) {
                stats.acceptFilled(part.scalingValues());
            }
            read += part.read();
            p1.update(read);
        }
        if (read != c.total) {
            throw new IllegalStateException(String.format(Locale.ROOT, "pass 1 of the classification dataset was"
                    + " given %,d entries of %,d: a range is missing or repeated", read, c.total));
        }
        Pass1 p = finishPass1(r, log, weights, stats, c.given, c.scaler, read);
        Clock clock = new Clock();
        return writeClassification(r, p, clock, start, log, (shards, position) -> {
            java.util.Iterator<byte[]> it = records.apply(new ClassificationScaling(p.weights(), p.params()));
            Progress p2 = new Progress(log, "classification pass 2/2 (records)", p.n());
            int next = 0;
            while (next < p.n() && it.hasNext()) {
                byte[] rec = it.next();
                long w0 = System.nanoTime();
                shards.put(position[next++], rec);
                clock.write += System.nanoTime() - w0;
                p2.update(next);
            }
            if (next != p.n() || it.hasNext()) {
                throw new IllegalStateException("the classification dataset was given " + (it.hasNext() ? "more"
                        : String.format(Locale.ROOT, "%,d", next)) + " records for " + String.format(Locale.ROOT,
                        "%,d", p.n()) + ": a range is missing or repeated");
            }
        });
    }

    /** What writes an adversarial dataset: {@link #adversarial} locally, or an executor's (issue 13). */
    @FunctionalInterface
    public interface AdversarialRunner {
        DatasetResult run(AdversarialRequest request, Consumer<String> log) throws ConfigException, IOException;
    }

    /** Adversarial dataset from the mix output; see {@link AdversarialRequest}. */
    public static DatasetResult adversarial(AdversarialRequest r, Consumer<String> log)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        Adversarial a = Adversarial.open(r);
        try (Workers workers = new Workers(r.options().threads())) {
            return a.write(r, log, start, (shards, clock) -> records(r, a.inputs, a.extra, workers, clock, a.scaler,
                    shards, a.n, log));
        }
    }

    /** The adversarial dataset's inputs opened and checked, with the scaling and the records to write. */
    private record Adversarial(List<Input> inputs, List<String> extra, ScalingParams params, Scaler scaler, int n) {
        static Adversarial open(AdversarialRequest r) throws ConfigException, IOException {
            if (r.batchSize() < 1 || r.trainBatches() < 1 || r.validationBatches() < 0) {
                throw new ConfigException("batches", "batchSize " + r.batchSize() + ", trainBatches "
                        + r.trainBatches() + ", validationBatches " + r.validationBatches(), "give batchSize and"
                        + " trainBatches of at least 1 and validationBatches of at least 0");
            }
            List<String> extra = List.of(AdversarialRequest.TAU_TYPE, AdversarialRequest.WEIGHT,
                    AdversarialRequest.DATASET_ID);
            List<Input> inputs = TFDatasets.open(r.inputs(), r.tree(), r.features(), extra,
                    "give the mix output (it adds tauType, weight and dataset_id)");
            ScalingParams params = ScalingParams.read(r.scalingFile(), "scalingFile");
            Scaler scaler = Scaler.of(r.features(), params, "scalingFile " + r.scalingFile());
            long needed = (long) r.batchSize() * (r.trainBatches() + r.validationBatches());
            long total = inputs.stream().mapToLong(Input::entries).sum();
            if (total < needed) {
                throw new ConfigException("trainBatches", String.format(Locale.ROOT, "%,d + %,d batches of %,d need"
                        + " %,d candidates, the inputs hold %,d", r.trainBatches(), r.validationBatches(),
                        r.batchSize(), needed, total), "mix more batches, or ask for fewer");
            }
            if (needed > Integer.MAX_VALUE - 8) {
                throw new ConfigException("trainBatches", needed + " records are too many for one dataset",
                        "ask for fewer batches");
            }
            return new Adversarial(inputs, extra, params, scaler, (int) needed);
        }

        /** Creates the shards, lets {@code fill} put the records, and publishes the directory. */
        DatasetResult write(AdversarialRequest r, Consumer<String> log, long start, Fill fill) throws IOException {
            Map<String, int[]> splits = new LinkedHashMap<>();
            int nTrain = r.batchSize() * r.trainBatches();
            splits.put("train", new int[] {0, nTrain});
            if (r.validationBatches() > 0) {
                splits.put("validation", new int[] {nTrain, n});
            }
            Clock clock = new Clock();
            try (AtomicDirectory dir = AtomicDirectory.create(r.output());
                 Shards shards = new Shards(dir.staging(), splits, r.options().shards(), r.options().gzip(), true)) {
                fill.fill(shards, clock);
                return publish(dir, shards, DatasetSpec.ADVERSARIAL, r.features(), params, r.options(),
                        r.batchSize(), r.seed(), r.inputs(), n, 0, n, clock, start, log);
            }
        }
    }

    /** Puts the records into the shards. */
    private interface Fill {
        void fill(Shards shards, Clock clock) throws IOException;
    }

    // ---- The adversarial dataset split into entry ranges, for an executor that runs them elsewhere (Spark) ----

    /**
     * Entries {@code [from, to)} of input {@code input} (its position in {@link AdversarialRequest#inputs()}): the
     * records of those candidates, in entry order, are a run of the dataset's records.
     */
    public record Range(int input, long from, long to) implements java.io.Serializable {
    }

    /**
     * Checks the request as {@link #adversarial} does and cuts the candidates it writes (the first
     * batchSize × (trainBatches + validationBatches) of the inputs, in order) into ranges of at most
     * {@code entriesPerRange} entries within one input, in record order.
     *
     * @throws ConfigException as {@link #adversarial}; nothing is written
     */
    public static List<Range> adversarialRanges(AdversarialRequest r, long entriesPerRange)
            throws ConfigException, IOException {
        if (entriesPerRange < 1) {
            throw new IllegalArgumentException("entriesPerRange must be >= 1, got " + entriesPerRange);
        }
        Adversarial a = Adversarial.open(r);
        List<Range> out = new ArrayList<>();
        long next = 0;
        for (int i = 0; i < a.inputs.size() && next < a.n; i++) {
            long end = Math.min(a.inputs.get(i).entries(), a.n - next);
            for (long from = 0; from < end; from += entriesPerRange) {
                out.add(new Range(i, from, Math.min(end, from + entriesPerRange)));
            }
            next += end;
        }
        return out;
    }

    /**
     * Encodes one range's records on one thread, in entry order: the work of an executor. The input is opened and
     * its features compiled, and the scaling file read, as {@link #adversarial} does.
     *
     * @throws ConfigException the input or the scaling file no longer passes the checks
     */
    public static List<byte[]> adversarialRecords(AdversarialRequest r, Range range)
            throws ConfigException, IOException {
        List<String> extra = List.of(AdversarialRequest.TAU_TYPE, AdversarialRequest.WEIGHT,
                AdversarialRequest.DATASET_ID);
        Input in = open(List.of(r.inputs().get(range.input())), r.tree(), r.features(), extra,
                "give the mix output (it adds tauType, weight and dataset_id)").get(0);
        Scaler scaler = Scaler.of(r.features(), ScalingParams.read(r.scalingFile(), "scalingFile"),
                "scalingFile " + r.scalingFile());
        Clock clock = new Clock();
        List<byte[]> out = new ArrayList<>();
        forEachBatch(in, r.tree(), List.copyOf(branches(in, extra)), range, r.options().batchEntries(),
                b -> out.addAll(List.of(adversarialRecords(in, b, scaler, clock))));
        return out;
    }

    /**
     * Writes the records, given in record order (from {@link #adversarialRecords} over the ranges in order), into the
     * shards as {@link #adversarial} does, and publishes the directory: the same shards, byte for byte.
     *
     * @throws ConfigException as {@link #adversarial}; nothing is written
     */
    public static DatasetResult adversarial(AdversarialRequest r, Consumer<String> log,
                                            java.util.Iterator<byte[]> records) throws ConfigException, IOException {
        long start = System.nanoTime();
        Adversarial a = Adversarial.open(r);
        return a.write(r, log, start, (shards, clock) -> {
            Progress p = new Progress(log, "adversarial dataset", a.n);
            int next = 0;
            while (next < a.n && records.hasNext()) {
                byte[] rec = records.next();
                long w0 = System.nanoTime();
                shards.put(next++, rec);
                clock.write += System.nanoTime() - w0;
                p.update(next);
            }
            if (next != a.n || records.hasNext()) {
                throw new IllegalStateException("the adversarial dataset was given " + (records.hasNext() ? "more"
                        : String.format(Locale.ROOT, "%,d", next)) + " records for " + String.format(Locale.ROOT,
                        "%,d", a.n) + ": a range is missing or repeated");
            }
        });
    }

    /** The records of one chunk of an adversarial input, in entry order. */
    private static byte[][] adversarialRecords(Input in, Columns c, Scaler scaler, Clock clock) throws IOException {
        long f0 = System.nanoTime();
        InputBatch x = extract(in, c);
        scaler.apply(x);
        long e0 = System.nanoTime();
        clock.features.addAndGet(e0 - f0);
        Column type = c.get(AdversarialRequest.TAU_TYPE);
        Column w = c.get(AdversarialRequest.WEIGHT);
        Column id = c.get(AdversarialRequest.DATASET_ID);
        Column dm = c.get("tau_decayMode");
        Column truth = in.toyTruth ? c.get("toy_truth_tauType") : null;
        ExampleWriter ew = new ExampleWriter();
        byte[][] out = new byte[x.size][];
        for (int i = 0; i < x.size; i++) {
            encodeInputs(ew, x, i);
            ew.floats("label", type.getLong(i) == AdversarialRequest.DATA ? 1f : 0f);
            ew.floats("weight", (float) w.getDouble(i));
            ew.int64s("dataset_id", id.getLong(i));
            common(ew, x, i, dm.getLong(i), c.firstEntry() + i, truth == null ? null : truth.getLong(i));
            out[i] = ew.toBytes();
        }
        clock.encode.addAndGet(System.nanoTime() - e0);
        return out;
    }

    private static void records(AdversarialRequest r, List<Input> inputs, List<String> extra, Workers workers,
                                Clock clock, Scaler scaler, Shards shards, int n, Consumer<String> log)
            throws IOException {
        Progress p = new Progress(log, "adversarial dataset", n);
        int next = 0;
        for (Input in : inputs) {
            if (next >= n) {
                break;
            }
            long end = Math.min(in.entries, n - next);
            try (RootFile rf = RootFile.open(in.file)) {
                TTree tree = rf.tree(r.tree());
                try (ColumnBatches batches = tree.batches(List.copyOf(branches(in, extra)), 0, end,
                        r.options().batchEntries(), r.options().threads())) {
                    while (batches.hasNext()) {
                        long t0 = System.nanoTime();
                        Columns b = batches.next();
                        clock.read += System.nanoTime() - t0;
                        List<byte[][]> parts = workers.map(chunks(b, workers.threads),
                                c -> adversarialRecords(in, c, scaler, clock));
                        long w0 = System.nanoTime();
                        for (byte[][] part : parts) {
                            for (byte[] rec : part) {
                                shards.put(next++, rec);
                            }
                        }
                        clock.write += System.nanoTime() - w0;
                        p.update(next);
                    }
                }
            }
        }
    }

    /** A task over one chunk of a batch that may fail with an I/O error. */
    private interface ChunkTask<T> {
        T run(Columns chunk) throws IOException;
    }

    /**
     * Runs chunk tasks on a fixed pool and returns their results in chunk order, so that the output does not depend
     * on the number of threads. With one thread the tasks run on the caller's thread.
     */
    private static final class Workers implements AutoCloseable {
        final int threads;
        private final java.util.concurrent.ExecutorService pool;

        Workers(int threads) {
            this.threads = threads;
            this.pool = threads == 1 ? null : java.util.concurrent.Executors.newFixedThreadPool(threads, run -> {
                Thread t = new Thread(run, "dataset-worker");
                t.setDaemon(true);
                return t;
            });
        }

        <T> List<T> map(List<Columns> chunks, ChunkTask<T> task) throws IOException {
            List<T> out = new ArrayList<>();
            if (pool == null) {
                for (Columns c : chunks) {
                    out.add(task.run(c));
                }
                return out;
            }
            List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
            for (Columns c : chunks) {
                futures.add(pool.submit(() -> task.run(c)));
            }
            try {
                for (java.util.concurrent.Future<T> f : futures) {
                    out.add(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(c);
            } finally {
                futures.forEach(f -> f.cancel(true));
            }
            return out;
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** {@code b} cut into {@code parts} consecutive chunks of entries (one chunk when small). */
    static List<Columns> chunks(Columns b, int parts) {
        int n = Math.toIntExact(b.entries());
        int k = Math.max(1, Math.min(parts, n / 256));
        if (k == 1) {
            return List.of(b);
        }
        List<Columns> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int a = (int) ((long) n * j / k);
            int e = (int) ((long) n * (j + 1) / k);
            Map<String, Column> cols = new LinkedHashMap<>();
            b.columns().forEach((name, c) -> cols.put(name, c.slice(a, e)));
            out.add(new Columns(b.firstEntry() + a, e - a, cols));
        }
        return out;
    }

    private static InputBatch extract(Input in, Columns b) throws IOException {
        try {
            return in.extractor.extract(b);
        } catch (ExpressionException e) {
            throw new IOException(in.file + ": a feature cannot be evaluated: " + e.getMessage(), e);
        }
    }

    /** The rows of {@code b} where {@code keep} is set, as a new batch. */
    static Columns select(Columns b, boolean[] keep) {
        Map<String, Column> out = new LinkedHashMap<>();
        long n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        if (n == b.entries()) {
            return b;
        }
        b.columns().forEach((k, v) -> out.put(k, v.select(keep)));
        return new Columns(b.firstEntry(), n, out);
    }

    private static long[] entryNumbers(long first, boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        long[] out = new long[n];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                out[j++] = first + i;
            }
        }
        return out;
    }

    /** A seeded permutation: record number → shuffled position (Fisher–Yates with java.util.Random). */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void encodeInputs(ExampleWriter ew, InputBatch x, int i) {
        ew.clear();
        int nt = x.tauFeatures;
        ew.floats("tau", java.util.Arrays.copyOfRange(x.tau, i * nt, (i + 1) * nt));
        for (InputBatch.Grid g : x.grids) {
            int a = g.start[i];
            int e = g.start[i + 1];
            long[] cells = new long[e - a];
            for (int c = a; c < e; c++) {
                cells[c - a] = g.cells[c];
            }
            ew.int64s(g.key + "/cells", cells);
            ew.floats(g.key + "/values", java.util.Arrays.copyOfRange(g.values, a * g.channels, e * g.channels));
        }
    }

    private static void common(ExampleWriter ew, InputBatch x, int i, long decayMode, long entry, Long truth) {
        ew.floats("tau_pt", x.tauPt[i]);
        ew.floats("tau_eta", x.tauEta[i]);
        ew.int64s("tau_decayMode", decayMode);
        ew.int64s("entry", entry);
        if (truth != null) {
            ew.int64s("toy_truth_tauType", truth);
        }
    }

    /** The spec's inputs for a feature set: input_tau, then the six grids. */
    public static List<DatasetSpec.Input> specInputs(FeatureSet set) {
        List<DatasetSpec.Input> out = new ArrayList<>();
        out.add(new DatasetSpec.Input("input_tau", "tau", List.of(set.tau().size()), DatasetSpec.Input.DENSE,
                set.tauNames()));
        for (String loc : FeatureSet.LOCATIONS) {
            int w = set.geometry(loc).cells();
            for (String kind : FeatureSet.KINDS) {
                List<String> ch = set.channels(kind);
                out.add(new DatasetSpec.Input("input_" + loc + "_" + kind, loc + "_" + kind, List.of(w, w, ch.size()),
                        DatasetSpec.Input.SPARSE, ch));
            }
        }
        return out;
    }

    static String shardName(String split, int shard, int shards, boolean gzip) {
        return String.format(Locale.ROOT, "%s-%05d-of-%05d.tfrecord%s", split, shard, shards, gzip ? ".gz" : "");
    }

    /** Finishes the shards, writes scaling.json and spec.json (last) into the staging directory and publishes it. */
    private static DatasetResult publish(AtomicDirectory dir, Shards shards, String kind, FeatureSet set,
                                         ScalingParams params, DatasetOptions o, Integer batchSize, long seed,
                                         List<Path> sources, long read, long skipped, long written, Clock clock,
                                         long start, Consumer<String> log) throws IOException {
        Path staging = dir.staging();
        long t0 = System.nanoTime();
        Map<String, DatasetSpec.Split> specSplits = shards.finish();
        clock.write += System.nanoTime() - t0;
        long bytes = shards.bytes();
        Files.write(staging.resolve(SCALING_FILE), params.toJson());
        DatasetSpec spec = new DatasetSpec(DatasetSpec.FORMAT, DatasetSpec.VERSION, kind,
                o.gzip() ? "GZIP" : "NONE", specInputs(set),
                DatasetSpec.ADVERSARIAL.equals(kind) ? List.of("label", "weight", "dataset_id")
                        : List.of("y", "weight"), specSplits, batchSize, SCALING_FILE, seed,
                sources.stream().map(p -> sourceName(dir.target(), p)).toList());
        Files.write(staging.resolve(DatasetSpec.FILE), spec.toJson());
        dir.publish();
        double seconds = (System.nanoTime() - start) / 1e9;
        Path output = dir.target();
        log.accept(String.format(Locale.ROOT, "%s dataset: %,d records (%s) in %s, %.1f MB, %,.0f τ/s, %,.0f bytes/record",
                kind, written, specSplits.entrySet().stream().map(e -> e.getKey() + " "
                                + String.format(Locale.ROOT, "%,d", e.getValue().records()))
                        .reduce((a, b) -> a + ", " + b).orElse(""), output, bytes / 1e6, read / seconds,
                written == 0 ? 0.0 : (double) bytes / written));
        return new DatasetResult(output, spec, read, skipped, bytes, seconds, clock.timings());
    }

    /**
     * A source as {@code spec.json} names it: relative to the dataset directory, with {@code /}, so that the same
     * inputs give the same file in every checkout of the analysis; absolute when the two share no directory but the
     * file system's root (a source on other storage, which a relative path would only obscure).
     */
    static String sourceName(Path datasetDirectory, Path source) {
        Path d = datasetDirectory.toAbsolutePath().normalize(), s = source.toAbsolutePath().normalize();
        if (d.getNameCount() == 0 || s.getNameCount() == 0 || !java.util.Objects.equals(d.getRoot(), s.getRoot())
                || !d.getName(0).equals(s.getName(0))) {
            return s.toString();
        }
        return d.relativize(s).toString().replace('\\', '/');
    }

    /** Progress lines every 10 s: entries done, rate and time left. */
    static final class Progress {
        private final Consumer<String> log;
        private final String what;
        private final long total;
        private final long start = System.nanoTime();
        private long last = start;

        Progress(Consumer<String> log, String what, long total) {
            this.log = log;
            this.what = what;
            this.total = total;
        }

        void update(long done) {
            long now = System.nanoTime();
            if (now - last < PROGRESS_NANOS || done >= total) {
                return;
            }
            last = now;
            double s = (now - start) / 1e9;
            double rate = done / s;
            log.accept(String.format(Locale.ROOT, "%s: %,d / %,d candidates, %,.0f/s, %.0f s left", what, done, total, rate,
                    rate > 0 ? (total - done) / rate : 0));
        }
    }
}
