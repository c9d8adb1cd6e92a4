package io.github.tauml.pipeline.features;

import java.util.Objects;

/**
 * One input feature: its TauMLTools name, how it is computed and scaled.
 *
 * @param name       the TauMLTools feature name, e.g. {@code pfCand_ele_rel_pt}
 * @param expression a ROOT C++ expression (see {@code expr.Expression}) over the input branches. For τ-level
 *                   features: the tree's scalar branches. For object features: the collection's vector branches
 *                   as scalars of the one object (e.g. {@code pfCand_pt}), the tree's scalar branches (e.g.
 *                   {@code tau_pt}), and {@code deltaEta} = η − η_τ, {@code deltaPhi} = φ − φ_τ wrapped into
 *                   [−π, π], {@code deltaR}
 * @param when       optional validity condition (TauMLTools' selection column); where it is false, or the
 *                   value is not finite, the scaled feature is 0 as the reference leaves it unfilled; blank
 *                   for always
 * @param scaling    how the value is scaled
 */
public record Feature(String name, String expression, String when, Scaling scaling) implements java.io.Serializable {
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(scaling, "scaling");
        when = when == null ? "" : when;
    }

    public static Feature of(String name, String expression, Scaling scaling) {
        return new Feature(name, expression, "", scaling);
    }

    public static Feature of(String name, String expression, String when, Scaling scaling) {
        return new Feature(name, expression, when, scaling);
    }

    /** A feature that is a branch of the same name. */
    public static Feature branch(String name, Scaling scaling) {
        return new Feature(name, name, "", scaling);
    }
}
