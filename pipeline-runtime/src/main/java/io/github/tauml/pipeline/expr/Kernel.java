package io.github.tauml.pipeline.expr;

/**
 * A compiled expression: one generated class per expression, whose methods loop over a batch's entries with the
 * whole expression inlined in the loop body. {@code values[k]} and {@code offsets[k]} are the flattened values and
 * the entry offsets (null unless jagged or vector) of the k-th branch the expression uses, and {@code offsets[branch
 * count + k]} the inner offsets of a {@code vector<vector<T>>} branch (lists to values); {@code first} is the
 * number of the batch's first entry ({@code Entry$}) and {@code total} the tree's entries ({@code Entries$}).
 */
interface Kernel {

    /** {@code out[i]} = the expression of entry i, converted to bool as a C++ condition is. */
    void mask(Object[] values, int[][] offsets, int entries, boolean[] out, long first, long total);

    /**
     * {@code out[i]} = the expression of entry i; {@code out} is the primitive array of the result type. For a
     * vector-valued expression {@code out} is {@code Object[] {values, int[] offsets}}: the elements are appended to
     * the values array (replaced by a larger one when full) and {@code offsets[i + 1]} is set to their end.
     */
    void values(Object[] values, int[][] offsets, int entries, Object out, long first, long total);
}
