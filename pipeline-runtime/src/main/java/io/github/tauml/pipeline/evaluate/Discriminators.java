package io.github.tauml.pipeline.evaluate;

/**
 * DeepTau discriminators from the 4 class probabilities, ordered e, μ, τ, jet (TauMLTools {@code common.py}), as
 * {@code apply_adversarial_training.py::DeepTauVSjet} computes them (reference §3.1): D_x = p_τ/(p_τ + p_x), without
 * an epsilon, in float32 like the reference's numpy arrays.
 */
public final class Discriminators {
    /** Class indices of the network output. */
    public static final int E = 0, MU = 1, TAU = 2, JET = 3;
    /** Number of classes. */
    public static final int CLASSES = 4;

    private Discriminators() {
    }

    /** D_x = p_τ/(p_τ + p_x); NaN when both are 0. */
    public static float vs(float pTau, float pOther) {
        return pTau / (pTau + pOther);
    }

    /**
     * D_x for every row of {@code probabilities} (row-major, {@code [n, 4]}), against class {@code other}.
     *
     * @throws IllegalArgumentException if the array is not a whole number of 4-wide rows
     */
    public static float[] vs(float[] probabilities, int other) {
        if (probabilities.length % CLASSES != 0) {
            throw new IllegalArgumentException("probabilities must be [n, 4] row-major, got " + probabilities.length
                    + " values");
        }
        int n = probabilities.length / CLASSES;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = vs(probabilities[i * CLASSES + TAU], probabilities[i * CLASSES + other]);
        }
        return d;
    }
}
