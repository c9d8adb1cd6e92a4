package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.Columns;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * The event drop (reference §2.4, TauMLTools' {@code EventDrop.py} / {@code DatasetDrop}): thins a sample so that its
 * pT spectrum follows a target. The observed histogram of the whole input is filled in the target's binning (as the
 * reference fills it from the input file before the loop); the
 * keep probability of bin b is p_b = r_b / max r with r_b = target_b / observed_b (0 where nothing is observed, as
 * {@code TH1::Divide}) and the maximum over the regular bins ({@code TH1::GetMaximum}), so the most under-populated
 * bin keeps everything. Then every examined entry, in order, draws u from {@link TRandom3} and is kept when
 * u ≤ p of its bin ({@code TH1::FindBin}: below the first edge is the underflow, at or above the last the overflow;
 * there p may exceed 1, which keeps every entry). One random number is drawn per examined entry, so with seed 4357
 * the decisions are the reference's. Every branch is copied with its type; the output appears only when complete.
 */
public final class EventDrop {
    /** The version of what the stage writes: raise it when the same request would write different files. */
    public static final int FORMAT_VERSION = 1;

    private static final int BATCH = 16_384;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private EventDrop() {
    }

    /**
     * Every problem of the drops declared together, found before any is run: each input opens (a damaged file is a
     * problem naming it), holds the tree and the pT branch and has the entries to examine, and each output directory
     * can be created. A build that drops several samples thus writes none when the last one cannot run.
     *
     * @param requests the drops of one declaration
     * @return the problems, each at the element of its sample (empty: all can run)
     * @throws IOException an input cannot be read for a reason other than its content
     */
    public static List<ConfigException.Problem> check(List<DropRequest> requests) throws IOException {
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (DropRequest r : requests) {
            try (RootFile in = RootFile.open(r.input())) {
                examined(tree(in, r), r);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (RootIOException e) {
                problems.add(new ConfigException.Problem(r.element() + "<input>", r.sample() + ": " + e.getMessage(),
                        "give the skimmed ROOT file of sample " + r.sample() + "; run the skim again if it is damaged"));
            }
            Skim.outputDirectoryProblem(r.output()).ifPresent(m -> problems.add(new ConfigException.Problem(
                    "<outputDirectory> (adversarial.drop.outputDirectory)", r.sample() + ": " + m,
                    "point <outputDirectory> at a directory that can be created and written")));
        }
        return problems;
    }

    /** What runs one drop: {@link #run} locally, or an executor's (issue 13). */
    @FunctionalInterface
    public interface Runner {
        DropResult run(DropRequest request, Consumer<String> log) throws ConfigException, IOException;
    }

    /**
     * Runs one drop.
     *
     * @throws ConfigException the input lacks the tree or the branch, or has fewer entries than {@code entries}
     *                         ("runs out of entries"), or shares no bin with the target; nothing is written
     * @throws IOException     reading the input or writing the output failed
     */
    public static DropResult run(DropRequest request, Consumer<String> log) throws ConfigException, IOException {
        long start = System.nanoTime();
        Plan plan = plan(request, Reweight.localCounter());
        Part all = new Part(0, plan.examined(), new TRandom3(request.seed()));
        try (RootFile in = RootFile.open(request.input());
             Kept kept = new Kept(in.tree(request.tree()), plan.selection(request), all, request.threads())) {
            return merge(request, plan, kept, log, start);
        }
    }

    // ---- The drop split into independent parts, for an executor that runs them elsewhere (Spark) ----

    /**
     * What the drop decides before it examines an entry: the entries examined, the observed spectrum of the whole
     * input in the target's binning (under- and overflow included), the keep probability per bin and the branches
     * copied (every branch root-io can rewrite, in tree order).
     */
    public record Plan(long examined, long[] observed, double[] p, List<String> copied) {
        public Plan {
            copied = List.copyOf(copied);
        }

        /** What a task needs to examine entries, in a form that can be shipped to it. */
        public Selection selection(DropRequest request) {
            return new Selection(request.input().toString(), request.tree(), request.branch(), copied,
                    request.target().edges(), p);
        }
    }

    /**
     * The keep decision of a drop without the request's histogram and paths as objects: the input file, its tree, the
     * spectrum's branch, the branches copied, the target's bin edges and the keep probability per bin.
     */
    public record Selection(String input, String tree, String branch, List<String> copied, double[] edges,
                            double[] p) implements java.io.Serializable {
    }

    /**
     * Entries {@code [from, to)} to examine, starting on the drop's batch grid, with the {@link TRandom3} at the
     * position the sequential drop has reached at entry {@code from}: a part decides exactly what the local drop
     * decides for those entries.
     */
    public record Part(long from, long to, TRandom3 random) implements java.io.Serializable {
    }

    /**
     * Checks the request (tree, branch, entries) and fills the observed spectrum with {@code counter} (the local
     * reader, or an executor's aggregation: integer counts, the same whatever adds them).
     *
     * @throws ConfigException as {@link #run}
     */
    public static Plan plan(DropRequest request, Reweight.SpectrumCounter counter) throws ConfigException,
            IOException {
        long n;
        List<String> names = new ArrayList<>();
        try (RootFile in = RootFile.open(request.input())) {
            TTree tree = tree(in, request);
            n = examined(tree, request);
            for (Branch b : tree.branches()) {
                if (Skim.spec(b) != null) {
                    names.add(b.name());
                }
            }
        }
        long[] observed = counter.count(request.input(), request.tree(), request.branch(), request.target().edges(),
                request.threads());
        return new Plan(n, observed, keepProbabilities(request.target(), observed, request), names);
    }

    /**
     * Cuts the examined entries into parts of {@code batchesPerPart} batches, each with the random stream advanced
     * to its first entry (one {@link TRandom3#rndm()} per entry before it, drawn here, on one thread: cheap next to
     * decoding the entries).
     */
    public static List<Part> parts(DropRequest request, Plan plan, int batchesPerPart) {
        if (batchesPerPart < 1) {
            throw new IllegalArgumentException("batchesPerPart must be >= 1, got " + batchesPerPart);
        }
        TRandom3 rng = new TRandom3(request.seed());
        long step = (long) batchesPerPart * BATCH;
        List<Part> parts = new ArrayList<>();
        for (long a = 0; a < plan.examined(); a += step) {
            long b = Math.min(plan.examined(), a + step);
            parts.add(new Part(a, b, rng.copy()));
            for (long i = a; i < b; i++) {
                rng.rndm();
            }
        }
        return parts;
    }

    /**
     * Examines one part on one thread, batch by batch as the local drop: the work of an executor. Each batch gives
     * the entries examined and the kept entries of every copied branch (null columns when none is kept).
     */
    public static List<Skim.PartBatch> select(Selection selection, Part part) throws IOException {
        List<Skim.PartBatch> out = new ArrayList<>();
        try (RootFile in = RootFile.open(java.nio.file.Path.of(selection.input()));
             Kept kept = new Kept(in.tree(selection.tree()), selection, part, 1)) {
            while (kept.hasNext()) {
                out.add(kept.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /**
     * Writes the kept entries, batches given in entry order (from {@link #select} over the parts in order), into the
     * request's output as the local drop does, and publishes it when complete: the bytes are the local executor's.
     */
    public static DropResult merge(DropRequest request, Plan plan, java.util.Iterator<Skim.PartBatch> batches,
                                   Consumer<String> log) throws IOException {
        return merge(request, plan, batches, log, System.nanoTime());
    }

    private static DropResult merge(DropRequest request, Plan plan, java.util.Iterator<Skim.PartBatch> batches,
                                    Consumer<String> log, long start) throws IOException {
        TH1 target = request.target();
        long n = plan.examined();
        long[] observed = plan.observed();
        double[] p = plan.p();
        try (RootFile in = RootFile.open(request.input())) {
            TTree tree = in.tree(request.tree());
            List<BranchSpec> specs = new ArrayList<>();
            for (Branch b : tree.branches()) {
                BranchSpec s = Skim.spec(b);
                if (s == null) {
                    log.accept(request.sample() + ": branch '" + b.name() + "' (" + b.typeName()
                            + ") is not copied: root-io cannot rewrite it");
                    continue;
                }
                specs.add(s);
            }
            Files.createDirectories(request.output().toAbsolutePath().getParent());
            long[] kept = new long[observed.length];
            long keptTotal = 0;
            WriterOptions options = WriterOptions.defaults().withCompression(request.compression(), request.level());
            try (RootWriter writer = RootWriter.create(request.output(), options)) {
                try {
                    TreeWriter out = writer.tree(tree.name(), tree.title(), specs);
                    long done = 0;
                    long lastReport = System.nanoTime();
                    try {
                        while (batches.hasNext()) {
                            Skim.PartBatch b = batches.next();
                            if (b.columns() != null) {
                                Column pt = b.columns().get(request.branch());
                                for (int i = 0; i < b.passing(); i++) {
                                    kept[target.findBin(pt.getDouble(i))]++;
                                }
                                out.append(b.columns());
                            }
                            keptTotal += b.passing();
                            done += b.read();
                            if (System.nanoTime() - lastReport > PROGRESS_NANOS) {
                                lastReport = System.nanoTime();
                                double s = (System.nanoTime() - start) / 1e9;
                                log.accept(String.format(Locale.ROOT, "%s: %,d / %,d entries examined, %,d kept "
                                        + "(%,.0f entries/s, %.0f s left)", request.sample(), done, n, keptTotal,
                                        done / s, (n - done) / (done / s)));
                            }
                        }
                    } catch (UncheckedIOException e) {
                        throw e.getCause();
                    }
                    if (done != n) {
                        throw new IllegalStateException(request.sample() + ": " + done + " entries examined of " + n
                                + ": a part of the drop is missing");
                    }
                    out.close();
                } catch (IOException | RuntimeException e) {
                    writer.abort();
                    throw e;
                }
            }
            double[] edges = target.edges();
            List<DropResult.Bin> bins = new ArrayList<>();
            for (int b = 0; b < observed.length; b++) {
                double low = b == 0 ? Double.NEGATIVE_INFINITY : edges[b - 1];
                double high = b == observed.length - 1 ? Double.POSITIVE_INFINITY : edges[b];
                bins.add(new DropResult.Bin(b, low, high, observed[b], target.content(b), p[b], kept[b]));
            }
            return new DropResult(request.sample(), request.output(), n, keptTotal, bins,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /** The kept entries of a part, batch by batch: one draw per examined entry, kept when u ≤ p of its bin. */
    private static final class Kept implements java.util.Iterator<Skim.PartBatch>, AutoCloseable {
        private final ColumnBatches batches;
        private final Selection selection;
        private final TH1 axis;
        private final TRandom3 rng;

        Kept(TTree tree, Selection selection, Part part, int threads) throws IOException {
            this.selection = selection;
            this.axis = new TH1("axis", "", "TH1D", selection.edges(), new double[selection.edges().length + 1],
                    new double[0], 0);
            this.rng = part.random().copy();
            this.batches = tree.batches(selection.copied(), part.from(), part.to(), BATCH, threads);
        }

        @Override
        public boolean hasNext() {
            return batches.hasNext();
        }

        @Override
        public Skim.PartBatch next() {
            Columns batch = batches.next();
            Column pt = batch.get(selection.branch());
            double[] p = selection.p();
            int m = (int) batch.entries();
            boolean[] mask = new boolean[m];
            int k = 0;
            for (int i = 0; i < m; i++) {
                if (rng.rndm() <= p[axis.findBin(pt.getDouble(i))]) {
                    mask[i] = true;
                    k++;
                }
            }
            if (k == 0) {
                return new Skim.PartBatch(m, 0, null);
            }
            Map<String, Column> selected = new LinkedHashMap<>();
            for (String name : selection.copied()) {
                selected.put(name, batch.get(name).select(mask));
            }
            return new Skim.PartBatch(m, k, selected);
        }

        @Override
        public void close() throws IOException {
            batches.close();
        }
    }

    /**
     * The keep probability per bin of {@code target} (ROOT numbering, 0 underflow .. n+1 overflow) for the observed
     * counts in the same bins: p_b = r_b / max r over the regular bins, r_b = target_b / observed_b, 0 where
     * observed_b is 0.
     *
     * @throws ConfigException no regular bin has both observed entries and target content (nothing could be kept)
     */
    public static double[] keepProbabilities(TH1 target, long[] observed, DropRequest request) throws ConfigException {
        int nb = target.bins();
        if (observed.length != nb + 2) {
            throw new IllegalArgumentException(observed.length + " observed bins for a target of " + nb + " bins");
        }
        double[] r = new double[nb + 2];
        double max = 0;
        for (int b = 0; b < r.length; b++) {
            r[b] = observed[b] == 0 ? 0 : target.content(b) / observed[b];
            if (b >= 1 && b <= nb) {
                max = Math.max(max, r[b]);
            }
        }
        if (!(max > 0)) {
            throw new ConfigException(request.element() + "<target>", request.sample() + ": the target histogram '"
                    + target.name() + "' and the " + request.branch() + " spectrum of " + request.input()
                    + " share no bin with entries in both, so nothing could be kept",
                    "check that the target is a " + request.branch() + " spectrum in the same units (GeV) and range");
        }
        double[] p = new double[r.length];
        for (int b = 0; b < r.length; b++) {
            p[b] = r[b] / max;
        }
        return p;
    }

    private static TTree tree(RootFile in, DropRequest request) throws ConfigException, IOException {
        if (!in.top().contains(request.tree())) {
            throw new ConfigException(request.element() + "<tree>", request.sample() + ": " + request.input()
                    + " has no tree '" + request.tree() + "'", "name the tree the skim wrote (taus)");
        }
        TTree tree = in.tree(request.tree());
        if (!tree.hasBranch(request.branch())) {
            throw new ConfigException(request.element() + "<branch>", request.sample() + ": tree '" + request.tree()
                    + "' of " + request.input() + " has no branch '" + request.branch() + "'",
                    "name the pT branch of the input (tau_pt)");
        }
        return tree;
    }

    private static long examined(TTree tree, DropRequest request) throws ConfigException {
        long n = request.entries() < 0 ? tree.entries() : request.entries();
        if (n > tree.entries()) {
            throw new ConfigException(request.element() + "<entries>", request.sample() + " runs out of entries: the"
                    + " drop needs " + n + " entries but " + request.input() + " has " + tree.entries(),
                    "lower <entries> to at most " + tree.entries() + ", or remove it to examine every entry");
        }
        return n;
    }
}
