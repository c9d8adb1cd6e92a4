package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic DeepTau-shaped batches with a known structure: the class (e, μ, τ, jet) shifts tau feature {@code k} and
 * the first channel of the inner hadron grid's centre, and τ have tau feature 5 raised by 1; in adversarial batches
 * "data" rows (label 1) carry a domain shift of {@code +shift} in tau feature 5.
 */
final class SyntheticData {
    static final int TAU = 8;

    private SyntheticData() {
    }

    static List<InputSpec> inputs() {
        return List.of(new InputSpec("input_tau", new int[]{TAU}),
                new InputSpec("input_inner_egamma", new int[]{5, 5, 6}),
                new InputSpec("input_inner_muon", new int[]{5, 5, 4}),
                new InputSpec("input_inner_hadrons", new int[]{5, 5, 3}),
                new InputSpec("input_outer_egamma", new int[]{7, 7, 6}),
                new InputSpec("input_outer_muon", new int[]{7, 7, 4}),
                new InputSpec("input_outer_hadrons", new int[]{7, 7, 3}));
    }

    /** A tiny network of the full topology for fast tests. */
    static NetworkSettings tiny() {
        return new NetworkSettings(
                NetSetup.fixed(0.2, 1.4, "n", "n/2", null),
                NetSetup.fixed(0.2, 1.6, "4", "4", null),
                NetSetup.fixed(0.2, 1.6, "8", "8", null),
                NetSetup.conv2d(0.2, null, 3),
                NetSetup.fixed(0.2, 1.0, "16", "16", 2),
                4);
    }

    static List<Batch> classification(int batches, int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<InputSpec> in = inputs();
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[][] x = alloc(in, rows);
            float[] y = new float[rows * 4];
            float[] w = new float[rows];
            for (int i = 0; i < rows; i++) {
                int k = r.nextInt(4);
                y[i * 4 + k] = 1;
                w[i] = 1;
                fill(r, in, x, i, k, 0f);
            }
            out.add(new Batch(rows, x, y, w, null));
        }
        return out;
    }

    /** Control-region batches: mostly τ, some jets; half data (label 1, shifted), half simulation. */
    static List<Batch> adversarial(int batches, int rows, float shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<InputSpec> in = inputs();
        List<Batch> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[][] x = alloc(in, rows);
            float[] label = new float[rows];
            float[] w = new float[rows];
            for (int i = 0; i < rows; i++) {
                int k = r.nextDouble() < 0.75 ? 2 : 3;
                boolean data = (i % 2) == 0;
                label[i] = data ? 1 : 0;
                w[i] = 1;
                fill(r, in, x, i, k, data ? shift : 0f);
            }
            out.add(new Batch(rows, x, null, w, label));
        }
        return out;
    }

    private static float[][] alloc(List<InputSpec> in, int rows) {
        float[][] x = new float[in.size()][];
        for (int i = 0; i < in.size(); i++) {
            x[i] = new float[rows * in.get(i).rowSize()];
        }
        return x;
    }

    private static void fill(SplittableRandom r, List<InputSpec> in, float[][] x, int row, int k, float shift) {
        for (int i = 0; i < in.size(); i++) {
            int size = in.get(i).rowSize();
            int off = row * size;
            for (int j = 0; j < size; j++) {
                x[i][off + j] = (float) (r.nextGaussian() * (i == 0 ? 1.0 : 0.3));
            }
        }
        x[0][row * TAU + k] += 1.5f;
        // feature 5 also marks τ in simulation, and data carry a shift in it: the mismodelling reaches genuine τ
        // in a feature the classifier uses, as in the toy study
        x[0][row * TAU + 5] += (k == 2 ? 1f : 0f) + shift;
        // the centre cell of the inner hadron grid, first channel
        int centre = (2 * 5 + 2) * 3;
        x[3][row * in.get(3).rowSize() + centre] += (k == 2 ? 1f : 0f);
    }
}
