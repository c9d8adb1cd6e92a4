package io.github.tauml.pipeline.model;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Where the network's parameters come from while the graph is built: trainable {@code VariableV2}s
 * ({@link VariableStore}) or constants holding given values (a frozen graph).
 */
interface Params {
    /** How a parameter starts. */
    enum Init { HE_UNIFORM, ZEROS, ONES }

    /**
     * The parameter {@code <layer>/<param>} of {@code shape}.
     *
     * @param fanIn     input units of the layer, for he_uniform
     * @param trainable false for the BatchNorm moving statistics
     */
    Operand<TFloat32> get(String layer, String param, long[] shape, Init init, int fanIn, boolean trainable);
}
