package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Nadam or Adam as hand-built update ops on {@code VariableV2}s (reference §3.5), none of the framework's racy
 * optimizer code: every update reads gradients that are already complete (the caller gates them), and the step
 * counter and Nadam's momentum cache move only after every variable has been updated, so a step is deterministic.
 * State variables are {@code <name>/iterations}, {@code <name>/m_cache}, {@code <name>/<var>/m} and
 * {@code <name>/<var>/v}; they live in the {@link VariableStore} and so are checkpointed with the weights.
 */
public final class Optimizer {
    private final String name;
    private final Operand<TFloat32> learningRate;
    private final Op step;

    /**
     * Builds the updates of {@code vars} with {@code grads} (same order, already gated).
     *
     * @param learningRate a scalar operand, so that {@code step_decay} can change it between steps
     */
    public Optimizer(Ops tf, VariableStore store, String name, OptimizerSettings settings,
                     List<VariableStore.Var> vars, List<Operand<TFloat32>> grads, Operand<TFloat32> learningRate) {
        this.name = name;
        this.learningRate = learningRate;
        VariableStore.Var iterations = store.addState(name + "/iterations", new long[0], 0f);
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> b1 = tf.constant((float) OptimizerSettings.BETA1);
        Operand<TFloat32> b2 = tf.constant((float) OptimizerSettings.BETA2);
        Operand<TFloat32> eps = tf.constant((float) OptimizerSettings.EPSILON);
        Operand<TFloat32> t = tf.math.add(tf.identity(iterations.variable()), one);
        Operand<TFloat32> b2pow = tf.math.pow(b2, t);
        List<Op> updates = new ArrayList<>();
        List<Op> finish = new ArrayList<>();
        if (settings.name().equals("Nadam")) {
            VariableStore.Var mCache = store.addState(name + "/m_cache", new long[0], 1f);
            Operand<TFloat32> decay = tf.constant((float) settings.scheduleDecay());
            Operand<TFloat32> base = tf.constant(0.96f);
            Operand<TFloat32> half = tf.constant(0.5f);
            Operand<TFloat32> ut = tf.math.mul(b1, tf.math.sub(one, tf.math.mul(half,
                    tf.math.pow(base, tf.math.mul(decay, t)))));
            Operand<TFloat32> ut1 = tf.math.mul(b1, tf.math.sub(one, tf.math.mul(half,
                    tf.math.pow(base, tf.math.mul(decay, tf.math.add(t, one))))));
            Operand<TFloat32> mSchedNew = tf.math.mul(tf.identity(mCache.variable()), ut);
            Operand<TFloat32> mSchedNext = tf.math.mul(mSchedNew, ut1);
            for (int i = 0; i < vars.size(); i++) {
                VariableStore.Var v = vars.get(i);
                Operand<TFloat32> g = grads.get(i);
                VariableStore.Var m = store.addState(name + "/" + v.name() + "/m", v.shape(), 0f);
                VariableStore.Var vv = store.addState(name + "/" + v.name() + "/v", v.shape(), 0f);
                Operand<TFloat32> mt = tf.math.add(tf.math.mul(b1, m.variable()), tf.math.mul(tf.math.sub(one, b1), g));
                Operand<TFloat32> vt = tf.math.add(tf.math.mul(b2, vv.variable()),
                        tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
                Operand<TFloat32> gPrime = tf.math.div(g, tf.math.sub(one, mSchedNew));
                Operand<TFloat32> mtPrime = tf.math.div(mt, tf.math.sub(one, mSchedNext));
                Operand<TFloat32> vtPrime = tf.math.div(vt, tf.math.sub(one, b2pow));
                Operand<TFloat32> mBar = tf.math.add(tf.math.mul(tf.math.sub(one, ut), gPrime),
                        tf.math.mul(ut1, mtPrime));
                Operand<TFloat32> delta = tf.math.div(tf.math.mul(learningRate, mBar),
                        tf.math.add(tf.math.sqrt(vtPrime), eps));
                updates.add(tf.assign(m.variable(), mt));
                updates.add(tf.assign(vv.variable(), vt));
                updates.add(tf.assignSub(v.variable(), delta));
            }
            Ops after = tf.withControlDependencies(updates);
            finish.add(after.assign(mCache.variable(), mSchedNew));
        } else {
            Operand<TFloat32> b1pow = tf.math.pow(b1, t);
            Operand<TFloat32> lrT = tf.math.div(tf.math.mul(learningRate, tf.math.sqrt(tf.math.sub(one, b2pow))),
                    tf.math.sub(one, b1pow));
            for (int i = 0; i < vars.size(); i++) {
                VariableStore.Var v = vars.get(i);
                Operand<TFloat32> g = grads.get(i);
                VariableStore.Var m = store.addState(name + "/" + v.name() + "/m", v.shape(), 0f);
                VariableStore.Var vv = store.addState(name + "/" + v.name() + "/v", v.shape(), 0f);
                Operand<TFloat32> mt = tf.math.add(tf.math.mul(b1, m.variable()), tf.math.mul(tf.math.sub(one, b1), g));
                Operand<TFloat32> vt = tf.math.add(tf.math.mul(b2, vv.variable()),
                        tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
                Operand<TFloat32> delta = tf.math.div(tf.math.mul(lrT, mt), tf.math.add(tf.math.sqrt(vt), eps));
                updates.add(tf.assign(m.variable(), mt));
                updates.add(tf.assign(vv.variable(), vt));
                updates.add(tf.assignSub(v.variable(), delta));
            }
        }
        Ops after = tf.withControlDependencies(updates);
        finish.add(after.assign(iterations.variable(), t));
        this.step = tf.withControlDependencies(finish).withName(name + "_step").noOp();
    }

    /** The op that applies one step; it finishes after every update and the state moves. */
    public Op step() {
        return step;
    }

    public String name() {
        return name;
    }

    public Operand<TFloat32> learningRate() {
        return learningRate;
    }

    static Shape scalar() {
        return Shape.scalar();
    }
}
