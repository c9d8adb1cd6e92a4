package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The pT-weight stage (reference §2.5; TauMLTools has no script for it): one TH1D of weights per contribution, named
 * as declared ({@code data DYT TTT DYM TTJ WJ QCD}), computed from the contributions' pT spectra or taken from a
 * user-supplied file.
 *
 * @param contributions the contributions, each named as its weight histogram
 * @param mode          how the weights are computed
 * @param normalisation how they are scaled
 * @param edges         the bin edges of the weight histograms (GeV), e.g. the reference's 15 pT bins
 * @param ptBranch      the spectrum's branch ({@code tau_pt})
 * @param cap           weights above it are set to it, with a warning per bin; {@code +∞} for no cap
 * @param weightsFile   a user-supplied weights file to use instead of computing them (its histograms are checked
 *                      against the contribution names and copied), or null
 * @param output        the weights ROOT file ({@code adv_weights.root})
 * @param threads       threads decoding input branches
 */
public record ReweightRequest(List<Contribution> contributions, Mode mode, Normalisation normalisation,
                              double[] edges, String ptBranch, double cap, Path weightsFile, Path output,
                              int threads) {

    /** How the weights are computed. */
    public enum Mode {
        /**
         * One ratio per bin, data over total simulation, applied to every simulated contribution; data get weight 1.
         * The total simulation is composed as the mix composes a batch: each contribution's normalised spectrum
         * times its entries per batch, so the weighted simulation half of a batch has data's spectrum, whatever the
         * sizes of the input files. For analyses (and the toy) without per-process target spectra.
         */
        TOTAL_SIMULATION,
        /**
         * Per contribution, its target over its observed spectrum per bin; the target is a TH1 (a datacard's
         * per-process spectrum) or another declared sample's observed spectrum. Contributions without a target
         * get weight 1.
         */
        PER_CONTRIBUTION
    }

    /** How the weights are scaled. */
    public enum Normalisation {
        /** As computed: target over observed. */
        NONE,
        /** The mean weight of a contribution's entries (per-contribution mode) or of a batch's simulated entries
         *  (total-simulation mode) is 1. */
        UNIT_MEAN,
        /** The weighted count equals the data count: a contribution's weighted entries equal the data
         *  contribution's entries (per-contribution mode); a batch's weighted simulation equals its data entries
         *  (total-simulation mode, where this is what the ratio gives). */
        DATA_COUNT
    }

    /** A target spectrum: a histogram, or the observed spectrum of another declared contribution. */
    public sealed interface Target permits FromHistogram, FromSample {
    }

    /** A TH1 target, and where it came from ({@code datacard.root:mt_inclusive/EMB}) for messages. */
    public record FromHistogram(TH1 histogram, String source) implements Target {
    }

    /** The observed spectrum of the declared contribution {@code sample}. */
    public record FromSample(String sample) implements Target {
    }

    /**
     * One contribution.
     *
     * @param name     the weight histogram's name ({@code DYT})
     * @param element  the pom element that declares it, for errors
     * @param input    its (skimmed) ROOT file; may be null when a weights file is supplied
     * @param tree     its tree
     * @param perBatch its entries per mixed batch (total-simulation mode)
     * @param data     whether it is data
     * @param target   its target (per-contribution mode), or null
     */
    public record Contribution(String name, String element, Path input, String tree, int perBatch, boolean data,
                               Target target) {
        public Contribution {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(element, "element");
        }
    }

    public ReweightRequest {
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(ptBranch, "ptBranch");
        Objects.requireNonNull(output, "output");
        if (contributions.isEmpty()) {
            throw new IllegalArgumentException("no contribution to weight");
        }
        Set<String> names = new HashSet<>();
        for (Contribution c : contributions) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("contribution '" + c.name() + "' is declared twice");
            }
        }
        if (weightsFile == null) {
            Objects.requireNonNull(edges, "edges");
            edges = edges.clone();
            new TH1("check", "", "TH1D", edges, new double[edges.length + 1], new double[0], 0);
        }
        if (!(cap > 0)) {
            throw new IllegalArgumentException("the weight cap must be positive, got " + cap);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
    }

    @Override
    public double[] edges() {
        return edges == null ? null : edges.clone();
    }
}
