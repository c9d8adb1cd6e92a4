package io.github.tauml.pipeline.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the pom's {@code <gates>} into {@link QualityGate}s, reporting every problem at once: an unknown metric (with
 * the known ones), an unknown model, no limit or more than one limit in a gate.
 */
public final class QualityGates {
    /** The metrics a gate may name (those of {@code evaluate.Metrics}); working-point keys are matched by pattern. */
    public static final List<String> METRICS = List.of("chi2_ndf_djet", "ks_djet", "rms_ratio_top10",
            "rms_ratio_top20", "top_bin_ratio", "chi2_djet", "ndf_djet", "chi2_pvalue_djet", "adv_auc",
            "auc_tau_vs_jet", "auc_tau_vs_e", "auc_tau_vs_mu", "true_auc_tau_vs_jet_data", "n_data", "n_simulation",
            "sumw_simulation");
    private static final Pattern WP_METRIC = Pattern.compile("(tau_eff|jet_misid)_vsjet_[A-Za-z0-9_]+"
            + "|(chi2_ndf_djet|ks_djet|rms_ratio_top10|rms_ratio_top20|top_bin_ratio|adv_auc)_checkpoint_(mean|sd)"
            + "|checkpoints");

    private QualityGates() {
    }

    /**
     * One {@code <gate>} as written: exactly one of the limits is set.
     *
     * @param model     null: {@code adversarial}
     * @param reference null: {@code default}
     */
    public record Declaration(String metric, String model, String reference, Double max, Double min, Double maxDrop,
                              Double maxAbsDifference, Double maxRatio) {
    }

    /**
     * Validates every declaration against the evaluated models.
     *
     * @param models the model names the evaluation writes ({@code default}, {@code adversarial})
     * @throws ConfigException listing every problem, each naming {@code <gates><gate index="i">}
     */
    public static List<QualityGate> declare(List<Declaration> declarations, List<String> models)
            throws ConfigException {
        Problems problems = new Problems();
        List<QualityGate> gates = new ArrayList<>();
        Set<String> known = new HashSet<>(models);
        for (int i = 0; i < declarations.size(); i++) {
            Declaration d = declarations.get(i);
            String element = "<gates><gate index=\"" + (i + 1) + "\">";
            String metric = d.metric() == null ? "" : d.metric().trim();
            if (metric.isEmpty()) {
                problems.add(element + "<metric>", "no metric", "name one of " + String.join(", ", METRICS));
            } else if (!METRICS.contains(metric) && !WP_METRIC.matcher(metric).matches()) {
                problems.add(element + "<metric>", "unknown metric '" + metric + "'", "use one of "
                        + String.join(", ", METRICS) + ", tau_eff_vsjet_<WP>, jet_misid_vsjet_<WP>, or <metric>_checkpoint_mean"
                        + " and <metric>_checkpoint_sd over the declared checkpoints");
            }
            String model = blank(d.model()) ? "adversarial" : d.model().trim();
            String reference = blank(d.reference()) ? "default" : d.reference().trim();
            if (!known.contains(model)) {
                problems.add(element + "<model>", "no model named '" + model + "' is evaluated",
                        "use one of " + String.join(", ", models));
            }
            List<QualityGate.Kind> kinds = new ArrayList<>();
            List<Double> limits = new ArrayList<>();
            add(kinds, limits, QualityGate.Kind.MAX, d.max());
            add(kinds, limits, QualityGate.Kind.MIN, d.min());
            add(kinds, limits, QualityGate.Kind.MAX_DROP, d.maxDrop());
            add(kinds, limits, QualityGate.Kind.MAX_ABS_DIFFERENCE, d.maxAbsDifference());
            add(kinds, limits, QualityGate.Kind.MAX_RATIO, d.maxRatio());
            if (kinds.size() != 1) {
                problems.add(element, kinds.isEmpty() ? "no limit" : "more than one limit ("
                                + kinds.stream().map(QualityGate.Kind::element).toList() + ")",
                        "give exactly one of <max>, <min>, <maxDrop>, <maxAbsDifference>, <maxRatio>; declare"
                                + " another <gate> for a second limit");
                continue;
            }
            if (!Double.isFinite(limits.get(0))) {
                problems.add(element + "<" + kinds.get(0).element() + ">", "the limit is not a finite number",
                        "write a number such as 1.3");
                continue;
            }
            if (kinds.get(0).relative() && !known.contains(reference)) {
                problems.add(element + "<reference>", "no model named '" + reference + "' is evaluated",
                        "use one of " + String.join(", ", models));
            }
            if (kinds.get(0).relative() && reference.equals(model)) {
                problems.add(element + "<reference>", "the gate compares " + model + " with itself",
                        "set <model> and <reference> to two different models");
            }
            if (problems.isEmpty()) {
                gates.add(new QualityGate(element, metric, model, reference, kinds.get(0), limits.get(0)));
            }
        }
        problems.throwIfAny();
        return List.copyOf(gates);
    }

    private static void add(List<QualityGate.Kind> kinds, List<Double> limits, QualityGate.Kind k, Double v) {
        if (v != null) {
            kinds.add(k);
            limits.add(v);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
