package io.github.tauml.pipeline.dataset;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.dataset.ReweightRequest.Contribution;
import io.github.tauml.pipeline.dataset.ReweightRequest.FromHistogram;
import io.github.tauml.pipeline.dataset.ReweightRequest.FromSample;
import io.github.tauml.pipeline.dataset.ReweightRequest.Mode;
import io.github.tauml.pipeline.dataset.ReweightRequest.Normalisation;
import io.github.tauml.rootio.Directory;
import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.ColumnBatches;
import io.github.tauml.rootio.tree.TTree;
import io.github.tauml.rootio.write.RootWriter;
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
 * The pT-weight stage (reference §2.5): computes one weight histogram per contribution, caps it, and writes them all
 * as TH1Ds named as declared into one ROOT file, which the mix (and TauMLTools' DataLoader, §2.5) reads with
 * {@code GetBinContent(FindBin(tau_pt))}. Or, with a user-supplied weights file, checks that it holds a histogram for
 * every contribution and copies them. Observed spectra are filled over each contribution's whole input in the
 * declared binning, under- and overflow included; a bin with no observed entry gets weight 0. See
 * {@link ReweightRequest.Mode} for the two modes and {@link ReweightRequest.Normalisation} for the scaling.
 */
public final class Reweight {
    /** The version of what the stage writes: raise it when the same request would write different files. */
    public static final int FORMAT_VERSION = 1;

    private static final int BATCH = 16_384;

    private Reweight() {
    }

    /**
     * Computes (or checks and copies) the weights and writes the file.
     *
     * @throws ConfigException every problem at once: a missing input tree or branch, a target of another binning, a
     *                         target naming an undeclared sample, no data contribution where one is needed, a weights
     *                         file lacking a contribution (the message lists the names it holds); nothing is written
     * @throws IOException     reading or writing failed
     */
    public static ReweightResult run(ReweightRequest request, Consumer<String> log)
            throws ConfigException, IOException {
        return run(request, log, localCounter());
    }

    /** The local executor's counter: each input read batch by batch in this JVM. */
    public static SpectrumCounter localCounter() {
        return Reweight::count;
    }

    /**
     * Fills one observed spectrum: the entries of {@code branch} in tree {@code tree} of {@code input} per bin of
     * {@code edges} (ROOT's FindBin: index 0 underflow, {@code edges.length} overflow). The counts are integers, so
     * any order of summation gives the same spectrum: a Spark aggregation gives the local counts exactly.
     */
    @FunctionalInterface
    public interface SpectrumCounter {
        long[] count(java.nio.file.Path input, String tree, String branch, double[] edges, int threads)
                throws IOException;
    }

    /**
     * As {@link #run(ReweightRequest, Consumer)}, the observed spectra filled by {@code counter} (for
     * {@code <executor>spark</executor>}: a Spark aggregation); the tree and branch are checked here first. The
     * output is the same file, byte for byte.
     */
    public static ReweightResult run(ReweightRequest request, Consumer<String> log, SpectrumCounter counter)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<TH1> histograms;
        String source;
        if (request.weightsFile() != null) {
            histograms = supplied(request);
            source = "the supplied file " + request.weightsFile();
        } else {
            histograms = computed(request, warnings, counter);
            source = request.mode() == Mode.TOTAL_SIMULATION ? "data / total simulation per bin"
                    : "target / observed per contribution";
        }
        warnings.forEach(log);
        Files.createDirectories(request.output().toAbsolutePath().getParent());
        try (RootWriter w = RootWriter.create(request.output())) {
            try {
                for (TH1 h : histograms) {
                    w.histogram(h.name(), h);
                }
            } catch (IOException | RuntimeException e) {
                w.abort();
                throw e;
            }
        }
        return new ReweightResult(request.output(), histograms, warnings, source, (System.nanoTime() - start) / 1e9);
    }

    /** Paths of every TH1 in a file, subdirectories included ({@code mt_inclusive/EMB}), in key order. */
    public static List<String> histogramNames(RootFile f) throws IOException {
        List<String> out = new ArrayList<>();
        collect(f.top(), "", out);
        return out;
    }

    private static void collect(Directory d, String prefix, List<String> out) throws IOException {
        for (Key k : d.latestKeys()) {
            if (k.className().startsWith("TH1")) {
                out.add(prefix + k.name());
            } else if (k.className().equals("TDirectory") || k.className().equals("TDirectoryFile")) {
                collect(d.subdirectory(k.name()), prefix + k.name() + "/", out);
            }
        }
    }

    private static List<TH1> supplied(ReweightRequest request) throws ConfigException, IOException {
        Problems problems = new Problems();
        List<TH1> out = new ArrayList<>();
        try (RootFile f = RootFile.open(request.weightsFile())) {
            List<String> held = histogramNames(f);
            for (Contribution c : request.contributions()) {
                if (held.contains(c.name())) {
                    TH1 h = f.histogram(c.name());
                    out.add(new TH1(c.name(), h.title(), "TH1D", h.edges(), h.contents(), h.sumw2(), h.entries()));
                } else {
                    problems.add(c.element(), "the weights file " + request.weightsFile() + " has no histogram '"
                            + c.name() + "'; it holds " + (held.isEmpty() ? "no histogram" : String.join(", ", held)),
                            "add a TH1 named '" + c.name() + "' to the file, or name the contribution after one of"
                                    + " its histograms");
                }
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static List<TH1> computed(ReweightRequest request, List<String> warnings, SpectrumCounter counter)
            throws ConfigException, IOException {
        Problems problems = new Problems();
        double[] edges = request.edges();
        Map<String, Contribution> byName = new LinkedHashMap<>();
        request.contributions().forEach(c -> byName.put(c.name(), c));
        List<Contribution> data = request.contributions().stream().filter(Contribution::data).toList();
        if (data.isEmpty() && (request.mode() == Mode.TOTAL_SIMULATION
                || request.normalisation() == Normalisation.DATA_COUNT)) {
            problems.add("<contributions>", "no contribution is data, but " + (request.mode() == Mode.TOTAL_SIMULATION
                    ? "the total-simulation mode divides data by simulation" : "the weights are normalised to the"
                    + " data count"), "declare the data contribution with <data>true</data>");
        }
        if (request.mode() == Mode.PER_CONTRIBUTION) {
            for (Contribution c : request.contributions()) {
                if (c.target() instanceof FromHistogram h && !sameBinning(h.histogram().edges(), edges)) {
                    problems.add(c.element() + "<target>", c.name() + ": the target histogram " + h.source()
                            + " has the binning " + java.util.Arrays.toString(h.histogram().edges())
                            + ", not the declared " + java.util.Arrays.toString(edges),
                            "declare <bins> as the target's edges, or give a target in the declared binning");
                } else if (c.target() instanceof FromSample s && !byName.containsKey(s.sample())) {
                    problems.add(c.element() + "<target>", c.name() + ": the target sample '" + s.sample()
                            + "' is not a declared contribution (" + String.join(", ", byName.keySet()) + ")",
                            "name one of the declared contributions");
                }
            }
        }
        for (Contribution c : request.contributions()) {
            if (c.input() == null) {
                problems.add(c.element() + "<input>", c.name() + ": no input", "give the contribution's skimmed file");
            } else if (request.mode() == Mode.TOTAL_SIMULATION && c.perBatch() < 1) {
                problems.add(c.element() + "<perBatch>", c.name() + ": the total simulation is composed with the"
                        + " entries per batch, and " + c.perBatch() + " is not one", "give its entries per batch");
            }
        }
        problems.throwIfAny();
        Map<String, long[]> observed = new LinkedHashMap<>();
        for (Contribution c : request.contributions()) {
            observed.put(c.name(), observe(c, request, edges, problems, counter));
        }
        problems.throwIfAny();

        Map<String, double[]> weights = request.mode() == Mode.TOTAL_SIMULATION
                ? totalSimulation(request, observed) : perContribution(request, observed, data);
        List<TH1> out = new ArrayList<>();
        for (Contribution c : request.contributions()) {
            double[] w = weights.get(c.name());
            for (int b = 0; b < w.length; b++) {
                if (w[b] > request.cap()) {
                    warnings.add(String.format(Locale.ROOT, "weight cap: %s bin %d %s: weight %.6g capped at %.6g", c.name(), b,
                            range(edges, b), w[b], request.cap()));
                    w[b] = request.cap();
                }
            }
            long n = java.util.Arrays.stream(observed.get(c.name())).sum();
            out.add(new TH1(c.name(), "pT weight of " + c.name(), "TH1D", edges, w, new double[0], n));
        }
        return out;
    }

    /** R_b = (Σ_data n_d f_d,b) / (Σ_sim n_c f_c,b), f the normalised observed spectrum, n the entries per batch. */
    private static Map<String, double[]> totalSimulation(ReweightRequest request, Map<String, long[]> observed) {
        int nb = request.edges().length + 1;
        double[] dataPerBatch = new double[nb];
        double[] simPerBatch = new double[nb];
        double simEntries = 0;
        for (Contribution c : request.contributions()) {
            long[] o = observed.get(c.name());
            double total = java.util.Arrays.stream(o).sum();
            for (int b = 0; b < nb; b++) {
                double f = total == 0 ? 0 : c.perBatch() * o[b] / total;
                if (c.data()) {
                    dataPerBatch[b] += f;
                } else {
                    simPerBatch[b] += f;
                }
            }
            simEntries += c.data() ? 0 : c.perBatch();
        }
        double[] r = new double[nb];
        double weighted = 0;
        for (int b = 0; b < nb; b++) {
            r[b] = simPerBatch[b] > 0 ? dataPerBatch[b] / simPerBatch[b] : 0;
            weighted += r[b] * simPerBatch[b];
        }
        double scale = request.normalisation() == Normalisation.UNIT_MEAN && weighted > 0 ? simEntries / weighted : 1;
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Contribution c : request.contributions()) {
            double[] w = new double[nb];
            for (int b = 0; b < nb; b++) {
                w[b] = c.data() ? 1 : r[b] * scale;
            }
            out.put(c.name(), w);
        }
        return out;
    }

    /** w_c,b = T_c,b / O_c,b (0 where O is 0), scaled as declared; no target: 1. */
    private static Map<String, double[]> perContribution(ReweightRequest request, Map<String, long[]> observed,
                                                         List<Contribution> data) {
        int nb = request.edges().length + 1;
        double dataCount = data.stream().mapToDouble(c -> java.util.Arrays.stream(observed.get(c.name())).sum())
                .sum();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Contribution c : request.contributions()) {
            long[] o = observed.get(c.name());
            double[] w = new double[nb];
            if (c.target() == null) {
                java.util.Arrays.fill(w, 1);
                out.put(c.name(), w);
                continue;
            }
            double[] t = c.target() instanceof FromHistogram h ? h.histogram().contents()
                    : java.util.Arrays.stream(observed.get(((FromSample) c.target()).sample())).asDoubleStream()
                    .toArray();
            double weighted = 0;
            double entries = 0;
            for (int b = 0; b < nb; b++) {
                w[b] = o[b] > 0 ? t[b] / o[b] : 0;
                weighted += w[b] * o[b];
                entries += o[b];
            }
            double scale = switch (request.normalisation()) {
                case NONE -> 1;
                case UNIT_MEAN -> weighted > 0 ? entries / weighted : 1;
                case DATA_COUNT -> weighted > 0 ? dataCount / weighted : 1;
            };
            for (int b = 0; b < nb; b++) {
                w[b] *= scale;
            }
            out.put(c.name(), w);
        }
        return out;
    }

    private static long[] observe(Contribution c, ReweightRequest request, double[] edges, Problems problems,
                                  SpectrumCounter counter) throws IOException {
        try (RootFile f = RootFile.open(c.input())) {
            if (!f.top().contains(c.tree())) {
                problems.add(c.element() + "<tree>", c.name() + ": " + c.input() + " has no tree '" + c.tree() + "'",
                        "name the tree the skim wrote (taus)");
                return new long[edges.length + 1];
            }
            TTree t = f.tree(c.tree());
            if (!t.hasBranch(request.ptBranch())) {
                problems.add(c.element() + "<input>", c.name() + ": tree '" + c.tree() + "' of " + c.input()
                        + " has no branch '" + request.ptBranch() + "'", "weight skimmed TauTuples, or set"
                        + " <ptBranch> to the input's pT branch");
                return new long[edges.length + 1];
            }
        }
        return counter.count(c.input(), c.tree(), request.ptBranch(), edges, request.threads());
    }

    /** The local counter: the whole input, batch by batch. */
    static long[] count(java.nio.file.Path input, String tree, String branch, double[] edges, int threads)
            throws IOException {
        try (RootFile f = RootFile.open(input)) {
            TTree t = f.tree(tree);
            return count(t, branch, edges, 0, t.entries(), threads);
        }
    }

    /**
     * The spectrum of entries {@code [from, to)} of {@code branch}: what one Spark task of the reweight fills (the
     * task results are added bin by bin).
     */
    public static long[] count(TTree t, String branch, double[] edges, long from, long to, int threads)
            throws IOException {
        TH1 axis = new TH1("axis", "", "TH1D", edges, new double[edges.length + 1], new double[0], 0);
        long[] o = new long[edges.length + 1];
        try (ColumnBatches batches = t.batches(List.of(branch), from, to, BATCH, threads)) {
            while (batches.hasNext()) {
                Column pt = batches.next().get(branch);
                for (int i = 0; i < pt.entries(); i++) {
                    o[axis.findBin(pt.getDouble(i))]++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return o;
    }

    static boolean sameBinning(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-9 * Math.max(1, Math.abs(b[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String range(double[] e, int b) {
        return b == 0 ? "[-inf, " + e[0] + ")" : b == e.length ? "[" + e[e.length - 1] + ", inf)"
                : "[" + e[b - 1] + ", " + e[b] + ")";
    }
}
