package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.dataset.MixRequest.Contribution;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * The mix stage (reference §2.6): batches of {@link MixRequest#batchSize()} entries, each the declared contributions'
 * blocks in declaration order (the reference: 50 data, 36 DY τh, 2 tt̄ τh, 5 W jets, 5 QCD jets, 1 tt̄ jet, 1 DY μ),
 * written to tree {@code taus} of two files: first the train/validation batches, then the evaluation batches from
 * the entries that follow, so the outputs never share an entry. Each entry gets {@code dataset_id} (the
 * contribution's), {@code tauType} (8 for data, otherwise the τ-type column) and {@code weight} (float: the
 * contribution's pT-weight histogram at {@code FindBin(tau_pt)}, §2.5) in place of any input branches of those names;
 * the other branches are those every contribution has with the same type. Every input is checked before anything
 * is written: a contribution that runs dry fails with its name, the entries needed and the entries it has. Both
 * files appear only when both are complete.
 */
public final class Mix {
    /** The version of what the stage writes: raise it when the same request would write different files. */
    public static final int FORMAT_VERSION = 1;

    /** The branches the mix writes itself. */
    public static final String DATASET_ID = "dataset_id";
    public static final String TAU_TYPE = "tauType";
    public static final String WEIGHT = "weight";
    /** tauType of data (reference §2.2). */
    public static final int DATA_TAU_TYPE = 8;

    private static final int READ_BATCH = 16_384;
    private static final int WRITE_ENTRIES = 20_000;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final MixRequest request;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private long written;
    private long lastReport = System.nanoTime();

    private Mix(MixRequest request, Consumer<String> log) {
        this.request = request;
        this.log = log;
    }

    /** What runs a mix: {@link #run} locally, or an executor's (issue 13). */
    @FunctionalInterface
    public interface Runner {
        MixResult run(MixRequest request, Consumer<String> log) throws ConfigException, IOException;
    }

    /**
     * Runs the mix.
     *
     * @throws ConfigException every problem of the inputs at once (missing tree or branch, a contribution that runs
     *                         dry, a weight histogram missing from the weights file); nothing is written
     * @throws IOException     reading an input or writing an output failed; neither output is published
     */
    public static MixResult run(MixRequest request, Consumer<String> log) throws ConfigException, IOException {
        return new Mix(request, log).run();
    }

    private MixResult run() throws ConfigException, IOException {
        try (Inputs in = open()) {
            int total = request.trainvalBatches() + request.evaluationBatches();
            List<Stream> streams = streams(in, 0, total);
            try {
                int[] ks = concat(chunkSizes(0, request.trainvalBatches(), request.trainvalBatches()),
                        chunkSizes(0, request.evaluationBatches(), request.evaluationBatches()));
                write(in, new Chunks(in, streams, ks));
            } finally {
                for (Stream s : streams) {
                    s.close();
                }
            }
            return result(in);
        }
    }

    // ---- The mix split into independent segments, for an executor that runs them elsewhere (Spark) ----

    /**
     * Batches {@code [fromBatch, toBatch)} of one output ({@code output} 0: train/validation, 1: evaluation), starting
     * on the mix's write grid (the batches appended together): what the local mix appends for those batches, from
     * the entries it takes for them.
     */
    public record Segment(int output, int fromBatch, int toBatch) implements java.io.Serializable {
    }

    /**
     * Cuts both outputs into segments of {@code chunksPerSegment} appends each, train/validation first: the order in
     * which {@link #merge} writes them.
     */
    public static List<Segment> segments(MixRequest request, int chunksPerSegment) {
        if (chunksPerSegment < 1) {
            throw new IllegalArgumentException("chunksPerSegment must be >= 1, got " + chunksPerSegment);
        }
        int step = chunkBatches(request) * chunksPerSegment;
        List<Segment> out = new ArrayList<>();
        int[] batches = {request.trainvalBatches(), request.evaluationBatches()};
        for (int o = 0; o < 2; o++) {
            for (int a = 0; a < batches[o]; a += step) {
                out.add(new Segment(o, a, Math.min(batches[o], a + step)));
            }
        }
        return out;
    }

    /**
     * Checks every input as {@link #run} does, writing nothing.
     *
     * @throws ConfigException every problem of the inputs at once
     */
    public static void validate(MixRequest request) throws ConfigException, IOException {
        try (Inputs in = new Mix(request, s -> { }).open()) {
            // opened and checked
        }
    }

    /**
     * Computes one segment on one thread: the work of an executor. Reads each contribution's entries for those
     * batches (or, shuffled, its permutation from the same position) and returns the columns of each append, in
     * order, exactly as the local mix builds them.
     *
     * @throws ConfigException the inputs do not pass the checks of {@link #run}
     */
    public static List<Map<String, Column>> segment(MixRequest request, Segment segment) throws ConfigException,
            IOException {
        Mix mix = new Mix(request, s -> { });
        try (Inputs in = mix.open()) {
            int offset = segment.output() == 0 ? 0 : request.trainvalBatches();
            int outputBatches = segment.output() == 0 ? request.trainvalBatches() : request.evaluationBatches();
            int[] ks = chunkSizes(request, segment.fromBatch(), segment.toBatch(), outputBatches);
            List<Stream> streams = mix.streams(in, offset + segment.fromBatch(), segment.toBatch()
                    - segment.fromBatch());
            try {
                List<Map<String, Column>> out = new ArrayList<>();
                Chunks chunks = mix.new Chunks(in, streams, ks);
                while (chunks.hasNext()) {
                    out.add(chunks.next());
                }
                return out;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                for (Stream s : streams) {
                    s.close();
                }
            }
        }
    }

    /**
     * The merge: appends the segments' columns, given in the order of {@link #segments} (all of train/validation,
     * then evaluation), to the two outputs as the local mix does, and publishes both when complete. The files equal
     * the local executor's byte for byte.
     *
     * @throws ConfigException as {@link #run}; nothing is written
     */
    public static MixResult merge(MixRequest request, java.util.Iterator<Map<String, Column>> chunks,
                                  Consumer<String> log) throws ConfigException, IOException {
        Mix mix = new Mix(request, log);
        try (Inputs in = mix.open()) {
            mix.write(in, chunks);
            return mix.result(in);
        }
    }

    /** The inputs opened and checked, the weights read and the branches written. */
    private record Inputs(List<RootFile> files, List<TTree> trees, Map<String, TH1> weights,
                          List<BranchSpec> copied, List<BranchSpec> specs, List<String> notes)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            for (RootFile f : files) {
                f.close();
            }
        }
    }

    private Inputs open() throws ConfigException, IOException {
        List<RootFile> files = new ArrayList<>();
        try {
            List<TTree> trees = new ArrayList<>();
            Problems problems = new Problems();
            for (Contribution c : request.contributions()) {
                RootFile f = RootFile.open(c.input());
                files.add(f);
                trees.add(check(c, f, problems));
            }
            Map<String, TH1> weights = weights(problems);
            problems.throwIfAny();
            List<String> notes = new ArrayList<>();
            List<BranchSpec> copied = commonBranches(trees, notes);
            List<BranchSpec> specs = new ArrayList<>(copied);
            specs.add(BranchSpec.scalar(DATASET_ID, LeafType.UINT64));
            specs.add(BranchSpec.scalar(TAU_TYPE, LeafType.INT32));
            specs.add(BranchSpec.scalar(WEIGHT, LeafType.FLOAT32));
            return new Inputs(files, trees, weights, copied, specs, notes);
        } catch (ConfigException | IOException | RuntimeException e) {
            for (RootFile f : files) {
                f.close();
            }
            throw e;
        }
    }

    /** Each contribution's entries for {@code batches} batches from batch {@code fromBatch} of the whole stream. */
    private List<Stream> streams(Inputs in, long fromBatch, long batches) throws IOException {
        List<Stream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < in.trees().size(); i++) {
                Contribution c = request.contributions().get(i);
                Set<String> read = new LinkedHashSet<>();
                in.copied().forEach(s -> read.add(s.name()));
                read.add(request.ptBranch());
                if (!c.data()) {
                    read.add(request.tauTypeBranch());
                }
                long from = fromBatch * c.perBatch();
                long needed = batches * c.perBatch();
                streams.add(request.shuffle()
                        ? new Shuffled(in.trees().get(i), List.copyOf(read), from, shuffleSeed(i))
                        : new Sequential(in.trees().get(i), List.copyOf(read), from, from + needed,
                        request.threads()));
            }
        } catch (IOException | RuntimeException e) {
            for (Stream s : streams) {
                s.close();
            }
            throw e;
        }
        return streams;
    }

    private MixResult result(Inputs in) {
        List<MixResult.Taken> taken = new ArrayList<>();
        for (int i = 0; i < in.trees().size(); i++) {
            Contribution c = request.contributions().get(i);
            taken.add(new MixResult.Taken(c.name(), (long) c.perBatch() * request.trainvalBatches(),
                    (long) c.perBatch() * request.evaluationBatches(), in.trees().get(i).entries()));
        }
        return new MixResult(request.trainvalOutput(), request.trainvalBatches(), request.evaluationOutput(),
                request.evaluationBatches(), request.batchSize(), taken,
                in.specs().stream().map(BranchSpec::name).toList(), in.notes(), (System.nanoTime() - start) / 1e9);
    }

    /** Batches appended together: about {@value #WRITE_ENTRIES} entries. */
    private static int chunkBatches(MixRequest request) {
        return Math.max(1, WRITE_ENTRIES / request.batchSize());
    }

    /** The batch counts of the appends of batches {@code [from, to)} of an output of {@code batches} batches. */
    private int[] chunkSizes(int from, int to, int batches) {
        return chunkSizes(request, from, to, batches);
    }

    private static int[] chunkSizes(MixRequest request, int from, int to, int batches) {
        int chunk = chunkBatches(request);
        List<Integer> ks = new ArrayList<>();
        for (int done = from; done < to; done += chunk) {
            ks.add(Math.min(chunk, batches - done));
        }
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private TTree check(Contribution c, RootFile f, Problems problems) throws IOException {
        if (!f.top().contains(c.tree())) {
            problems.add(c.element() + "<tree>", c.name() + ": " + c.input() + " has no tree '" + c.tree() + "'",
                    "name the tree the skim wrote (taus)");
            return null;
        }
        TTree t = f.tree(c.tree());
        if (!t.hasBranch(request.ptBranch())) {
            problems.add(c.element() + "<input>", c.name() + ": tree '" + c.tree() + "' of " + c.input()
                    + " has no branch '" + request.ptBranch() + "', which the pT weight is looked up with",
                    "mix skimmed TauTuples, or set <ptBranch> to the input's pT branch");
        }
        if (!c.data() && !t.hasBranch(request.tauTypeBranch())) {
            problems.add(c.element() + "<input>", c.name() + ": tree '" + c.tree() + "' of " + c.input()
                    + " has no branch '" + request.tauTypeBranch() + "' to copy into tauType",
                    "skim the simulated samples with the τ type computed (<tauType>" + request.tauTypeBranch()
                            + "</tauType>), or declare <data>true</data> if this contribution is data");
        }
        long needed = (long) c.perBatch() * (request.trainvalBatches() + request.evaluationBatches());
        if (needed > t.entries()) {
            problems.add(c.element() + "<perBatch>", c.name() + " runs dry: the mix needs " + needed + " entries ("
                    + c.perBatch() + " per batch × (" + request.trainvalBatches() + " + "
                    + request.evaluationBatches() + ") batches) but " + c.input() + " has " + t.entries(),
                    "give " + c.name() + " more entries, or lower the batch counts (it has enough for "
                            + t.entries() / c.perBatch() + " batches)");
        }
        return t;
    }

    private Map<String, TH1> weights(Problems problems) throws IOException {
        Map<String, TH1> out = new LinkedHashMap<>();
        if (request.weights() == null) {
            return out;
        }
        try (RootFile f = RootFile.open(request.weights())) {
            List<String> held = Reweight.histogramNames(f);
            for (Contribution c : request.contributions()) {
                if (held.contains(c.weights())) {
                    out.put(c.name(), f.histogram(c.weights()));
                } else {
                    problems.add(c.element() + "<weights>", c.name() + ": the weights file " + request.weights()
                            + " has no histogram '" + c.weights() + "'; it holds " + String.join(", ", held),
                            "name one of those histograms in <weights>, or add '" + c.weights() + "' to the file");
                }
            }
        }
        return out;
    }

    /**
     * The first input's branches that every input has with the same type and shape (jagged ones only with their
     * counter), without the three the mix writes.
     */
    private List<BranchSpec> commonBranches(List<TTree> trees, List<String> notes) throws IOException {
        List<BranchSpec> out = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        for (Branch b : trees.get(0).branches()) {
            if (b.name().equals(DATASET_ID) || b.name().equals(TAU_TYPE) || b.name().equals(WEIGHT)) {
                continue;
            }
            BranchSpec spec = Skim.spec(b);
            if (spec == null) {
                notes.add("branch '" + b.name() + "' (" + b.typeName() + ") is not copied: root-io cannot rewrite it");
                continue;
            }
            String missing = null;
            for (int i = 1; i < trees.size() && missing == null; i++) {
                TTree t = trees.get(i);
                if (!t.hasBranch(b.name())) {
                    missing = request.contributions().get(i).name() + " lacks it";
                } else {
                    Branch o = t.branch(b.name());
                    if (o.type() != b.type() || o.shape() != b.shape() || o.fixedLength() != b.fixedLength()) {
                        missing = "it is " + o.typeName() + " in " + request.contributions().get(i).name()
                                + " but " + b.typeName() + " in " + request.contributions().get(0).name();
                    }
                }
            }
            if (missing == null && spec.shape() == Shape.JAGGED && !kept.contains(spec.counter())) {
                missing = "its counter '" + spec.counter() + "' is not written";
            }
            if (missing != null) {
                notes.add("branch '" + b.name() + "' is not written: " + missing);
                continue;
            }
            out.add(spec);
            kept.add(b.name());
        }
        for (int i = 1; i < trees.size(); i++) {
            for (Branch b : trees.get(i).branches()) {
                if (!trees.get(0).hasBranch(b.name()) && !b.name().equals(WEIGHT) && !b.name().equals(TAU_TYPE)
                        && !b.name().equals(DATASET_ID)) {
                    String note = "branch '" + b.name() + "' is not written: " + request.contributions().get(0).name()
                            + " lacks it";
                    if (!notes.contains(note)) {
                        notes.add(note);
                    }
                }
            }
        }
        return out;
    }

    private long shuffleSeed(int contribution) {
        long z = request.seed() * 0x9E3779B97F4A7C15L + (contribution + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }

    private void write(Inputs in, java.util.Iterator<Map<String, Column>> chunks) throws IOException {
        Files.createDirectories(request.trainvalOutput().toAbsolutePath().getParent());
        Files.createDirectories(request.evaluationOutput().toAbsolutePath().getParent());
        WriterOptions options = WriterOptions.defaults().withCompression(request.compression(), request.level());
        RootWriter trainval = RootWriter.create(request.trainvalOutput(), options);
        RootWriter evaluation = null;
        try {
            evaluation = RootWriter.create(request.evaluationOutput(), options);
            long total = (long) request.batchSize() * (request.trainvalBatches() + request.evaluationBatches());
            try {
                writeOutput(trainval, request.trainvalBatches(), in.specs(), chunks, total);
                writeOutput(evaluation, request.evaluationBatches(), in.specs(), chunks, total);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (chunks.hasNext()) {
                throw new IllegalStateException("the mix was given more appends than its " + total + " entries");
            }
        } catch (IOException | RuntimeException e) {
            trainval.abort();
            if (evaluation != null) {
                evaluation.abort();
            }
            throw e;
        }
        // Both complete: publish.
        try {
            trainval.close();
        } catch (IOException | RuntimeException e) {
            evaluation.abort();
            throw e;
        }
        evaluation.close();
    }

    private void writeOutput(RootWriter writer, int batches, List<BranchSpec> specs,
                             java.util.Iterator<Map<String, Column>> chunks, long total) throws IOException {
        TreeWriter tree = writer.tree("taus", "adversarial mix", specs);
        for (int k : chunkSizes(0, batches, batches)) {
            if (!chunks.hasNext()) {
                throw new IllegalStateException("the mix ran out of appends after " + written + " of " + total
                        + " entries: a segment is missing");
            }
            Map<String, Column> out = chunks.next();
            tree.append(out);
            written += (long) k * request.batchSize();
            if (System.nanoTime() - lastReport > PROGRESS_NANOS) {
                lastReport = System.nanoTime();
                double sec = (System.nanoTime() - start) / 1e9;
                log.accept(String.format(Locale.ROOT, "mix: %,d / %,d entries written (%,.0f entries/s, %.0f s left)", written,
                        total, written / sec, (total - written) / (written / sec)));
            }
        }
        tree.close();
    }

    /** The columns of each append in turn: {@code ks[j]} batches of every contribution's next entries, interleaved. */
    private final class Chunks implements java.util.Iterator<Map<String, Column>> {
        private final Inputs in;
        private final List<Stream> streams;
        private final int[] ks;
        private int next;

        Chunks(Inputs in, List<Stream> streams, int[] ks) {
            this.in = in;
            this.streams = streams;
            this.ks = ks;
        }

        @Override
        public boolean hasNext() {
            return next < ks.length;
        }

        @Override
        public Map<String, Column> next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            int k = ks[next++];
            List<Contribution> cs = request.contributions();
            List<Map<String, Column>> parts = new ArrayList<>();
            try {
                for (int i = 0; i < cs.size(); i++) {
                    Contribution c = cs.get(i);
                    Map<String, Column> part = new LinkedHashMap<>(streams.get(i).take(k * c.perBatch()));
                    part.putAll(added(c, part, in.weights().get(c.name()), k * c.perBatch()));
                    parts.add(part);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int[] per = cs.stream().mapToInt(Contribution::perBatch).toArray();
            Map<String, Column> out = new LinkedHashMap<>();
            for (BranchSpec s : in.specs()) {
                List<Column> columns = new ArrayList<>();
                for (Map<String, Column> p : parts) {
                    columns.add(p.get(s.name()));
                }
                out.put(s.name(), interleave(s, columns, per, k));
            }
            return out;
        }
    }

    /** dataset_id, tauType and weight of n entries of one contribution. */
    private Map<String, Column> added(Contribution c, Map<String, Column> part, TH1 weights, int n) {
        long[] id = new long[n];
        java.util.Arrays.fill(id, c.datasetId());
        int[] type = new int[n];
        if (c.data()) {
            java.util.Arrays.fill(type, DATA_TAU_TYPE);
        } else {
            Column t = part.get(request.tauTypeBranch());
            for (int i = 0; i < n; i++) {
                type[i] = (int) t.getLong(i);
            }
        }
        float[] w = new float[n];
        Column pt = part.get(request.ptBranch());
        for (int i = 0; i < n; i++) {
            w[i] = weights == null ? 1f : (float) weights.content(weights.findBin(pt.getDouble(i)));
        }
        Map<String, Column> out = new LinkedHashMap<>();
        out.put(DATASET_ID, new Column(DATASET_ID, LeafType.UINT64, Shape.SCALAR, id, null, 1));
        out.put(TAU_TYPE, new Column(TAU_TYPE, LeafType.INT32, Shape.SCALAR, type, null, 1));
        out.put(WEIGHT, new Column(WEIGHT, LeafType.FLOAT32, Shape.SCALAR, w, null, 1));
        return out;
    }

    /**
     * The batches of one branch: for each of {@code k} batches, {@code per[c]} consecutive entries of each part in
     * turn, copied run by run.
     */
    static Column interleave(BranchSpec spec, List<Column> parts, int[] per, int k) {
        int values = 0;
        int entries = 0;
        for (Column c : parts) {
            values += c.valueCount();
            entries += c.entries();
        }
        Column first = parts.get(0);
        Object out = Column.newArray(first.type(), values);
        int[] offsets = first.isJagged() ? new int[entries + 1] : null;
        int[] cursor = new int[parts.size()];
        int pos = 0;
        int e = 0;
        for (int b = 0; b < k; b++) {
            for (int c = 0; c < parts.size(); c++) {
                Column src = parts.get(c);
                int from = cursor[c];
                int to = from + per[c];
                int a = src.start(from);
                int z = to == src.entries() ? src.valueCount() : src.start(to);
                System.arraycopy(src.values(), a, out, pos, z - a);
                if (offsets != null) {
                    int[] so = src.offsets();
                    for (int i = from; i < to; i++) {
                        offsets[++e] = pos + so[i + 1] - a;
                    }
                }
                pos += z - a;
                cursor[c] = to;
            }
        }
        return new Column(spec.name(), first.type(), first.shape(), out, offsets, first.fixedLength());
    }

    /** One contribution's entries in the order the mix takes them. */
    private interface Stream {
        Map<String, Column> take(int n) throws IOException;

        void close() throws IOException;
    }

    /** Entries in file order, decoded batch by batch (bounded memory). */
    private static final class Sequential implements Stream {
        private final ColumnBatches batches;
        private final List<String> names;
        private Columns current;
        private int pos;

        Sequential(TTree tree, List<String> names, long from, long to, int threads) throws IOException {
            this.names = names;
            this.batches = tree.batches(names, from, to, READ_BATCH, threads);
        }

        @Override
        public Map<String, Column> take(int n) throws IOException {
            Map<String, List<Column>> pieces = new LinkedHashMap<>();
            names.forEach(s -> pieces.put(s, new ArrayList<>()));
            int need = n;
            try {
                while (need > 0) {
                    if (current == null || pos == current.entries()) {
                        current = batches.next();
                        pos = 0;
                    }
                    int m = (int) Math.min(need, current.entries() - pos);
                    for (String s : names) {
                        Column c = current.get(s);
                        pieces.get(s).add(pos == 0 && m == c.entries() ? c : c.slice(pos, pos + m));
                    }
                    pos += m;
                    need -= m;
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Map<String, Column> out = new LinkedHashMap<>();
            for (String s : names) {
                Column c = current.get(s);
                out.put(s, Column.concat(s, c.type(), c.shape(), c.fixedLength(), pieces.get(s)));
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            batches.close();
        }
    }

    /**
     * A seeded permutation of all the contribution's entries (Fisher–Yates with {@link SplittableRandom}), of which
     * the mix takes the first ones; the needed branches of the whole input are held in memory.
     */
    private static final class Shuffled implements Stream {
        private final Map<String, Column> all;
        private final int[] order;
        private int pos;

        Shuffled(TTree tree, List<String> names, long from, long seed) throws IOException {
            if (tree.entries() > Integer.MAX_VALUE - 8) {
                throw new IOException(tree.file().path() + ": " + tree.entries() + " entries are too many to shuffle"
                        + " in memory; mix sequentially");
            }
            int n = (int) tree.entries();
            this.all = tree.read(names, 0, n).columns();
            this.order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            this.pos = (int) from;
        }

        @Override
        public Map<String, Column> take(int n) {
            Map<String, Column> out = new LinkedHashMap<>();
            for (Map.Entry<String, Column> e : all.entrySet()) {
                out.put(e.getKey(), rows(e.getValue(), order, pos, n));
            }
            pos += n;
            return out;
        }

        @Override
        public void close() {
        }

        private static Column rows(Column src, int[] order, int from, int n) {
            int values = 0;
            for (int j = 0; j < n; j++) {
                values += src.size(order[from + j]);
            }
            Object out = Column.newArray(src.type(), values);
            int[] offsets = src.isJagged() ? new int[n + 1] : null;
            int pos = 0;
            for (int j = 0; j < n; j++) {
                int i = order[from + j];
                int size = src.size(i);
                System.arraycopy(src.values(), src.start(i), out, pos, size);
                pos += size;
                if (offsets != null) {
                    offsets[j + 1] = pos;
                }
            }
            return new Column(src.name(), src.type(), src.shape(), out, offsets, src.fixedLength());
        }
    }
}
