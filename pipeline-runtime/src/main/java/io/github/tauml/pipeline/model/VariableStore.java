package io.github.tauml.pipeline.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every {@code VariableV2} of a training graph (network weights, BatchNorm statistics, optimizer state) by name, each
 * with a feedable assign op, so that weights are initialised, copied by name, checkpointed and restored through one
 * path. Initial values come from Java ({@link SplittableRandom} seeded by the run seed and the variable name), so the
 * same seed gives the same starting weights bitwise. Names follow Keras: {@code <layer>/<kernel|bias|gamma|beta|
 * moving_mean|moving_variance|alpha>}.
 */
public final class VariableStore implements Params {
    /** One variable: its op, how to set it, and how it starts. */
    public record Var(String name, long[] shape, Variable<TFloat32> variable, Placeholder<TFloat32> value,
                      Assign<TFloat32> assign, Init init, int fanIn, boolean trainable, float constant) {
        public int size() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return (int) n;
        }
    }

    private final Ops tf;
    private final Map<String, Var> vars = new LinkedHashMap<>();

    public VariableStore(Ops tf) {
        this.tf = tf;
    }

    @Override
    public Operand<TFloat32> get(String layer, String param, long[] shape, Init init, int fanIn, boolean trainable) {
        return add(layer + "/" + param, shape, init, fanIn, trainable, 0f).variable();
    }

    /** Adds a variable that starts at {@code constant} (optimizer state). */
    public Var addState(String name, long[] shape, float constant) {
        return add(name, shape, null, 0, false, constant);
    }

    private Var add(String name, long[] shape, Init init, int fanIn, boolean trainable, float constant) {
        if (vars.containsKey(name)) {
            throw new IllegalStateException("variable " + name + " defined twice");
        }
        String op = opName(name);
        Variable<TFloat32> v = tf.withName(op).variable(Shape.of(shape), TFloat32.class);
        Placeholder<TFloat32> p = tf.withName(op + "_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(shape)));
        Assign<TFloat32> a = tf.withName(op + "_assign").assign(v, p);
        Var var = new Var(name, shape.clone(), v, p, a, init, fanIn, trainable, constant);
        vars.put(name, var);
        return var;
    }

    /**
     * The graph op name of variable {@code name}: TF Java op names allow no '/', so {@code tau_dense_1/kernel} is the
     * op {@code tau_dense_1.kernel}.
     */
    public static String opName(String name) {
        return name.replace('/', '.');
    }

    public Map<String, Var> all() {
        return Collections.unmodifiableMap(vars);
    }

    /** Trainable variables in creation order. */
    public List<Var> trainable() {
        List<Var> out = new ArrayList<>();
        for (Var v : vars.values()) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Initial values of every variable for {@code seed}: he_uniform kernels (limit √(6/fan_in)), zeros, ones. */
    public Map<String, float[]> initialValues(long seed) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Var v : vars.values()) {
            float[] a = new float[v.size()];
            if (v.init() == null) {
                Arrays.fill(a, v.constant());
            } else if (v.init() == Init.ONES) {
                Arrays.fill(a, 1f);
            } else if (v.init() == Init.HE_UNIFORM) {
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ v.name().hashCode());
                double limit = Math.sqrt(6.0 / v.fanIn());
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) (r.nextDouble(-limit, limit));
                }
            }
            out.put(v.name(), a);
        }
        return out;
    }

    /**
     * Assigns the given values; variables missing from {@code values} are left alone.
     *
     * @throws IllegalArgumentException when a value has the wrong size
     */
    public void write(Session session, Map<String, float[]> values) {
        Session.Runner r = session.runner();
        List<Tensor> tensors = new ArrayList<>();
        try {
            for (var e : values.entrySet()) {
                Var v = vars.get(e.getKey());
                if (v == null) {
                    continue;
                }
                if (e.getValue().length != v.size()) {
                    throw new IllegalArgumentException("variable " + v.name() + " has " + v.size()
                            + " values, the source has " + e.getValue().length + " (shape " + Arrays.toString(v.shape())
                            + "); the network settings differ from the model the weights come from");
                }
                TFloat32 t = TFloat32.tensorOf(Shape.of(v.shape()), DataBuffers.of(e.getValue(), true, false));
                tensors.add(t);
                r.feed(v.value(), t);
                r.addTarget(v.assign());
            }
            if (!tensors.isEmpty()) {
                r.run().close();
            }
        } finally {
            tensors.forEach(Tensor::close);
        }
    }

    /** Current values of every variable, by name, in creation order. */
    public Map<String, float[]> read(Session session) {
        Map<String, float[]> out = new LinkedHashMap<>();
        List<Var> list = new ArrayList<>(vars.values());
        Session.Runner r = session.runner();
        for (Var v : list) {
            r.fetch(v.variable());
        }
        try (Result res = r.run()) {
            for (int i = 0; i < list.size(); i++) {
                TFloat32 t = (TFloat32) res.get(i);
                float[] a = new float[list.get(i).size()];
                t.asRawTensor().data().asFloats().read(a);
                out.put(list.get(i).name(), a);
            }
        }
        return out;
    }
}
