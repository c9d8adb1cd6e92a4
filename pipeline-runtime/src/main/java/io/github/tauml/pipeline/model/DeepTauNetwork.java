package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The DeepTau classifier of {@code Training_CNN.py::create_model} (reference §3.1) and its adversarial head (§3.2),
 * built into a TensorFlow graph. Layer names are TauMLTools': {@code tau_dense_k}, {@code <loc>_<comp>_conv_k},
 * {@code <loc>_all_conv_k}, {@code <loc>_all_3x3_conv_k}, {@code features_concat}, {@code final_dense_k},
 * {@code final_dense_last}, {@code main_output}, {@code final_adv_dense_k}, {@code final_dense_adv},
 * {@code adv_output}, each with {@code _norm_k}, {@code _activation_k}; so weights copy by name.
 *
 * <p>Inputs are {@code [batch, ...shape]} float32 tensors named as the dataset spec; grids are grouped by location
 * ({@code inner}, {@code outer}) in spec order. Output {@code main_output} is {@code [batch, 4]} softmax in the
 * order e, μ, τ, jet; {@code adv_output} is {@code [batch, 1]}, the probability that a candidate is data.
 */
public final class DeepTauNetwork {
    /** BatchNormalization as Keras: momentum 0.99, ε = 1e-3. */
    static final float BN_MOMENTUM = 0.99f;
    static final float BN_EPSILON = 1e-3f;

    private final NetworkSettings settings;
    private final List<InputSpec> inputs;
    private final boolean adversarial;

    /**
     * Outputs of one forward pass. {@code classHeadInput} and {@code advHeadInput} are what the two heads read: equal
     * to {@code features} in value, but scaled in the backward pass when {@link HeadGradientScales} are given.
     */
    public record Outputs(Operand<TFloat32> probs, Operand<TFloat32> adv, Operand<TFloat32> features,
                          Operand<TFloat32> classHeadInput, Operand<TFloat32> advHeadInput,
                          List<Op> batchNormUpdates) {
    }

    /**
     * Scalars by which the gradients that flow from the classification head and from the adversarial head into
     * {@code features_concat} are multiplied. With {@code (k1, -k2)} one backward pass of L_class + L_adv gives
     * Δ_common = k1·g_C − k2·g_A on the common layers and the plain g_C, g_A on the heads (reference §3.5: the
     * gradient-reversal form of the two-tape step).
     */
    public record HeadGradientScales(Operand<TFloat32> classScale, Operand<TFloat32> advScale) {
    }

