package io.github.tauml.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LossesTest {

    /** The clip bounds as float32 holds them (1 − 1e-7 rounds to 1 − 2^-23·1.0). */
    static final double LOW = 1e-7f;
    static final double HIGH = 1f - 1e-7f;

    /** tau_crossentropy_v2 of common.py written out in double precision, with float32 clip bounds. */
    static double reference(double[] y, double[] p, double[] sf) {
        double[] x = new double[4];
        for (int i = 0; i < 4; i++) {
            x[i] = Math.min(Math.max(p[i], LOW), HIGH);
        }
        double d = (Math.tanh(70 * (p[2] - 0.1)) + 1) / 2;
        double hTau = -y[2] * Math.log(x[2]);
        double fCmb = 1.17153 * (-(1 - y[2]) * Math.pow(x[2], 0.5) * Math.log(1 - x[2]));
        double f = 0;
        for (int i : new int[]{0, 1, 3}) {
            f += sf[i] * 1.63636 * (-d * y[i] * Math.pow(1 - x[i], 2) * Math.log(x[i]));
        }
        return sf[2] * hTau + (sf[0] + sf[1] + sf[3]) * fCmb + 5 * f;
    }

    @Test
    void scaleFactorsOfTrainingV1() {
        assertThat(Losses.scaleFactors(Losses.TAU_LOSSES_SFS)).containsExactly(0.4f, 1.0f, 2.0f, 0.6f);
    }

    @Test
    void tauCrossentropyV2MatchesHandComputedValuesIncludingClipping() {
        float[][] y = {{0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        float[][] p = {{0.1f, 0.1f, 0.7f, 0.1f}, {0.05f, 0.05f, 0.3f, 0.6f}, {0.2f, 0.1f, 0.5f, 0.2f},
                {0f, 0f, 1f, 0f},          // p_τ = 1: log(1 − p_τ) clipped; p_μ = 0 clipped to 1e-7
                {0.5f, 0.5f, 0f, 0f},      // p_τ = 0 for a true τ: −log(1e-7)
                {0.0f, 0.0f, 0.12f, 0.88f}};
        float[] sf = Losses.scaleFactors(Losses.TAU_LOSSES_SFS);
        double[] sfd = {sf[0], sf[1], sf[2], sf[3]};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> loss = Losses.tauCrossentropyV2(tf, tf.constant(y), tf.constant(p), sf);
            try (TFloat32 t = (TFloat32) s.runner().fetch(loss).run().get(0)) {
                for (int i = 0; i < y.length; i++) {
                    double[] yd = new double[4];
                    double[] pd = new double[4];
                    for (int k = 0; k < 4; k++) {
                        yd[k] = y[i][k];
                        pd[k] = p[i][k];
                    }
                    double expected = reference(yd, pd, sfd);
                    assertThat((double) t.getFloat(i)).as("row %d", i)
                            .isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
                }
                // the clipped rows are finite and large: −2·log(1e-7) ≈ 32.2 for the τ with p_τ = 0
                assertThat(t.getFloat(4)).isCloseTo((float) (2.0 * -Math.log(1e-7)), within(1e-3f));
                assertThat(Float.isFinite(t.getFloat(3))).isTrue();
            }
        }
    }

    @Test
    void binaryCrossentropyClipsAndAverages() {
        float[][] y = {{1}, {0}, {1}, {0}};
        float[][] a = {{0.8f}, {0.3f}, {0f}, {1f}};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> loss = Losses.binaryCrossentropy(tf, tf.constant(y), tf.constant(a));
            try (TFloat32 t = (TFloat32) s.runner().fetch(loss).run().get(0)) {
                assertThat(t.getFloat(0)).isCloseTo((float) -Math.log(0.8), within(1e-6f));
                assertThat(t.getFloat(1)).isCloseTo((float) -Math.log(0.7), within(1e-6f));
                assertThat(t.getFloat(2)).isCloseTo((float) -Math.log(1e-7), within(1e-3f));
                assertThat(t.getFloat(3)).isCloseTo((float) -Math.log(1 - HIGH), within(1e-3f));
            }
        }
    }
}
