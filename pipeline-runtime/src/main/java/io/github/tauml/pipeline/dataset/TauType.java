package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.List;
import java.util.Map;

/**
 * The true τ type of a candidate, as TauMLTools' {@code recompute_tautype.py} computes it
 * ({@code GetGenLeptonMatch} and {@code GenMatchToTauType}, reference workflow §2.3): a generator lepton within
 * ΔR &lt; 0.2 above its visible-pT threshold (8 GeV for e and μ, 15 GeV for τh) decides; otherwise a generator
 * jet makes it a jet (or data, for sampleType 0); otherwise −1.
 */
public final class TauType {
    public static final int ELECTRON = 0;
    public static final int MUON = 1;
    public static final int TAU = 2;
    public static final int JET = 3;
    public static final int DATA = 8;
    public static final int NO_MATCH = -1;

    /** The branches the computation reads. */
    public static final List<String> INPUTS = List.of("tau_eta", "tau_phi", "genLepton_index", "genLepton_kind",
            "genLepton_vis_pt", "genLepton_vis_eta", "genLepton_vis_phi", "genJet_index", "sampleType");

    private static final double MAX_DR = 0.2;
    private static final double LEPTON_PT = 8;
    private static final double TAU_PT = 15;

    private TauType() {
    }

    /** One candidate. Throws, as the reference does, for a generator-lepton kind or sample type it cannot map. */
    public static int of(double tauEta, double tauPhi, int genLeptonIndex, int genLeptonKind, double visPt,
                         double visEta, double visPhi, int genJetIndex, int sampleType) {
        if (genLeptonIndex >= 0) {
            if (deltaR(tauEta, tauPhi, visEta, visPhi) > MAX_DR) {
                return NO_MATCH;
            }
            int matched = switch (genLeptonKind) {
                case 1, 3 -> visPt >= LEPTON_PT ? ELECTRON : NO_MATCH;
                case 2, 4 -> visPt >= LEPTON_PT ? MUON : NO_MATCH;
                case 5 -> visPt >= TAU_PT ? TAU : NO_MATCH;
                default -> throw new IllegalArgumentException("unknown genLepton_kind " + genLeptonKind
                        + " (expected 1 to 5)");
            };
            if (matched != NO_MATCH) {
                requireSimulation(sampleType, "a generator lepton match");
            }
            return matched;
        }
        if (genJetIndex >= 0) {
            return switch (sampleType) {
                case 0 -> DATA;
                case 1 -> JET;
                default -> throw new IllegalArgumentException("sampleType " + sampleType
                        + " (embedded samples) is not supported by the jet mapping");
            };
        }
        return NO_MATCH;
    }

    private static void requireSimulation(int sampleType, String what) {
        if (sampleType != 1) {
            throw new IllegalArgumentException("sampleType " + sampleType + " with " + what
                    + ": only simulation (sampleType 1) maps to e, μ or τ");
        }
    }

    /** Computes the column for a batch holding {@link #INPUTS}. */
    public static Column compute(String outputName, Map<String, Column> batch) {
        Column eta = batch.get("tau_eta");
        Column phi = batch.get("tau_phi");
        Column li = batch.get("genLepton_index");
        Column lk = batch.get("genLepton_kind");
        Column vpt = batch.get("genLepton_vis_pt");
        Column veta = batch.get("genLepton_vis_eta");
        Column vphi = batch.get("genLepton_vis_phi");
        Column ji = batch.get("genJet_index");
        Column st = batch.get("sampleType");
        int n = eta.entries();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = of(eta.getDouble(i), phi.getDouble(i), (int) li.getLong(i), (int) lk.getLong(i),
                        vpt.getDouble(i), veta.getDouble(i), vphi.getDouble(i), (int) ji.getLong(i),
                        (int) st.getLong(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry " + i + " of the batch: " + e.getMessage(), e);
            }
        }
        return new Column(outputName, LeafType.INT32, Shape.SCALAR, out, null, 1);
    }

    /** ΔR with Δφ wrapped into [−π, π]. */
    public static double deltaR(double eta1, double phi1, double eta2, double phi2) {
        double deta = eta1 - eta2;
        double dphi = deltaPhi(phi1, phi2);
        return Math.sqrt(deta * deta + dphi * dphi);
    }

    public static double deltaPhi(double phi1, double phi2) {
        double d = phi1 - phi2;
        while (d > Math.PI) {
            d -= 2 * Math.PI;
        }
        while (d <= -Math.PI) {
            d += 2 * Math.PI;
        }
        return d;
    }
}
