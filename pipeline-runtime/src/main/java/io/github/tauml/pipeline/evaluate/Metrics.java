package io.github.tauml.pipeline.evaluate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one model's evaluation, as written to {@code metrics.json} under the model's name. Keys:
 * <ul>
 *   <li>{@value #CHI2_NDF_DJET}, {@code chi2_djet}, {@code ndf_djet}, {@code chi2_pvalue_djet}: data against weighted
 *   simulation in the D_jet window (§5), both statistical errors;</li>
 *   <li>{@value #KS_DJET}: weighted two-sample KS distance of D_jet in the window (data unit weights, simulation
 *   {@code weights});</li>
 *   <li>{@code rms_ratio_top10}, {@code rms_ratio_top20}, {@value #TOP_BIN_RATIO}: the notebook's ratio statistics
 *   (§6);</li>
 *   <li>{@value #ADV_AUC}: weighted ROC AUC of {@code y_pred_adv} separating data from simulation (0.5 = cannot);
 *   absent without the adversarial head;</li>
 *   <li>{@value #AUC_TAU_VS_JET}, {@code auc_tau_vs_e}, {@code auc_tau_vs_mu}: weighted ROC AUC of D_x for true τh
 *   against true x on the classification evaluation set;</li>
 *   <li>{@code tau_eff_vsjet_<WP>}, {@code jet_misid_vsjet_<WP>}: τh efficiency and jet mis-identification rate at
 *   each VSjet working point, same set;</li>
 *   <li>{@value #TRUE_AUC_DATA}: toy inputs only, AUC of D_jet for data candidates whose toy truth is τh (2) against
 *   those whose truth is a jet (3), unit weights, over the whole D_jet range; candidates without a generator object
 *   (−1) and leptons are left out, as the jet class of the training holds generator-matched jets only;</li>
 *   <li>{@code n_data}, {@code n_simulation}, {@code sumw_simulation}: counts in the D_jet window.</li>
 * </ul>
 * A value that cannot be computed (no class predictions, no head) is left out rather than written as a number.
 */
public final class Metrics {
    public static final String CHI2_NDF_DJET = "chi2_ndf_djet", KS_DJET = "ks_djet", TOP_BIN_RATIO = "top_bin_ratio",
            ADV_AUC = "adv_auc", AUC_TAU_VS_JET = "auc_tau_vs_jet", TRUE_AUC_DATA = "true_auc_tau_vs_jet_data";

    private Metrics() {
    }

    /**
     * What a {@code metrics.json} key means, in a line for the report's readers; empty for an unknown key. Spreads
     * and means over checkpoints are described by their metric.
     */
    public static String describe(String key) {
        if (key.endsWith("_checkpoint_mean")) {
            String m = describe(key.substring(0, key.length() - "_checkpoint_mean".length()));
            return "mean over the kept epoch-end checkpoints" + (m.isEmpty() ? "" : " of: " + m);
        }
        if (key.endsWith("_checkpoint_sd")) {
            return "standard deviation over the kept epoch-end checkpoints";
        }
        if (key.startsWith("tau_eff_vsjet_")) {
            return "\u03c4h efficiency at the " + key.substring(14) + " VSjet working point (classification set)";
        }
        if (key.startsWith("jet_misid_vsjet_")) {
            return "jet mis-identification rate at the " + key.substring(16) + " VSjet working point";
        }
        return switch (key) {
            case CHI2_NDF_DJET -> "\u03c7\u00b2/ndf of data against weighted simulation in the D_jet window, both"
                    + " statistical errors (1 = agreement within statistics)";
            case "chi2_djet" -> "\u03c7\u00b2 of the same";
            case "ndf_djet" -> "its degrees of freedom (bins with an error; no parameter is fitted)";
            case "chi2_pvalue_djet" -> "its p-value";
            case KS_DJET -> "Kolmogorov\u2013Smirnov distance of data and weighted simulation in the window";
            case "rms_ratio_top10", "rms_ratio_top20" -> "RMS of (data/simulation \u2212 1) over the top "
                    + key.substring(13) + " bins of the window";
            case TOP_BIN_RATIO -> "data/simulation in the highest D_jet bin";
            case ADV_AUC -> "how well the adversary's y_adv tells data from simulation (0.5: it cannot)";
            case AUC_TAU_VS_JET -> "ROC AUC, true \u03c4h against true jets, simulation (classification set)";
            case "auc_tau_vs_e" -> "ROC AUC, true \u03c4h against true electrons";
            case "auc_tau_vs_mu" -> "ROC AUC, true \u03c4h against true muons";
            case TRUE_AUC_DATA -> "ROC AUC, \u03c4h against jets in data by the toy's truth (toy only)";
            case "n_data" -> "data candidates in the window";
            case "n_simulation" -> "simulated candidates in the window";
            case "sumw_simulation" -> "their sum of weights";
            case "checkpoints" -> "epoch-end checkpoints evaluated";
            default -> "";
        };
    }

    /** Whether a difference between two models' values of {@code key} means something (not for counts, spreads). */
    public static boolean comparable(String key) {
        return !key.endsWith("_checkpoint_sd") && !key.startsWith("n_") && !key.equals("sumw_simulation")
                && !key.equals("checkpoints") && !key.equals("ndf_djet");
    }

    /**
     * Computes every metric of one model.
     *
     * @param adversarial predictions on the adversarial evaluation mix
     * @param classes     predictions on the classification evaluation set, or null (no ROC metrics)
     * @return metric name → value, in a fixed order, unmodifiable
     */
    public static Map<String, Double> compute(AdversarialPredictions adversarial, ClassPredictions classes,
                                              DjetBinning binning, List<WorkingPoint> workingPoints) {
        Map<String, Double> m = new LinkedHashMap<>();
        DjetComparison cmp = DjetComparison.of(adversarial, binning);
        Agreement.Chi2 chi2 = cmp.chi2();
        m.put(CHI2_NDF_DJET, chi2.perNdf());
        m.put(KS_DJET, ksDjet(adversarial, binning));
        m.put("rms_ratio_top10", Agreement.rmsRatioTop(cmp.data(), cmp.simulation(), 10));
        m.put("rms_ratio_top20", Agreement.rmsRatioTop(cmp.data(), cmp.simulation(), 20));
        m.put(TOP_BIN_RATIO, Agreement.topBinRatio(cmp.data(), cmp.simulation()));
        m.put("chi2_djet", chi2.chi2());
        m.put("ndf_djet", (double) chi2.ndf());
        m.put("chi2_pvalue_djet", chi2.pValue());
        if (adversarial.hasAdversarialHead()) {
            boolean[] data = new boolean[adversarial.size()];
            boolean[] sim = new boolean[adversarial.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = adversarial.y()[i] == 1;
                sim[i] = !data[i];
            }
            m.put(ADV_AUC, Roc.auc(adversarial.yPredAdv(), data, sim, adversarial.weights()));
        }
        if (classes != null) {
            m.put(AUC_TAU_VS_JET, tauVs(classes, Discriminators.JET).auc());
            m.put("auc_tau_vs_e", tauVs(classes, Discriminators.E).auc());
            m.put("auc_tau_vs_mu", tauVs(classes, Discriminators.MU).auc());
            float[] d = classes.discriminator(Discriminators.JET);
            boolean[] tau = is(classes.yClass(), Discriminators.TAU);
            boolean[] jet = is(classes.yClass(), Discriminators.JET);
            for (WorkingPoint wp : workingPoints) {
                double[] r = Roc.rates(d, tau, jet, classes.weight(), wp.threshold());
                m.put("tau_eff_vsjet_" + wp.name(), r[0]);
                m.put("jet_misid_vsjet_" + wp.name(), r[1]);
            }
        }
        if (adversarial.hasToyTruth()) {
            int n = adversarial.size();
            boolean[] tau = new boolean[n];
            boolean[] jet = new boolean[n];
            for (int i = 0; i < n; i++) {
                boolean data = adversarial.y()[i] == 1;
                tau[i] = data && adversarial.toyTruthTauType()[i] == Discriminators.TAU;
                jet[i] = data && adversarial.toyTruthTauType()[i] == Discriminators.JET;
            }
            if (any(tau) && any(jet)) {
                m.put(TRUE_AUC_DATA, Roc.auc(adversarial.djet(), tau, jet, Agreement.ones(n)));
            }
        }
        m.put("n_data", cmp.data().total());
        double nSim = 0;
        for (int i = 0; i < adversarial.size(); i++) {
            nSim += adversarial.y()[i] == 0 && binning.contains(adversarial.djet()[i]) ? 1 : 0;
        }
        m.put("n_simulation", nSim);
        m.put("sumw_simulation", cmp.simulation().total());
        m.values().removeIf(v -> v == null || !Double.isFinite(v));
        return Collections.unmodifiableMap(m);
    }

    /** The agreement metrics also reported over checkpoints: {@code <key>_checkpoint_mean} and {@code _checkpoint_sd}. */
    public static final List<String> CHECKPOINT_METRICS = List.of(CHI2_NDF_DJET, KS_DJET, "rms_ratio_top10",
            "rms_ratio_top20", TOP_BIN_RATIO, ADV_AUC);

    /**
     * Mean and sample standard deviation of the {@link #CHECKPOINT_METRICS} over several checkpoints' predictions:
     * keys {@code <metric>_checkpoint_mean}, {@code <metric>_checkpoint_sd} (absent for a single checkpoint) and
     * {@code checkpoints} (how many).
     */
    public static Map<String, Double> checkpointKeys(List<AdversarialPredictions> checkpoints, DjetBinning binning) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (checkpoints.isEmpty()) {
            return out;
        }
        List<Map<String, Double>> each = new java.util.ArrayList<>();
        for (AdversarialPredictions p : checkpoints) {
            each.add(compute(p, null, binning, List.of()));
        }
        for (String k : CHECKPOINT_METRICS) {
            org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
                    new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
            for (Map<String, Double> m : each) {
                if (m.containsKey(k)) {
                    s.addValue(m.get(k));
                }
            }
            if (s.getN() == checkpoints.size()) {
                out.put(k + "_checkpoint_mean", s.getMean());
                if (s.getN() > 1) {
                    out.put(k + "_checkpoint_sd", s.getStandardDeviation());
                }
            }
        }
        out.put("checkpoints", (double) checkpoints.size());
        return out;
    }

    /** Weighted KS distance of D_jet in the window: data with unit weights, simulation with {@code weights}. */
    public static double ksDjet(AdversarialPredictions p, DjetBinning binning) {
        int nd = 0, ns = 0;
        for (int i = 0; i < p.size(); i++) {
            if (binning.contains(p.djet()[i])) {
                if (p.y()[i] == 1) {
                    nd++;
                } else {
                    ns++;
                }
            }
        }
        float[] xd = new float[nd], xs = new float[ns], ws = new float[ns];
        nd = 0;
        ns = 0;
        for (int i = 0; i < p.size(); i++) {
            if (binning.contains(p.djet()[i])) {
                if (p.y()[i] == 1) {
                    xd[nd++] = p.djet()[i];
                } else {
                    xs[ns] = p.djet()[i];
                    ws[ns++] = p.weights()[i];
                }
            }
        }
        return Agreement.ks(xd, Agreement.ones(nd), xs, ws);
    }

    /** ROC of D_x for true τh (signal) against true class {@code other} (background), classification weights. */
    public static Roc tauVs(ClassPredictions c, int other) {
        return Roc.of(c.discriminator(other), is(c.yClass(), Discriminators.TAU), is(c.yClass(), other), c.weight());
    }

    static boolean[] is(int[] y, int k) {
        boolean[] b = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = y[i] == k;
        }
        return b;
    }

    private static boolean any(boolean[] b) {
        for (boolean v : b) {
            if (v) {
                return true;
            }
        }
        return false;
    }
}
