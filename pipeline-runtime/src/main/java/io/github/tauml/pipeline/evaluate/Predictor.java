package io.github.tauml.pipeline.evaluate;

import java.util.List;

/**
 * A trained network applied to batches of dense inputs: the exported SavedModel's serving signature, so that what is
 * evaluated is what is shipped. Inputs are fed by name in {@link #inputNames()} order ({@code input_tau},
 * {@code input_inner_egamma}, ..., reference §3.1); outputs are the 4 class probabilities (e, μ, τ, jet) and, for a
 * model with the adversarial head (§3.2), {@code y_adv}.
 */
public interface Predictor extends AutoCloseable {

    /**
     * One batch of network inputs, float32, each row-major {@code [size, ...shape]} (shapes as in the dataset's
     * {@code spec.json}: 43, (11,11,86), ...), in {@link #inputNames()} order.
     */
    record Batch(int size, List<float[]> inputs) {
        public Batch {
            if (size < 0) {
                throw new IllegalArgumentException("batch size must not be negative");
            }
            inputs = List.copyOf(inputs);
            for (float[] x : inputs) {
                if (size > 0 && x.length % size != 0) {
                    throw new IllegalArgumentException("an input of " + x.length + " values is not " + size
                            + " rows");
                }
            }
        }
    }

    /**
     * The network's answer for a batch.
     *
     * @param probabilities row-major {@code [size, 4]}, order e, μ, τ, jet
     * @param yAdv          {@code [size]} sigmoid outputs (probability of data), or null without the head
     */
    record Output(float[] probabilities, float[] yAdv) {
    }

    /** The signature's input names, in feed order. */
    List<String> inputNames();

    /** Whether {@link Output#yAdv()} is given. */
    boolean hasAdversarialHead();

    /**
     * Runs the network in inference mode (dropout off, batch normalisation with its moving statistics).
     *
     * @throws IllegalArgumentException when the batch's inputs do not match the signature
     */
    Output predict(Batch batch);

    /** Releases the model; the default does nothing. */
    @Override
    default void close() {
    }
}
