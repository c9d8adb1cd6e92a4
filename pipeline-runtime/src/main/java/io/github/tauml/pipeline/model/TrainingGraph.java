package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The DeepTau network with its losses, gradients and optimizers in one TensorFlow graph and session (reference
 * §3.1–3.6). In adversarial mode one step applies Δ_common = k1·g_C − k2·g_A and g_C[θ_class] with the main
 * optimizer and g_A[θ_adv] with the adversary's, where g_C = ∂L_class/∂[θ_common, θ_class] and
 * g_A = ∂L_adv/∂[θ_common, θ_adv] come from the same forward pass. All three come from one backward pass of
 * L_class + L_adv in which the heads scale the gradient they send into {@code features_concat} by k1 and −k2 (the
 * gradient-reversal form of the reference's two tapes; about a third cheaper than two backward passes). The update
 * waits at a gate until every gradient and fetched value of the step exists. Variable groups are split by name:
 * common = no {@code final}, class = {@code final} without {@code _adv}, adversarial = {@code final} and {@code _adv}.
 * In default mode the main optimizer gets ∂L_class over every trainable variable.
 */
public final class TrainingGraph implements AutoCloseable {
    /** Fetched per step / validation batch, in this order. */
    public static final List<String> STEP_METRICS = List.of("loss", "adv_loss", "acc_num", "acc_den",
            "adv_acc_num", "adv_acc_den", "mean_grad_class", "mean_grad_adv");

    private final DeepTauNetwork network;
    private final Graph graph;
    private final Session session;
    private final VariableStore store;
    private final Map<String, Operand<TFloat32>> x;
    private final Placeholder<TFloat32> y;
    private final Placeholder<TFloat32> w;
    private final Placeholder<TFloat32> yAdv;
    private final Placeholder<TFloat32> wAdv;
    private final Operand<TFloat32> nMain;
    private final Operand<TFloat32> nAdv;
    private final Operand<TFloat32> k1;
    private final Operand<TFloat32> k2;
    private final Operand<TFloat32> lr;
    private final Operand<TFloat32> advLr;
    private final Placeholder<TInt64> seed;
    private final List<Operand<TFloat32>> trainMetrics = new ArrayList<>();
    private final List<Operand<TFloat32>> validationMetrics = new ArrayList<>();
    /** Adversarial mode: mean_grad_class, mean_grad_adv, which cost two more backward passes when fetched. */
    private final List<Operand<TFloat32>> gradientMetrics = new ArrayList<>();
    private final Op train;
    private final DeepTauNetwork.Outputs inference;
    private final List<VariableStore.Var> common = new ArrayList<>();
    private final List<VariableStore.Var> classVars = new ArrayList<>();
    private final List<VariableStore.Var> advVars = new ArrayList<>();
    final List<Operand<TFloat32>> gradClass = new ArrayList<>();
    final List<Operand<TFloat32>> gradAdv = new ArrayList<>();
    final List<Operand<TFloat32>> deltaCommon = new ArrayList<>();

    /**
     * @param sfs       {@code TauLossesSFs} rescaled ({@link Losses#scaleFactors(double[])})
     * @param advOpt    the adversary's optimizer (adversarial mode), or null
     * @param intraOp   TensorFlow intra-op threads (0 = TensorFlow's choice)
     * @param interOp   TensorFlow inter-op threads (0 = TensorFlow's choice)
     */
    public TrainingGraph(DeepTauNetwork network, OptimizerSettings mainOpt, OptimizerSettings advOpt, float[] sfs,
                         int intraOp, int interOp) {
        this.network = network;
        this.graph = new Graph();
        boolean ok = false;
        try {
            Ops tf = Ops.create(graph);
            store = new VariableStore(tf);
            x = network.placeholders(tf);
            y = tf.withName("y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
            w = tf.withName("weight").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            yAdv = tf.withName("y_adv").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            wAdv = tf.withName("weight_adv").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
            nMain = tf.withName("n_main").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            nAdv = tf.withName("n_adv").placeholderWithDefault(tf.constant(1f), Shape.scalar());
            k1 = tf.withName("k1").placeholderWithDefault(tf.constant(1f), Shape.scalar());
            k2 = tf.withName("k2").placeholderWithDefault(tf.constant(0f), Shape.scalar());
            lr = tf.withName("learning_rate").placeholderWithDefault(tf.constant((float) mainOpt.learningRate()),
                    Shape.scalar());
            advLr = tf.withName("adv_learning_rate").placeholderWithDefault(tf.constant(
                    (float) (advOpt == null ? 0.01 : advOpt.learningRate())), Shape.scalar());
            seed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));

            Ops t = tf.withSubScope("train");
            DeepTauNetwork.Outputs out = network.forward(t, store, x, true, seed, false, network.adversarial()
                    ? new DeepTauNetwork.HeadGradientScales(k1, t.math.neg(k2)) : null);
            inference = network.forward(tf, frozenView(), x, false, seed, true);

            for (VariableStore.Var v : store.trainable()) {
                String n = v.name();
                if (!n.contains("final")) {
                    common.add(v);
                } else if (n.contains("_adv")) {
                    advVars.add(v);
                } else {
                    classVars.add(v);
                }
            }
            List<Operand<TFloat32>> terms = lossesAndAccuracies(t, out, sfs);
            Operand<TFloat32> lossClass = terms.get(0);
            Operand<TFloat32> lossAdv = terms.get(1);

            List<Operand<TFloat32>> grads = new ArrayList<>();
            List<VariableStore.Var> mainVars = new ArrayList<>(common);
            mainVars.addAll(classVars);
            if (network.adversarial()) {
                // One backward pass of L_class + L_adv: the heads scale what they pass into features_concat by k1
                // and −k2, so the common layers receive Δ_common = k1·g_C − k2·g_A and each head its own gradient.
                List<VariableStore.Var> all = new ArrayList<>(mainVars);
                all.addAll(advVars);
                List<Output<?>> fused = gradients(t.withSubScope("grad"), t.math.add(lossClass, lossAdv), all);
                for (Output<?> o : fused) {
                    grads.add(cast(o));
                }
                deltaCommon.addAll(grads.subList(0, common.size()));
                // g_C and g_A on the common layers, for the mean-gradient metrics and the tests: back from the
                // gradient at each head's input, through the unscaled features. Computed only when fetched.
                gradClass.addAll(backToCommon(t.withSubScope("grad_class"), lossClass, out.classHeadInput(),
                        out.features()));
                gradClass.addAll(grads.subList(common.size(), mainVars.size()));
                gradAdv.addAll(backToCommon(t.withSubScope("grad_adv"), lossAdv, out.advHeadInput(),
                        out.features()));
                gradAdv.addAll(grads.subList(mainVars.size(), grads.size()));
                gradientMetrics.add(meanAbs(t, gradClass.subList(0, common.size())));
                gradientMetrics.add(meanAbs(t, gradAdv.subList(0, common.size())));
                trainMetrics.addAll(terms);
            } else {
                for (Output<?> o : gradients(t.withSubScope("grad_class"), lossClass, mainVars)) {
                    gradClass.add(cast(o));
                }
                grads.addAll(gradClass);
                trainMetrics.addAll(terms);
                trainMetrics.addAll(List.of(meanAbs(t, gradClass.subList(0, common.size())), t.constant(0f)));
            }

            // the gate: no update starts before every gradient and every fetched value of this step exists
            List<Op> gateDeps = new ArrayList<>();
            for (Operand<TFloat32> g : grads) {
                gateDeps.add(t.identity(g));
            }
            for (Operand<TFloat32> m : trainMetrics) {
                gateDeps.add(t.identity(m));
            }
            Ops gated = t.withControlDependencies(gateDeps);
            List<Operand<TFloat32>> gatedGrads = new ArrayList<>();
            for (Operand<TFloat32> g : grads) {
                gatedGrads.add(gated.identity(g));
            }
            List<Op> steps = new ArrayList<>();
            Optimizer main = new Optimizer(t, store, "opt", mainOpt, mainVars,
                    gatedGrads.subList(0, mainVars.size()), lr);
            steps.add(main.step());
            if (network.adversarial()) {
                Optimizer adv = new Optimizer(t, store, "adv_opt", advOpt, advVars,
                        gatedGrads.subList(mainVars.size(), gatedGrads.size()), advLr);
                steps.add(adv.step());
            }
            // BatchNorm moving statistics move after the gate too, from the statistics of this step's batch
            List<Op> bn = new ArrayList<>();
            for (Op u : out.batchNormUpdates()) {
                bn.add(u);
            }
            steps.addAll(bn);
            train = tf.withControlDependencies(steps).withName("train_step").noOp();

            Ops v = tf.withSubScope("validation");
            validationMetrics.addAll(lossesAndAccuracies(v, inference, sfs));
            validationMetrics.addAll(List.of(v.constant(0f), v.constant(0f)));

            session = new Session(graph, SessionConfig.of(intraOp, interOp));
            ok = true;
        } finally {
            if (!ok) {
                graph.close();
            }
        }
    }

    /**
     * L_class, L_adv (0 without the adversarial head) and the weighted accuracy numerators and denominators of both
     * heads ({@link #STEP_METRICS} 0–5) of one forward pass.
     */
    private List<Operand<TFloat32>> lossesAndAccuracies(Ops tf, DeepTauNetwork.Outputs out, float[] sfs) {
        Operand<TFloat32> lossClass = tf.math.div(tf.reduceSum(tf.math.mul(w,
                Losses.tauCrossentropyV2(tf, y, out.probs(), sfs)), tf.constant(0)), nMain);
        List<Operand<TFloat32>> accuracy = accuracy(tf, y, w, out.probs());
        if (!network.adversarial()) {
            return List.of(lossClass, tf.constant(0f), accuracy.get(0), accuracy.get(1), tf.constant(0f),
                    tf.constant(0f));
        }
        Operand<TFloat32> lossAdv = tf.math.div(tf.reduceSum(tf.math.mul(wAdv,
                Losses.binaryCrossentropy(tf, yAdv, out.adv())), tf.constant(0)), nAdv);
        List<Operand<TFloat32>> advAccuracy = advAccuracy(tf, yAdv, wAdv, out.adv());
        return List.of(lossClass, lossAdv, accuracy.get(0), accuracy.get(1), advAccuracy.get(0), advAccuracy.get(1));
    }

    /** The inference pass reads the same variables without creating new ones. */
    private Params frozenView() {
        return (layer, param, shape, init, fanIn, trainable) -> {
            VariableStore.Var v = store.all().get(layer + "/" + param);
            if (v == null) {
                throw new IllegalStateException("inference pass asks for " + layer + "/" + param
                        + ", which the training pass did not create");
            }
            return v.variable();
        };
    }

    /** ∂loss/∂θ_common as the unscaled path would give it: ∂loss/∂headInput taken back through features. */
    private List<Operand<TFloat32>> backToCommon(Ops tf, Operand<TFloat32> loss, Operand<TFloat32> headInput,
                                                 Operand<TFloat32> features) {
        Output<?> atHead = tf.gradients(loss, List.of(headInput)).dy(0);
        List<Operand<?>> xs = new ArrayList<>();
        for (VariableStore.Var v : common) {
            xs.add(v.variable());
        }
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (Output<?> o : tf.gradients(List.of(features), xs, org.tensorflow.op.core.Gradients.dx(List.of(atHead)))
                .dy()) {
            out.add(cast(o));
        }
        return out;
    }

    private static List<Output<?>> gradients(Ops tf, Operand<TFloat32> loss, List<VariableStore.Var> vars) {
        List<Operand<?>> xs = new ArrayList<>();
        for (VariableStore.Var v : vars) {
            xs.add(v.variable());
        }
        return tf.gradients(loss, xs).dy();
    }

    @SuppressWarnings("unchecked")
    private static Operand<TFloat32> cast(Output<?> o) {
        return (Operand<TFloat32>) o;
    }

    private static Operand<TFloat32> meanAbs(Ops tf, List<Operand<TFloat32>> grads) {
        Operand<TFloat32> sum = null;
        for (Operand<TFloat32> g : grads) {
            Operand<TFloat32> m = tf.math.mean(tf.reshape(tf.math.abs(g), tf.constant(new int[]{-1})), tf.constant(0));
            sum = sum == null ? m : tf.math.add(sum, m);
        }
        return sum == null ? tf.constant(0f) : tf.math.div(sum, tf.constant((float) grads.size()));
    }

    /** Weighted accuracy numerator and denominator (argmax of y against argmax of p, weights w). */
    private static List<Operand<TFloat32>> accuracy(Ops tf, Operand<TFloat32> y, Operand<TFloat32> w,
                                                    Operand<TFloat32> p) {
        Operand<TFloat32> hit = tf.dtypes.cast(tf.math.equal(tf.math.argMax(y, tf.constant(1)),
                tf.math.argMax(p, tf.constant(1))), TFloat32.class);
        return List.of(tf.reduceSum(tf.math.mul(hit, w), tf.constant(0)), tf.reduceSum(w, tf.constant(0)));
    }

    /** Keras BinaryAccuracy (threshold 0.5) weighted by w_adv: numerator and denominator. */
    private static List<Operand<TFloat32>> advAccuracy(Ops tf, Operand<TFloat32> y, Operand<TFloat32> w,
                                                       Operand<TFloat32> a) {
        Operand<TFloat32> pred = tf.dtypes.cast(tf.math.greater(a, tf.constant(0.5f)), TFloat32.class);
        Operand<TFloat32> hit = tf.reshape(tf.dtypes.cast(tf.math.equal(pred, y), TFloat32.class),
                tf.constant(new int[]{-1}));
        return List.of(tf.reduceSum(tf.math.mul(hit, w), tf.constant(0)), tf.reduceSum(w, tf.constant(0)));
    }

    public DeepTauNetwork network() {
        return network;
    }

    public VariableStore store() {
        return store;
    }

    public Session session() {
        return session;
    }

    public Graph graph() {
        return graph;
    }

    public Map<String, Operand<TFloat32>> inputs() {
        return x;
    }

    /** The inference-mode outputs ({@code main_output}, {@code adv_output}). */
    public DeepTauNetwork.Outputs inference() {
        return inference;
    }

    /** Assigns the starting weights of {@code seed} to every variable (optimizer state to zero). */
    public void initialize(long seed) {
        store.write(session, store.initialValues(seed));
    }

    /** Per-step hyperparameters fed with a batch. */
    public record StepParams(long seed, long step, float k1, float k2, float learningRate, float advLearningRate) {
    }

    /**
     * Runs one training step on a (mixed) batch and returns {@link #STEP_METRICS}; in adversarial mode
     * mean_grad_class and mean_grad_adv are NaN (see {@link #gradientMetrics}).
     */
    public float[] trainStep(StepBatch batch, StepParams p) {
        float[] m = run(batch, p, trainMetrics, Run.STEP, List.of(), new float[0][]);
        if (m.length == STEP_METRICS.size()) {
            return m;
        }
        float[] full = java.util.Arrays.copyOf(m, STEP_METRICS.size());
        full[6] = Float.NaN;
        full[7] = Float.NaN;
        return full;
    }

    /**
     * Adversarial mode: mean_grad_class and mean_grad_adv (reference §3.6) of the step {@code p} on this batch, before
     * its update; runs the forward pass and two backward passes without changing anything.
     */
    public float[] gradientMetrics(StepBatch batch, StepParams p) {
        if (!network.adversarial()) {
            throw new IllegalStateException("the default training fetches its mean gradient with each step");
        }
        return run(batch, p, gradientMetrics, Run.NO_UPDATE, List.of(), new float[0][]);
    }

    /** Evaluates the losses in inference mode (no update), returning {@link #STEP_METRICS}. */
    public float[] validate(StepBatch batch) {
        return run(batch, new StepParams(0, 0, 1, 0, 0, 0), validationMetrics, Run.VALIDATION, List.of(),
                new float[0][]);
    }

    /**
     * Fetches g_C, g_A and Δ_common of the step on this batch, then runs the step (the test of the gradient
     * combination).
     */
    public Map<String, List<float[]>> trainStepWithGradients(StepBatch batch, StepParams p) {
        List<Operand<TFloat32>> extra = new ArrayList<>(gradClass);
        extra.addAll(gradAdv);
        extra.addAll(deltaCommon);
        float[][] out = new float[extra.size()][];
        run(batch, p, List.of(), Run.NO_UPDATE, extra, out);
        trainStep(batch, p);
        Map<String, List<float[]>> m = new LinkedHashMap<>();
        int i = 0;
        m.put("grad_class", List.of(java.util.Arrays.copyOfRange(out, i, i += gradClass.size())));
        m.put("grad_adv", List.of(java.util.Arrays.copyOfRange(out, i, i += gradAdv.size())));
        m.put("delta_common", List.of(java.util.Arrays.copyOfRange(out, i, i += deltaCommon.size())));
        return m;
    }

    public List<VariableStore.Var> commonVariables() {
        return List.copyOf(common);
    }

    public List<VariableStore.Var> classVariables() {
        return List.copyOf(classVars);
    }

    public List<VariableStore.Var> adversarialVariables() {
        return List.copyOf(advVars);
    }

    /** What a session run does: a training step, the training-mode pass without update, or validation. */
    private enum Run { STEP, NO_UPDATE, VALIDATION }

    private float[] run(StepBatch b, StepParams p, List<Operand<TFloat32>> metrics, Run kind,
                        List<Operand<TFloat32>> extra, float[][] extraOut) {
        List<Tensor> tensors = new ArrayList<>();
        try {
            Session.Runner r = session.runner();
            int i = 0;
            for (InputSpec s : network.inputs()) {
                long[] shape = new long[s.shape().length + 1];
                shape[0] = b.rows();
                for (int d = 0; d < s.shape().length; d++) {
                    shape[d + 1] = s.shape()[d];
                }
                r.feed(x.get(s.name()), feed(tensors, Shape.of(shape), b.x()[i++]));
            }
            r.feed(y, feed(tensors, Shape.of(b.rows(), 4), b.y()));
            r.feed(w, feed(tensors, Shape.of(b.rows()), b.weight()));
            r.feed(nMain, feed(tensors, Shape.scalar(), new float[]{b.nMain()}));
            if (network.adversarial()) {
                r.feed(yAdv, feed(tensors, Shape.of(b.rows(), 1), b.yAdv()));
                r.feed(wAdv, feed(tensors, Shape.of(b.rows()), b.weightAdv()));
                r.feed(nAdv, feed(tensors, Shape.scalar(), new float[]{b.nAdv()}));
            }
            TInt64 seedT = TInt64.vectorOf(p.seed(), p.step());
            tensors.add(seedT);
            r.feed(seed, seedT);
            if (kind != Run.VALIDATION) {
                r.feed(k1, feed(tensors, Shape.scalar(), new float[]{p.k1()}));
                r.feed(k2, feed(tensors, Shape.scalar(), new float[]{p.k2()}));
                r.feed(lr, feed(tensors, Shape.scalar(), new float[]{p.learningRate()}));
                r.feed(advLr, feed(tensors, Shape.scalar(), new float[]{p.advLearningRate()}));
            }
            if (kind == Run.STEP) {
                r.addTarget(train);
            }
            for (Operand<TFloat32> m : metrics) {
                r.fetch(m);
            }
            for (Operand<TFloat32> e : extra) {
                r.fetch(e);
            }
            float[] out = new float[metrics.size()];
            try (Result res = r.run()) {
                for (int k = 0; k < metrics.size(); k++) {
                    out[k] = ((TFloat32) res.get(k)).getFloat();
                }
                for (int k = 0; k < extra.size(); k++) {
                    TFloat32 t = (TFloat32) res.get(metrics.size() + k);
                    float[] a = new float[(int) t.size()];
                    t.asRawTensor().data().asFloats().read(a);
                    extraOut[k] = a;
                }
            }
            return out;
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    private static TFloat32 feed(List<Tensor> keep, Shape shape, float[] data) {
        TFloat32 t = TFloat32.tensorOf(shape, DataBuffers.of(data, true, false));
        keep.add(t);
        return t;
    }

    /**
     * Predictions in inference mode: {@code [rows, 4]} class probabilities, and {@code [rows]} y_adv when the
     * network has the adversarial head (else null).
     */
    public float[][] predict(float[][] inputs, int rows) {
        List<Tensor> tensors = new ArrayList<>();
        try {
            Session.Runner r = session.runner();
            int i = 0;
            for (InputSpec s : network.inputs()) {
                long[] shape = new long[s.shape().length + 1];
                shape[0] = rows;
                for (int d = 0; d < s.shape().length; d++) {
                    shape[d + 1] = s.shape()[d];
                }
                r.feed(x.get(s.name()), feed(tensors, Shape.of(shape), inputs[i++]));
            }
            r.fetch(inference.probs());
            if (inference.adv() != null) {
                r.fetch(inference.adv());
            }
            try (Result res = r.run()) {
                float[][] out = new float[2][];
                TFloat32 p = (TFloat32) res.get(0);
                out[0] = new float[rows * 4];
                p.asRawTensor().data().asFloats().read(out[0]);
                if (inference.adv() != null) {
                    out[1] = new float[rows];
                    ((TFloat32) res.get(1)).asRawTensor().data().asFloats().read(out[1]);
                }
                return out;
            }
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
