package io.github.tauml.pipeline.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/** The training losses of TauMLTools' {@code common.py::TauLosses} and the adversarial step (reference §3.1, §3.4). */
public final class Losses {
    /** Clipping of probabilities, {@code TauLosses.epsilon} and Keras' {@code epsilon()}. */
    public static final float EPSILON = 1e-7f;
    /** {@code TauLossesSFs} of {@code training_v1.yaml}, in the order e, μ, τ, jet. */
    public static final double[] TAU_LOSSES_SFS = {1, 2.5, 5, 1.5};

    private Losses() {
    }

    /** {@code TauLosses.SetSFs}: the factors rescaled to sum to 4 (→ 0.4, 1.0, 2.0, 0.6 for the defaults). */
    public static float[] scaleFactors(double[] sfs) {
        if (sfs.length != 4) {
            throw new IllegalArgumentException("TauLossesSFs needs 4 values (e, mu, tau, jet), got " + sfs.length);
        }
        double sum = sfs[0] + sfs[1] + sfs[2] + sfs[3];
        if (!(sum > 0)) {
            throw new IllegalArgumentException("TauLossesSFs must sum to a positive number");
        }
        float[] out = new float[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (float) (sfs[i] * (4.0 / sum));
        }
        return out;
    }

    /**
     * {@code tau_crossentropy_v2} per row: {@code s_τ·H_τ + (s_e+s_μ+s_jet)·F_cmb + 5·(s_e·F_e + s_μ·F_μ + s_jet·F_jet)}
     * with {@code H_τ = −y_τ log p_τ}, {@code F_cmb = 1.17153·[−(1−y_τ) p_τ^0.5 log(1−p_τ)]},
     * {@code F_x = 1.63636·[−D y_x (1−p_x)² log p_x]}, {@code D = (tanh(70(p_τ−0.1))+1)/2} on the unclipped p_τ,
     * and every other p clipped to [1e-7, 1−1e-7] (reference §3.1).
     *
     * @param y  {@code [batch, 4]} one-hot, order e, μ, τ, jet
     * @param p  {@code [batch, 4]} softmax output
     * @param sf scale factors from {@link #scaleFactors(double[])}
     * @return {@code [batch]}
     */
    public static Operand<TFloat32> tauCrossentropyV2(Ops tf, Operand<TFloat32> y, Operand<TFloat32> p, float[] sf) {
        List<org.tensorflow.Output<TFloat32>> ys = tf.unstack(y, 4L, Unstack.axis(1L)).output();
        List<org.tensorflow.Output<TFloat32>> ps = tf.unstack(p, 4L, Unstack.axis(1L)).output();
        Operand<TFloat32> eps = tf.constant(EPSILON);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> oneMinusEps = tf.constant(1f - EPSILON);
        Operand<TFloat32>[] x = new Operand[4];
        for (int i = 0; i < 4; i++) {
            x[i] = tf.clipByValue(ps.get(i), eps, oneMinusEps);
        }
        Operand<TFloat32> decay = tf.math.div(tf.math.add(tf.math.tanh(tf.math.mul(tf.constant(70f),
                tf.math.sub(ps.get(2), tf.constant(0.1f)))), one), tf.constant(2f));
        Operand<TFloat32> hTau = tf.math.neg(tf.math.mul(ys.get(2), tf.math.log(x[2])));
        Operand<TFloat32> fCmb = tf.math.mul(tf.constant(1.17153f), tf.math.neg(tf.math.mul(tf.math.mul(
                tf.math.sub(one, ys.get(2)), tf.math.pow(x[2], tf.constant(0.5f))), tf.math.log(tf.math.sub(one, x[2])))));
        Operand<TFloat32> focal = null;
        for (int i : new int[]{0, 1, 3}) {
            Operand<TFloat32> f = tf.math.mul(tf.constant(1.63636f), tf.math.neg(tf.math.mul(tf.math.mul(tf.math.mul(
                    decay, ys.get(i)), tf.math.pow(tf.math.sub(one, x[i]), tf.constant(2f))), tf.math.log(x[i]))));
            Operand<TFloat32> term = tf.math.mul(tf.constant(sf[i]), f);
            focal = focal == null ? term : tf.math.add(focal, term);
        }
        return tf.math.add(tf.math.add(tf.math.mul(tf.constant(sf[2]), hTau),
                tf.math.mul(tf.constant(sf[0] + sf[1] + sf[3]), fCmb)), tf.math.mul(tf.constant(5f), focal));
    }

    /**
     * Keras {@code binary_crossentropy} per row as reference §3.4: {@code a} clipped to [1e-7, 1−1e-7], then
     * {@code −[y log a + (1−y) log(1−a)]}, averaged over the last axis (size 1).
     *
     * @param y {@code [batch, 1]} (1 = data)
     * @param a {@code [batch, 1]} adversary output
     * @return {@code [batch]}
     */
    public static Operand<TFloat32> binaryCrossentropy(Ops tf, Operand<TFloat32> y, Operand<TFloat32> a) {
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> c = tf.clipByValue(a, tf.constant(EPSILON), tf.constant(1f - EPSILON));
        Operand<TFloat32> bce = tf.math.neg(tf.math.add(tf.math.mul(y, tf.math.log(c)),
                tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.sub(one, c)))));
        return tf.math.mean(bce, tf.constant(1));
    }
}
