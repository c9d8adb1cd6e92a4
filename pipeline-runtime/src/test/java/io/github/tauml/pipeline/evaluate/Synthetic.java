package io.github.tauml.pipeline.evaluate;

import java.util.Random;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * Synthetic predictions with known distributions, built like the reference's mix (§2.6): batches of 50 data and 50
 * simulated candidates (36 DYT, 2 TTT, 5 WJ, 5 QCD, 1 TTJ, 1 DYM). D_jet of genuine τh is Beta(a, 1) (piled up near
 * 1), of jets Beta(2, 2), of μ→τh Beta(5, 1). Data are drawn from the same mixture as the simulation unless the data
 * τh shape differs ({@code dataTauShape} ≠ {@code simTauShape}): that is the mismodelling.
 */
final class Synthetic {
    private Synthetic() {
    }

    /** Simulated blocks per batch (dataset_id, count, true class), as in §2.6. */
    private static final int[][] SIM = {{1, 36, 2}, {2, 2, 2}, {5, 5, 3}, {6, 5, 3}, {4, 1, 3}, {3, 1, 1}};

    static AdversarialPredictions mix(long seed, int batches, double simTauShape, double dataTauShape,
                                      float simWeight, boolean adversarialHead) {
        MersenneTwister rng = new MersenneTwister(seed);
        BetaDistribution simTau = new BetaDistribution(rng, simTauShape, 1);
        BetaDistribution dataTau = new BetaDistribution(rng, dataTauShape, 1);
        BetaDistribution jet = new BetaDistribution(rng, 2, 2);
        BetaDistribution mu = new BetaDistribution(rng, 5, 1);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        // With weights w the simulation needs 1/w candidates per data candidate to predict the same counts.
        int simPerBatch = Math.round(50 / simWeight);
        int n = batches * (50 + simPerBatch);
        float[] djet = new float[n], w = new float[n], adv = new float[n], pt = new float[n], eta = new float[n];
        int[] y = new int[n], id = new int[n], dm = new int[n], truth = new int[n];
        int i = 0;
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < 50; k++, i++) {
                int kind = pick(r);
                djet[i] = (float) (kind == 2 ? dataTau.sample() : kind == 3 ? jet.sample() : mu.sample());
                y[i] = 1;
                w[i] = 1f;
                id[i] = 0;
                truth[i] = kind;
                adv[i] = (float) (0.5 + 0.01 * r.nextGaussian());
                fillKinematics(r, pt, eta, dm, i);
            }
            for (int k = 0; k < simPerBatch; k++, i++) {
                int[] block = block(r);
                int kind = block[2];
                djet[i] = (float) (kind == 2 ? simTau.sample() : kind == 3 ? jet.sample() : mu.sample());
                y[i] = 0;
                w[i] = simWeight;
                id[i] = block[0];
                truth[i] = kind;
                adv[i] = (float) (0.5 + 0.01 * r.nextGaussian());
                fillKinematics(r, pt, eta, dm, i);
            }
        }
        return new AdversarialPredictions(djet, y, w, adversarialHead ? adv : null, id, pt, eta, dm, truth);
    }

    /** Data kind with the simulation's proportions: 76 % τh, 22 % jets, 2 % μ. */
    private static int pick(Random r) {
        double u = r.nextDouble() * 50;
        return u < 38 ? 2 : u < 49 ? 3 : 1;
    }

    private static int[] block(Random r) {
        int u = r.nextInt(50);
        for (int[] b : SIM) {
            if (u < b[1]) {
                return b;
            }
            u -= b[1];
        }
        throw new AssertionError();
    }

    private static void fillKinematics(Random r, float[] pt, float[] eta, int[] dm, int i) {
        pt[i] = (float) (30 + 20 * -Math.log(1 - r.nextDouble()));
        eta[i] = (float) (4.6 * r.nextDouble() - 2.3);
        dm[i] = new int[] {0, 1, 10, 11}[r.nextInt(4)];
    }

    /**
     * Class predictions where the true class's probability is boosted by {@code separation}: p ∝ exp(s·onehot + N(0,1)).
     */
    static ClassPredictions classes(long seed, int n, double separation) {
        Random r = new Random(seed);
        float[] p = new float[n * 4];
        int[] y = new int[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
            double[] z = new double[4];
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                z[k] = Math.exp((k == y[i] ? separation : 0) + r.nextGaussian());
                sum += z[k];
            }
            for (int k = 0; k < 4; k++) {
                p[i * 4 + k] = (float) (z[k] / sum);
            }
            w[i] = (float) (0.5 + r.nextDouble());
        }
        return new ClassPredictions(p, y, w);
    }
}
