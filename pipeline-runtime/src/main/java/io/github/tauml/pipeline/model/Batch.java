package io.github.tauml.pipeline.model;

/**
 * One batch as column arrays: one {@code float[]} per network input, row-major {@code [rows, ...shape]} in the order
 * of the dataset spec, plus the targets.
 *
 * @param rows   candidates in the batch
 * @param x      one array per input, {@code rows × rowSize} floats
 * @param y      classification one-hot {@code [rows, 4]} (e, μ, τ, jet), or null for an adversarial batch
 * @param weight per-row weight {@code [rows]}: the classification weight, or the adversarial pT weight
 * @param label  adversarial label {@code [rows]} (1 = data, 0 = simulation), or null for a classification batch
 */
public record Batch(int rows, float[][] x, float[] y, float[] weight, float[] label) {
    public Batch {
        if (rows <= 0) {
            throw new IllegalArgumentException("a batch needs rows, got " + rows);
        }
        if (weight == null || weight.length != rows) {
            throw new IllegalArgumentException("weight must have " + rows + " values");
        }
        if (y != null && y.length != rows * 4) {
            throw new IllegalArgumentException("y must have " + rows + " × 4 values, got " + y.length);
        }
        if (label != null && label.length != rows) {
            throw new IllegalArgumentException("label must have " + rows + " values");
        }
        if ((y == null) == (label == null)) {
            throw new IllegalArgumentException("a batch has either y (classification) or label (adversarial)");
        }
    }
}
