package io.github.tauml.pipeline.config;

import java.util.Objects;

/**
 * A quality bar the evaluation must meet, as declared in the pom ({@code <gates><gate>}): a metric of
 * {@code metrics.json} (reference §6 numbers such as {@code chi2_ndf_djet}, {@code auc_tau_vs_jet}), the model it
 * applies to, and a limit of one {@link Kind}.
 *
 * @param element   the pom element, for messages ({@code <gates><gate index="2">})
 * @param metric    a key of a model's metrics ({@code chi2_ndf_djet}, {@code adv_auc}, ...)
 * @param model     the model judged ({@code adversarial} unless declared)
 * @param reference the model compared against for relative kinds ({@code default} unless declared)
 * @param kind      how value and limit are compared
 * @param limit     the limit
 */
public record QualityGate(String element, String metric, String model, String reference, Kind kind, double limit) {

    /** How a gate compares. */
    public enum Kind {
        /** value(model) ≤ limit. */
        MAX("max"),
        /** value(model) ≥ limit. */
        MIN("min"),
        /** value(reference) − value(model) ≤ limit: how much the model may lose (an AUC drop). */
        MAX_DROP("maxDrop"),
        /** |value(model) − value(reference)| ≤ limit. */
        MAX_ABS_DIFFERENCE("maxAbsDifference"),
        /** value(model) / value(reference) ≤ limit: "at least 1/limit times lower". */
        MAX_RATIO("maxRatio");

        private final String element;

        Kind(String element) {
            this.element = element;
        }

        /** The pom element naming this kind. */
        public String element() {
            return element;
        }

        /** Whether the gate compares two models. */
        public boolean relative() {
            return this == MAX_DROP || this == MAX_ABS_DIFFERENCE || this == MAX_RATIO;
        }
    }

    public QualityGate {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException(element + ": the limit must be a finite number");
        }
    }

    /** The limit as declared: its shortest decimal form ({@code 1.3}, {@code 0.002}). */
    public static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** e.g. {@code chi2_ndf_djet(adversarial) <= 1.3} or {@code auc_tau_vs_jet(default) - auc_tau_vs_jet(adversarial) <= 0.002}. */
    public String describe() {
        String v = metric + "(" + model + ")";
        String r = metric + "(" + reference + ")";
        String l = plain(limit);
        return switch (kind) {
            case MAX -> v + " <= " + l;
            case MIN -> v + " >= " + l;
            case MAX_DROP -> r + " - " + v + " <= " + l;
            case MAX_ABS_DIFFERENCE -> "|" + v + " - " + r + "| <= " + l;
            case MAX_RATIO -> v + " / " + r + " <= " + l;
        };
    }
}