    /**
     * @param adversarial whether to build the adversarial head on {@code features_concat}
     * @throws IllegalArgumentException when the inputs do not make a DeepTau network
     */
    public DeepTauNetwork(NetworkSettings settings, List<InputSpec> inputs, boolean adversarial) {
        this.settings = settings;
        this.inputs = List.copyOf(inputs);
        this.adversarial = adversarial;
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("the network has no inputs");
        }
        for (InputSpec s : inputs) {
            if (s.shape().length == 3 && s.shape()[0] != s.shape()[1]) {
                throw new IllegalArgumentException("grid " + s + " is not square");
            }
        }
    }

    public List<InputSpec> inputs() {
        return inputs;
    }

    public boolean adversarial() {
        return adversarial;
    }

    public NetworkSettings settings() {
        return settings;
    }

    /** Creates one placeholder per input, {@code [?, ...shape]}, named as the spec. */
    public Map<String, Operand<TFloat32>> placeholders(Ops tf) {
        Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
        for (InputSpec s : inputs) {
            long[] shape = new long[s.shape().length + 1];
            shape[0] = -1;
            for (int i = 0; i < s.shape().length; i++) {
                shape[i + 1] = s.shape()[i];
            }
            out.put(s.name(), tf.withName(s.name()).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape))));
        }
        return out;
    }

    /**
     * Builds one forward pass.
     *
     * @param training true: batch statistics (whose moving-average updates are returned) and dropout seeded by
     *                 {@code seed} ([2] int64, e.g. run seed and step); false: moving statistics, no dropout
     * @param names    whether to name the outputs {@code main_output}/{@code adv_output}/{@code features_concat}
     */
    public Outputs forward(Ops tf, Params params, Map<String, Operand<TFloat32>> x, boolean training,
                           Operand<TInt64> seed, boolean names) {
        return forward(tf, params, x, training, seed, names, null);
    }

    /**
     * Builds one forward pass whose heads scale the gradient they pass back into {@code features_concat}.
     *
     * @param scales null for plain gradients
     */
    public Outputs forward(Ops tf, Params params, Map<String, Operand<TFloat32>> x, boolean training,
                           Operand<TInt64> seed, boolean names, HeadGradientScales scales) {
        Builder b = new Builder(tf, params, training, seed);
        List<Operand<TFloat32>> high = new ArrayList<>();
        Map<String, List<InputSpec>> byLocation = new LinkedHashMap<>();
        for (InputSpec s : inputs) {
            if (s.shape().length == 1) {
                if (!s.name().equals("input_tau")) {
                    throw new IllegalArgumentException("1D input " + s.name() + " is not input_tau");
                }
                List<Integer> sizes = settings.tauNet().layerSizes(s.shape()[0]);
                Operand<TFloat32> h = x.get(s.name());
                int n = s.shape()[0];
                for (int k = 0; k < sizes.size(); k++) {
                    h = b.dense(h, n, sizes.get(k), settings.tauNet(), "tau", k + 1, "dense");
                    n = sizes.get(k);
                }
                high.add(h);
            } else {
                byLocation.computeIfAbsent(s.location(), l -> new ArrayList<>()).add(s);
            }
        }
        int featureWidth = high.isEmpty() ? 0 : settings.tauNet().layerSizes(tauWidth()).get(
                settings.tauNet().layerSizes(tauWidth()).size() - 1);
        for (var e : byLocation.entrySet()) {
            String loc = e.getKey();
            List<Operand<TFloat32>> reduced = new ArrayList<>();
            int channels = 0;
            int grid = e.getValue().get(0).shape()[0];
            for (InputSpec s : e.getValue()) {
                if (s.shape()[0] != grid) {
                    throw new IllegalArgumentException("grid " + s + " differs in size from the other " + loc
                            + " grids (" + grid + ")");
                }
                Operand<TFloat32> h = x.get(s.name());
                int n = s.shape()[2];
                List<Integer> sizes = settings.compNet().layerSizes(n);
                for (int k = 0; k < sizes.size(); k++) {
                    h = b.conv(h, n, sizes.get(k), 1, settings.compNet(), loc + "_" + s.component(), k + 1, "conv");
                    n = sizes.get(k);
                }
                reduced.add(h);
                channels += n;
            }
            Operand<TFloat32> h;
            int n;
            if (reduced.size() > 1) {
                h = tf.withName(loc + "_cell_concat").concat(reduced, tf.constant(3));
                List<Integer> sizes = settings.compMergeNet().layerSizes(channels);
                n = channels;
                for (int k = 0; k < sizes.size(); k++) {
                    h = b.conv(h, n, sizes.get(k), 1, settings.compMergeNet(), loc + "_all", k + 1, "conv");
                    n = sizes.get(k);
                }
            } else {
                h = reduced.get(0);
                n = channels;
            }
            int current = grid;
            int k = 1;
            NetSetup c2 = settings.conv2dNet();
            while (current > 1) {
                int win = Math.min(current, c2.windowSize());
                int filters = c2.conv2dFilters(n, current, win);
                h = b.conv(h, n, filters, win, c2, loc + "_all_" + win + "x" + win, k, "conv");
                k++;
                current -= win - 1;
                n = filters;
            }
            h = tf.withName(loc + "_cells_flatten").reshape(h, tf.constant(new int[]{-1, n}));
            high.add(h);
            featureWidth += n;
        }
        Operand<TFloat32> features = high.size() > 1
                ? (names ? tf.withName("features_concat") : tf).concat(high, tf.constant(1))
                : high.get(0);
        List<Integer> head = settings.denseNet().layerSizes(featureWidth);
        Operand<TFloat32> classInput = scales == null ? features : scaleGradient(tf, features, scales.classScale());
        Operand<TFloat32> h = classInput;
        int n = featureWidth;
        for (int k = 0; k < head.size(); k++) {
            h = b.dense(h, n, head.get(k), settings.denseNet(), "final", k + 1, "dense");
            n = head.get(k);
        }
        Operand<TFloat32> logits = b.linear(h, n, settings.nOutputs(), "final_dense_last");
        Operand<TFloat32> probs = (names ? tf.withName("main_output") : tf).nn.softmax(logits);
        Operand<TFloat32> adv = null;
        Operand<TFloat32> advInput = null;
        if (adversarial) {
            advInput = scales == null ? features : scaleGradient(tf, features, scales.advScale());
            h = advInput;
            n = featureWidth;
            for (int k = 0; k < head.size(); k++) {
                h = b.dense(h, n, head.get(k), settings.denseNet(), "final_adv", k + 1, "dense");
                n = head.get(k);
            }
            Operand<TFloat32> advLogit = b.linear(h, n, 1, "final_dense_adv");
            adv = (names ? tf.withName("adv_output") : tf).math.sigmoid(advLogit);
        }
        return new Outputs(probs, adv, features, classInput, advInput, List.copyOf(b.updates));
    }

    /**
     * sg(f) + s·(f − sg(f)): exactly f in the forward pass (f − sg(f) is 0 in IEEE arithmetic), s·∂/∂f backward.
     */
    private static Operand<TFloat32> scaleGradient(Ops tf, Operand<TFloat32> f, Operand<TFloat32> s) {
        Operand<TFloat32> frozen = tf.stopGradient(f);
        return tf.math.add(frozen, tf.math.mul(s, tf.math.sub(f, frozen)));
    }

    private int tauWidth() {
        for (InputSpec s : inputs) {
            if (s.shape().length == 1) {
                return s.shape()[0];
            }
        }
        return 0;
    }

    /** Builds the blocks of one forward pass. */
    private static final class Builder {
        final Ops tf;
        final Params params;
        final boolean training;
        final Operand<TInt64> seed;
        final List<Op> updates = new ArrayList<>();
        int dropoutIndex;

        Builder(Ops tf, Params params, boolean training, Operand<TInt64> seed) {
            this.tf = tf;
            this.params = params;
            this.training = training;
            this.seed = seed;
        }

        Operand<TFloat32> linear(Operand<TFloat32> x, int in, int out, String name) {
            Operand<TFloat32> k = params.get(name, "kernel", new long[]{in, out}, Params.Init.HE_UNIFORM, in, true);
            Operand<TFloat32> bias = params.get(name, "bias", new long[]{out}, Params.Init.ZEROS, in, true);
            return tf.nn.biasAdd(tf.linalg.matMul(x, k), bias);
        }

        Operand<TFloat32> dense(Operand<TFloat32> x, int in, int out, NetSetup setup, String block, int n,
                                String base) {
            Operand<TFloat32> h = linear(x, in, out, block + "_" + base + "_" + n);
            return ending(h, out, setup, block, n, false);
        }

        Operand<TFloat32> conv(Operand<TFloat32> x, int in, int out, int window, NetSetup setup, String block, int n,
                               String base) {
            String name = block + "_" + base + "_" + n;
            int fanIn = window * window * in;
            Operand<TFloat32> k = params.get(name, "kernel", new long[]{window, window, in, out},
                    Params.Init.HE_UNIFORM, fanIn, true);
            Operand<TFloat32> bias = params.get(name, "bias", new long[]{out}, Params.Init.ZEROS, fanIn, true);
            Operand<TFloat32> h = tf.nn.biasAdd(tf.nn.conv2d(x, k, List.of(1L, 1L, 1L, 1L), "VALID"), bias);
            return ending(h, out, setup, block, n, true);
        }

        /** BatchNormalization → PReLU (α shared over the spatial axes in 2D) → Dropout, as add_block_ending. */
        Operand<TFloat32> ending(Operand<TFloat32> h, int channels, NetSetup setup, String block, int n,
                                 boolean spatial) {
            String norm = block + "_norm_" + n;
            long[] c = {channels};
            Operand<TFloat32> gamma = params.get(norm, "gamma", c, Params.Init.ONES, channels, true);
            Operand<TFloat32> beta = params.get(norm, "beta", c, Params.Init.ZEROS, channels, true);
            Operand<TFloat32> mm = params.get(norm, "moving_mean", c, Params.Init.ZEROS, channels, false);
            Operand<TFloat32> mv = params.get(norm, "moving_variance", c, Params.Init.ONES, channels, false);
            Operand<TFloat32> eps = tf.constant(BN_EPSILON);
            Operand<TFloat32> normed;
            if (spatial) {
                // one fused kernel for the large grid tensors; its batch variance is the n/(n-1) one Keras' fused
                // path moves the moving variance with
                Operand<TFloat32> empty = tf.constant(new float[0]);
                var bn = tf.nn.fusedBatchNorm(h, gamma, beta, training ? empty : mm, training ? empty : mv,
                        org.tensorflow.op.nn.FusedBatchNorm.epsilon(BN_EPSILON),
                        org.tensorflow.op.nn.FusedBatchNorm.isTraining(training));
                normed = bn.y();
                if (training) {
                    Operand<TFloat32> oneMinus = tf.constant(1f - BN_MOMENTUM);
                    updates.add(tf.assignSub(mm, tf.math.mul(tf.math.sub(mm, tf.stopGradient(bn.batchMean())),
                            oneMinus)));
                    updates.add(tf.assignSub(mv, tf.math.mul(tf.math.sub(mv,
                            tf.stopGradient(bn.batchVariance())), oneMinus)));
                }
            } else if (training) {
                Operand<org.tensorflow.types.TInt32> axes = tf.constant(new int[]{0});
                Operand<TFloat32> mean = tf.math.mean(h, axes);
                Operand<TFloat32> var = tf.math.mean(tf.math.squaredDifference(h, tf.stopGradient(mean)), axes);
                normed = tf.math.add(tf.math.mul(tf.math.mul(tf.math.sub(h, mean), tf.math.rsqrt(
                        tf.math.add(var, eps))), gamma), beta);
                Operand<TFloat32> oneMinus = tf.constant(1f - BN_MOMENTUM);
                updates.add(tf.assignSub(mm, tf.math.mul(tf.math.sub(mm, tf.stopGradient(mean)), oneMinus)));
                updates.add(tf.assignSub(mv, tf.math.mul(tf.math.sub(mv, tf.stopGradient(var)), oneMinus)));
            } else {
                normed = tf.math.add(tf.math.mul(tf.math.mul(tf.math.sub(h, mm), tf.math.rsqrt(
                        tf.math.add(mv, eps))), gamma), beta);
            }
            String act = block + "_activation_" + n;
            long[] alphaShape = spatial ? new long[]{1, 1, channels} : new long[]{channels};
            Operand<TFloat32> alpha = params.get(act, "alpha", alphaShape, Params.Init.ZEROS, channels, true);
            Operand<TFloat32> out = tf.math.sub(tf.nn.relu(normed),
                    tf.math.mul(alpha, tf.nn.relu(tf.math.neg(normed))));
            if (training && setup.dropoutRate() > 0) {
                int index = ++dropoutIndex;
                Operand<TInt64> s = tf.math.add(seed, tf.constant(new long[]{0L, (long) index << 32}));
                Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.shape(out), s);
                float rate = (float) setup.dropoutRate();
                Operand<TFloat32> mask = tf.stopGradient(tf.math.div(tf.dtypes.cast(
                        tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class), tf.constant(1f - rate)));
                out = tf.math.mul(out, mask);
            }
            return out;
        }
    }
}
