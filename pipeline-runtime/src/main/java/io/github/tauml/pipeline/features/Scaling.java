package io.github.tauml.pipeline.features;

import java.util.Locale;

/**
 * How one feature is scaled (§3.1, TauMLTools' {@code Features_all} entries): x' = clamp((x − mean)/std, lim_min,
 * lim_max).
 * <ul>
 *   <li>{@code no_scaling}, {@code categorical}: mean 0, std 1, no clamp (x' = x);</li>
 *   <li>{@code linear} with a range [a, b] (separately for the inner and outer cone where the reference gives
 *       two): mean = (a+b)/2, std = (b−a)/2, clamped to [−1, 1], so [a, b] maps onto [−1, 1];</li>
 *   <li>{@code normal}: mean and std computed from the training sample, clamped to [lo, hi] (±5 in the
 *       reference); computed separately for the inner and outer cone for grid features.</li>
 * </ul>
 *
 * @param type  the scaling type
 * @param a     linear: range start (inner, or global); normal: lim_min
 * @param b     linear: range end (inner, or global); normal: lim_max
 * @param outerA linear: the outer cone's range start (equal to {@code a} when not split)
 * @param outerB linear: the outer cone's range end
 */
public record Scaling(Type type, double a, double b, double outerA, double outerB) implements java.io.Serializable {
    /** The reference's scaling types, by their TauMLTools spelling. */
    public enum Type {
        NO_SCALING("no_scaling"), CATEGORICAL("categorical"), LINEAR("linear"), NORMAL("normal");

        private final String spelling;

        Type(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        /** Parses {@code no_scaling}, {@code no scaling}, {@code categorical}, {@code linear}, {@code normal}. */
        public static Type parse(String s) {
            String k = s.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            for (Type t : values()) {
                if (t.spelling.equals(k)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown scaling type '" + s
                    + "'; use no_scaling, categorical, linear or normal");
        }
    }

    public Scaling {
        if (type == Type.LINEAR && (!(b > a) || !(outerB > outerA))) {
            throw new IllegalArgumentException("a linear range needs min < max, got [" + a + ", " + b + "] / ["
                    + outerA + ", " + outerB + "]");
        }
        if (type == Type.NORMAL && !(b > a)) {
            throw new IllegalArgumentException("normal scaling needs lim_min < lim_max, got [" + a + ", " + b + "]");
        }
    }

    public static final Scaling NONE = new Scaling(Type.NO_SCALING, 0, 0, 0, 0);
    public static final Scaling CATEGORICAL = new Scaling(Type.CATEGORICAL, 0, 0, 0, 0);
    /** {@code normal} clamped to ±5, the reference's only clamp for normal features. */
    public static final Scaling NORMAL = new Scaling(Type.NORMAL, -5, 5, -5, 5);

    public static Scaling linear(double a, double b) {
        return new Scaling(Type.LINEAR, a, b, a, b);
    }

    /** Linear with separate inner ([ia, ib]) and outer ([oa, ob]) ranges, as Δη and Δφ in the reference. */
    public static Scaling linear(double ia, double ib, double oa, double ob) {
        return new Scaling(Type.LINEAR, ia, ib, oa, ob);
    }

    public static Scaling normal(double limMin, double limMax) {
        return new Scaling(Type.NORMAL, limMin, limMax, limMin, limMax);
    }

    /** Whether the linear range differs between the inner and outer cone. */
    public boolean splitByCone() {
        return type == Type.LINEAR && (a != outerA || b != outerB);
    }
}
