package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class RocTest {

    /**
     * Signal N(Δ, 1) against background N(0, 1): AUC = Φ(Δ/√2). With 20 000 of each the Hanley–McNeil standard error
     * is about 0.002; the measured AUC must lie within 4 of them.
     */
    @Test
    void aucOfTwoGaussiansIsPhiOfSeparationOverRootTwo() {
        double delta = 1.0;
        int n = 20000;
        Random r = new Random(1);
        float[] s = new float[2 * n];
        boolean[] sig = new boolean[2 * n], bkg = new boolean[2 * n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (delta + r.nextGaussian());
            sig[i] = true;
            s[n + i] = (float) r.nextGaussian();
            bkg[n + i] = true;
        }
        double expected = new NormalDistribution().cumulativeProbability(delta / Math.sqrt(2));
        double a = expected;
        double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
        double se = Math.sqrt((a * (1 - a) + (n - 1) * (q1 - a * a) + (n - 1) * (q2 - a * a)) / ((double) n * n));
        assertThat(Roc.auc(s, sig, bkg, Agreement.ones(2 * n))).isCloseTo(expected, within(4 * se));
    }

    @Test
    void aWeightOfTwoIsTheCandidateTwice() {
        float[] s = {0.1f, 0.4f, 0.35f, 0.8f, 0.4f};
        boolean[] sig = {false, true, false, true, false};
        boolean[] bkg = {true, false, true, false, true};
        float[] w = {1, 2, 1, 1, 3};
        float[] s2 = {0.1f, 0.4f, 0.4f, 0.35f, 0.8f, 0.4f, 0.4f, 0.4f};
        boolean[] sig2 = {false, true, true, false, true, false, false, false};
        boolean[] bkg2 = {true, false, false, true, false, true, true, true};
        assertThat(Roc.auc(s, sig, bkg, w)).isEqualTo(Roc.auc(s2, sig2, bkg2, Agreement.ones(8)));
        // By hand: pairs (signal > background) + ½ ties, weighted: sig 0.4(w2): beats 0.1, 0.35 (w 1+1), ties 0.4 (w3)
        // → 2·(2 + 1.5) = 7; sig 0.8(w1): beats all (w 5) → 5; total 12 / (3 · 5)
        assertThat(Roc.auc(s, sig, bkg, w)).isCloseTo(12.0 / 15, within(1e-12));
    }

    @Test
    void extremesAndTies() {
        float[] s = {0.9f, 0.8f, 0.2f, 0.1f};
        boolean[] sig = {true, true, false, false};
        boolean[] bkg = {false, false, true, true};
        assertThat(Roc.auc(s, sig, bkg, Agreement.ones(4))).isEqualTo(1.0);
        assertThat(Roc.auc(s, bkg, sig, Agreement.ones(4))).isEqualTo(0.0);
        assertThat(Roc.auc(new float[] {0.5f, 0.5f, 0.5f}, new boolean[] {true, false, false},
                new boolean[] {false, true, true}, Agreement.ones(3))).isEqualTo(0.5);
        Roc roc = Roc.of(s, sig, bkg, Agreement.ones(4));
        assertThat(roc.efficiency()[0]).isZero();
        assertThat(roc.efficiency()[roc.efficiency().length - 1]).isEqualTo(1.0);
        assertThat(roc.misId()[roc.misId().length - 1]).isEqualTo(1.0);
    }

    @Test
    void ratesAtAWorkingPointCountScoresStrictlyAbove() {
        float[] s = {0.97f, 0.9632f, 0.95f, 0.99f, 0.5f};
        boolean[] tau = {true, true, true, false, false};
        boolean[] jet = {false, false, false, true, true};
        double[] r = Roc.rates(s, tau, jet, new float[] {1, 1, 2, 1, 3}, 0.9632);
        assertThat(r[0]).isCloseTo(0.25, within(1e-12));
        assertThat(r[1]).isCloseTo(0.25, within(1e-12));
    }
}
