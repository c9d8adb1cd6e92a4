package io.github.tauml.pipeline.expr;

/**
 * A compiled expression: one generated class per expression, whose methods loop over a batch's entries with the
 * whole expression inlined in the loop body. {@code values[k]} and {@code offsets[k]} are the flattened values and
 * the entry offsets (null unless jagged or vector) of the k-th branch the expression uses.
 */
interface Kernel {

    /** {@code out[i]} = the expression of entry i, converted to bool as a C++ condition is. */
    void mask(Object[] values, int[][] offsets, int entries, boolean[] out);

    /** {@code out[i]} = the expression of entry i; {@code out} is the primitive array of the result type. */
    void values(Object[] values, int[][] offsets, int entries, Object out);
}
