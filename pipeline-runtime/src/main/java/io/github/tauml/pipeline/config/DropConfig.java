package io.github.tauml.pipeline.config;

import static io.github.tauml.pipeline.config.Declarations.blank;
import static io.github.tauml.pipeline.config.Declarations.orDefault;

import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.TRandom3;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code drop} goal's declaration (reference §2.4) and its validation: every problem, each naming its pom element
 * and the fix, is reported at once, before any sample is dropped.
 */
public final class DropConfig {
    private DropConfig() {
    }

    /**
     * One {@code <sample>}: name, input, and optionally its own entries and target (else the goal's).
     *
     * @param target         {@code file.root:dir/sub/hist}
     * @param targetBins     the target's bin edges, comma-separated (with {@code targetContents}, instead of a file)
     * @param targetContents the target's contents of the regular bins, comma-separated
     */
    public record Sample(String name, String input, Long entries, String target, String targetBins,
                         String targetContents) {
    }

    /**
     * The goal's parameters.
     *
     * @param samples         the samples to drop
     * @param tree            the input tree ({@code taus})
     * @param branch          the spectrum's branch ({@code tau_pt})
     * @param target          the default target, {@code file.root:dir/sub/hist}
     * @param targetBins      the default target's bin edges, if declared in the pom
     * @param targetContents  the default target's regular-bin contents, if declared in the pom
     * @param entries         entries examined per sample; null or −1: all
     * @param seed            the TRandom3 seed; null: 4357, ROOT's default, as the reference
     * @param outputDirectory where {@code <name>.root} go
     */
    public record Declaration(List<Sample> samples, String tree, String branch, String target, String targetBins,
                              String targetContents, Long entries, Long seed, Path outputDirectory,
                              String compression, int compressionLevel, int threads) {
    }

    /** The ROOT file of a {@code <target>} such as {@code datacard.root:mt_inclusive/EMB}; null when it names none. */
    public static Path targetFile(String target, Path base) {
        int colon = target == null ? -1 : Declarations.histogramColon(target);
        return colon < 0 ? null : base.resolve(target.substring(0, colon).trim()).toAbsolutePath().normalize();
    }

    /**
     * Builds one request per sample.
     *
     * @param base the project directory, which relative paths resolve against
     * @throws ConfigException every problem of the declaration
     */
    public static List<DropRequest> requests(Declaration d, Path base) throws ConfigException {
        return requests(d, base, Upstream.none());
    }

    /**
     * As {@link #requests(Declaration, Path)}, with inputs that earlier executions of the pipeline write accepted
     * before they exist (the {@code validate} goal).
     */
    public static List<DropRequest> requests(Declaration d, Path base, Upstream upstream) throws ConfigException {
        Problems problems = new Problems();
        if (d.samples() == null || d.samples().isEmpty()) {
            problems.add("<samples>", "no sample is declared, so there is nothing to drop",
                    "declare <samples><sample><name>DY_taus</name><input>target/adversarial/skim/DY_taus.root</input>"
                            + "</sample></samples>");
            problems.throwIfAny();
        }
        Compression compression = Declarations.compression(d.compression(), "<compression>", problems);
        Declarations.level(d.compressionLevel(), "<compressionLevel>", problems);
        int threads = Declarations.threads(d.threads(), "<threads>", problems);
        long seed = d.seed() == null ? TRandom3.DEFAULT_SEED : d.seed();
        if ((seed & 0xFFFFFFFFL) == 0) {
            problems.add("<seed>", "seed " + seed + " would make TRandom3 time-based, not reproducible",
                    "use any other seed; 4357 is ROOT's default, which the reference uses");
        }
        TH1 shared = null;
        boolean sharedDeclared = !blank(d.target()) || !blank(d.targetBins());
        if (sharedDeclared) {
            shared = target(d.target(), d.targetBins(), d.targetContents(), "", base, problems, upstream);
        }
        List<DropRequest> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < d.samples().size(); i++) {
            Sample s = d.samples().get(i);
            String name = s.name() == null ? "" : s.name().trim();
            String el = "<samples><sample name=\"" + name + "\">";
            if (name.isEmpty() || !Declarations.validName(name)) {
                problems.add("<samples>", "sample " + (i + 1) + (name.isEmpty() ? " has no <name>"
                        : " has the name '" + name + "', which cannot name a file"), "give every <sample> a <name> of"
                        + " letters, digits and _ . + -, e.g. DY_taus; it names the output file");
                continue;
            }
            if (!names.add(name)) {
                problems.add(el, "two samples are named " + name, "give every <sample> its own <name>");
            }
            Path input = Declarations.existingFile(base, s.input(), el + "<input>", "input", problems, upstream);
            TH1 target;
            if (!blank(s.target()) || !blank(s.targetBins())) {
                target = target(s.target(), s.targetBins(), s.targetContents(), el, base, problems, upstream);
            } else if (sharedDeclared) {
                target = shared;
            } else {
                problems.add(el + "<target>", name + " has no target spectrum, and the goal declares none",
                        "give <target>datacard.root:mt_inclusive/EMB</target> (a TH1 in a ROOT file), or"
                                + " <targetBins> and <targetContents>, for the goal or for the sample");
                target = null;
            }
            Long entries = s.entries() != null ? s.entries() : d.entries();
            long n = entries == null ? -1 : entries;
            if (n == 0 || n < -1) {
                problems.add(el + "<entries>", "must be a positive number of entries, or -1 for all, got " + n,
                        "give the entries to examine, or leave it out to examine all");
                n = -1;
            }
            if (input != null && target != null && problems.isEmpty()) {
                out.add(new DropRequest(name, el, input, orDefault(d.tree(), "taus"), orDefault(d.branch(), "tau_pt"),
                        target, n, seed, d.outputDirectory().resolve(name + ".root"), compression,
                        d.compressionLevel(), threads));
            }
        }
        problems.throwIfAny();
        return out;
    }

    private static TH1 target(String file, String bins, String contents, String el, Path base, Problems problems,
                              Upstream upstream) {
        if (!blank(file) && !blank(bins)) {
            problems.add(el + "<target>", "both a target histogram and <targetBins> are declared",
                    "keep one of them");
            return null;
        }
        if (!blank(file)) {
            return Declarations.histogram(base, file.trim(), el + "<target>", problems, upstream);
        }
        double[] edges = Declarations.edges(bins, el + "<targetBins>", problems);
        if (blank(contents)) {
            problems.add(el + "<targetContents>", "<targetBins> is declared without <targetContents>",
                    "give the target's content of each bin, comma-separated");
            return null;
        }
        double[] c = Declarations.numbers(contents, el + "<targetContents>", problems);
        if (edges == null || c == null) {
            return null;
        }
        if (c.length != edges.length - 1) {
            problems.add(el + "<targetContents>", (edges.length - 1) + " bins need " + (edges.length - 1)
                    + " contents, got " + c.length, "give one content per bin of <targetBins>");
            return null;
        }
        for (double x : c) {
            if (!(x >= 0)) {
                problems.add(el + "<targetContents>", "contents must not be negative, got " + x,
                        "give counts or a density, all ≥ 0");
                return null;
            }
        }
        double[] all = new double[c.length + 2];
        System.arraycopy(c, 0, all, 1, c.length);
        return new TH1("target", "declared target", "TH1D", edges, all, new double[0], 0);
    }
}
