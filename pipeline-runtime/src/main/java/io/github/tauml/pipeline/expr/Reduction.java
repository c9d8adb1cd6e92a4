package io.github.tauml.pipeline.expr;

/** What a {@link Node.Reduce} computes from the elements of its vector(s) in one entry. */
enum Reduction {
    /** RVec's {@code Sum}: accumulated in the element type (a bool vector in size_t), as std::accumulate does. */
    SUM,
    /** RVec's {@code Mean}: {@code double(Sum(v)) / v.size()}, 0 for an empty vector. */
    MEAN,
    /** RVec's {@code Max}: the first greatest element; an empty vector fails the entry (C++ dereferences end()). */
    MAX,
    MIN,
    /** RVec's {@code ArgMax}: index (size_t) of the first greatest element, 0 for an empty vector. */
    ARGMAX,
    ARGMIN,
    ANY,
    ALL,
    /** {@code size()} of a computed vector, a size_t. */
    SIZE,
    /** RVec's {@code InvariantMass(pt, eta, phi, mass)} of all the particles of the collection. */
    INVARIANT_MASS,
    /** TTree::Draw's {@code Length$}: the number of instances, an int. */
    DRAW_LENGTH,
    /** TTree::Draw's {@code Sum$}, in double. */
    DRAW_SUM,
    /** TTree::Draw's {@code Min$} and {@code Max$}, in double; 0 without instances. */
    DRAW_MIN,
    DRAW_MAX,
    /** TTree::Draw's {@code MinIf$(value, condition)} and {@code MaxIf$}; 0 if no instance passes. */
    DRAW_MIN_IF,
    DRAW_MAX_IF
}
