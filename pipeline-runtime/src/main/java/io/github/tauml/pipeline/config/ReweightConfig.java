package io.github.tauml.pipeline.config;

import static io.github.tauml.pipeline.config.Declarations.blank;
import static io.github.tauml.pipeline.config.Declarations.orDefault;

import io.github.tauml.pipeline.dataset.ReweightRequest;
import io.github.tauml.pipeline.dataset.ReweightRequest.Mode;
import io.github.tauml.pipeline.dataset.ReweightRequest.Normalisation;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code reweight} goal's declaration (reference §2.5) and its validation, every problem at once. */
public final class ReweightConfig {
    private ReweightConfig() {
    }

    /**
     * The goal's parameters.
     *
     * @param contributions  the contributions (shared with the mix)
     * @param mode           {@code total-simulation} (the example's) or {@code per-contribution}
     * @param normalisation  {@code none}, {@code unit-mean} or {@code data-count}
     * @param bins           the weight histograms' bin edges, comma-separated
     * @param ptBranch       {@code tau_pt}
     * @param tree           the inputs' tree ({@code taus})
     * @param cap            the weight cap; null: none
     * @param weightsFile    a user-supplied weights file to use instead, or null
     * @param output         the weights file written ({@code target/adversarial/reweight/adv_weights.root})
     */
    public record Declaration(List<ContributionDeclaration> contributions, String mode, String normalisation,
                              String bins, String ptBranch, String tree, Double cap, String weightsFile, Path output,
                              int threads) {
    }

    public static ReweightRequest request(Declaration d, Path base) throws ConfigException {
        return request(d, base, Upstream.none());
    }

    /**
     * As {@link #request(Declaration, Path)}, with inputs that earlier executions of the pipeline write accepted
     * before they exist (the {@code validate} goal).
     */
    public static ReweightRequest request(Declaration d, Path base, Upstream upstream) throws ConfigException {
        Problems problems = new Problems();
        if (d.contributions() == null || d.contributions().isEmpty()) {
            problems.add("<contributions>", "no contribution is declared", "declare the mix's <contributions>"
                    + " (at the plugin level, so that reweight and mix share them)");
            problems.throwIfAny();
        }
        Mode mode = switch (orDefault(d.mode(), "total-simulation").toLowerCase(Locale.ROOT)) {
            case "total-simulation" -> Mode.TOTAL_SIMULATION;
            case "per-contribution" -> Mode.PER_CONTRIBUTION;
            default -> {
                problems.add("<mode>", "unknown mode '" + d.mode() + "'", "use total-simulation (one data / total"
                        + " simulation ratio per bin) or per-contribution (a target per contribution)");
                yield Mode.TOTAL_SIMULATION;
            }
        };
        Normalisation norm = switch (orDefault(d.normalisation(), "data-count").toLowerCase(Locale.ROOT)) {
            case "none" -> Normalisation.NONE;
            case "unit-mean" -> Normalisation.UNIT_MEAN;
            case "data-count" -> Normalisation.DATA_COUNT;
            default -> {
                problems.add("<normalisation>", "unknown normalisation '" + d.normalisation() + "'",
                        "use data-count, unit-mean or none");
                yield Normalisation.NONE;
            }
        };
        double cap = d.cap() == null ? Double.POSITIVE_INFINITY : d.cap();
        if (!(cap > 0)) {
            problems.add("<cap>", "the weight cap must be positive, got " + d.cap(), "give a cap such as 10, or"
                    + " leave it out for none");
            cap = Double.POSITIVE_INFINITY;
        }
        int threads = Declarations.threads(d.threads(), "<threads>", problems);
        Path weightsFile = blank(d.weightsFile()) ? null
                : Declarations.existingFile(base, d.weightsFile(), "<weightsFile>", "weights file", problems,
                upstream);
        double[] edges = null;
        if (blank(d.weightsFile())) {
            if (blank(d.bins())) {
                problems.add("<bins>", "no bin edges for the weight histograms", "give the edges, e.g. the"
                        + " reference's 30, 35, 40, 45, 50, 55, 60, 65, 70, 80, 90, 100, 120, 140, 200, 400");
            } else {
                edges = Declarations.edges(d.bins(), "<bins>", problems);
            }
        }
        java.util.Map<String, String> histogramOf = new java.util.HashMap<>();
        for (ContributionDeclaration c : d.contributions()) {
            if (!blank(c.name())) {
                histogramOf.put(c.name().trim(), c.weightsName());
            }
        }
        List<ReweightRequest.Contribution> out = new ArrayList<>();
        Set<String> histograms = new HashSet<>();
        for (int i = 0; i < d.contributions().size(); i++) {
            ContributionDeclaration c = d.contributions().get(i);
            if (blank(c.name()) || !Declarations.validName(c.name().trim())) {
                problems.add("<contributions>", "contribution " + (i + 1) + " has " + (blank(c.name()) ? "no <name>"
                        : "the name '" + c.name() + "', which cannot name a histogram"), "give every <contribution>"
                        + " a <name> of letters, digits and _ . + -");
                continue;
            }
            String el = c.element();
            String hist = c.weightsName();
            if (!histograms.add(hist)) {
                problems.add(el + "<weights>", "two contributions write the weight histogram '" + hist + "'",
                        "give each contribution its own <weights> name");
            }
            Path input = null;
            if (blank(d.weightsFile())) {
                input = Declarations.existingFile(base, c.input(), el + "<input>", "input", problems, upstream);
            }
            int perBatch = c.perBatch() == null ? 0 : c.perBatch();
            if (mode == Mode.TOTAL_SIMULATION && blank(d.weightsFile()) && perBatch < 1) {
                problems.add(el + "<perBatch>", c.name() + ": the total simulation is composed with the entries per"
                        + " batch, and " + (c.perBatch() == null ? "none is declared" : perBatch + " is not one"),
                        "give its entries per batch, e.g. <perBatch>36</perBatch>");
            }
            ReweightRequest.Target target = null;
            if (!blank(c.target())) {
                if (mode != Mode.PER_CONTRIBUTION) {
                    problems.add(el + "<target>", "a target is declared, but the mode is " + orDefault(d.mode(),
                            "total-simulation"), "set <mode>per-contribution</mode>, or remove the <target>");
                } else if (histogramOf.containsKey(c.target().trim())) {
                    // Reweight names contributions by their weight histogram.
                    target = new ReweightRequest.FromSample(histogramOf.get(c.target().trim()));
                } else {
                    TH1 h = Declarations.histogram(base, c.target().trim(), el + "<target>", problems, upstream);
                    target = h == null ? null : new ReweightRequest.FromHistogram(h, c.target().trim());
                }
            }
            out.add(new ReweightRequest.Contribution(hist, el, input, orDefault(c.tree(), orDefault(d.tree(),
                    "taus")), perBatch, c.isData(), target));
        }
        problems.throwIfAny();
        return new ReweightRequest(out, mode, norm, edges, orDefault(d.ptBranch(), "tau_pt"), cap, weightsFile,
                d.output(), threads);
    }
}
