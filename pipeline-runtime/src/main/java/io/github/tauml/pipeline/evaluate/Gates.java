package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.config.QualityGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Judges {@link QualityGate}s against the evaluated metrics. */
public final class Gates {
    private Gates() {
    }

    /**
     * The verdict on one gate.
     *
     * @param value the compared quantity (the metric, its drop, difference or ratio); NaN when it could not be formed
     */
    public record Outcome(QualityGate gate, boolean passed, double value, String message) {
    }

    /**
     * Judges every gate. A gate whose metric was not computed for a model (no class predictions, no adversarial head)
     * fails, saying so.
     *
     * @param metrics model → metric → value, as in {@code metrics.json}
     */
    public static List<Outcome> judge(List<QualityGate> gates, Map<String, Map<String, Double>> metrics) {
        List<Outcome> out = new ArrayList<>();
        for (QualityGate g : gates) {
            Double v = value(metrics, g.model(), g.metric());
            Double r = g.kind().relative() ? value(metrics, g.reference(), g.metric()) : Double.valueOf(0);
            if (v == null || r == null) {
                String which = v == null ? g.model() : g.reference();
                out.add(new Outcome(g, false, Double.NaN, g.describe() + ": FAILED, " + g.metric()
                        + " was not computed for " + which + " (see metrics.json; ROC metrics need the class"
                        + " predictions, adv_auc an adversarial head, true_auc_tau_vs_jet_data toy truth)"));
                continue;
            }
            double x = switch (g.kind()) {
                case MAX, MIN -> v;
                case MAX_DROP -> r - v;
                case MAX_ABS_DIFFERENCE -> Math.abs(v - r);
                case MAX_RATIO -> v / r;
            };
            boolean pass = g.kind() == QualityGate.Kind.MIN ? x >= g.limit() : x <= g.limit();
            String shown = switch (g.kind()) {
                case MAX, MIN -> fmt(v);
                default -> fmt(x) + " (" + g.model() + " " + fmt(v) + ", " + g.reference() + " " + fmt(r) + ")";
            };
            out.add(new Outcome(g, pass, x, g.describe() + ": " + (pass ? "passed" : "FAILED") + ", value "
                    + shown + ", limit " + QualityGate.plain(g.limit())));
        }
        return out;
    }

    private static Double value(Map<String, Map<String, Double>> metrics, String model, String metric) {
        Map<String, Double> m = metrics.get(model);
        Double v = m == null ? null : m.get(metric);
        return v == null || !Double.isFinite(v) ? null : v;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
