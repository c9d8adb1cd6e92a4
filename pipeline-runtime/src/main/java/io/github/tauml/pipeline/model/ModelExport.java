package io.github.tauml.pipeline.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.tauml.pipeline.exec.AtomicDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * Publishes a trained model directory: {@code saved_model/} (a SavedModel, tag {@code serve}, signature
 * {@code serving_default} with the spec's input names and outputs {@code main_output} [batch, 4] and, where the head
 * exists, {@code adv_output} [batch, 1]), {@code frozen_graph.pb} (a GraphDef with the weights folded into constants,
 * inference mode, same input and output names, as CMSSW's {@code DeepTauId} loads), {@code weights.ckpt} (the
 * weights by layer name and the optimizer state, the starting point of adversarial fine-tuning), {@code scaling.json} and
 * {@code settings.json}; and {@code checkpoints/<name>/saved_model} for each earlier checkpoint asked for.
 */
public final class ModelExport {
    public static final String SAVED_MODEL = "saved_model";
    public static final String FROZEN_GRAPH = "frozen_graph.pb";
    public static final String WEIGHTS = "weights.ckpt";
    public static final String SIGNATURE = "serving_default";
    /** The directory, inside a model directory, of its checkpoints' SavedModels. */
    public static final String CHECKPOINTS = "checkpoints";

    private ModelExport() {
    }

    /** Writes the model directory atomically. */
    public static Path export(ExportRequest req) throws IOException {
        Map<String, float[]> all = Checkpoint.read(req.weights()).vars();
        DeepTauNetwork net = new DeepTauNetwork(req.network(), req.inputs(), req.adversarial());
        try (AtomicDirectory out = AtomicDirectory.create(req.output())) {
            Map<String, float[]> weights = savedModel(net, all, out.staging().resolve(SAVED_MODEL));
            Files.write(out.staging().resolve(FROZEN_GRAPH), frozenGraph(net, weights).toByteArray());
            // every variable, the optimizer state included, so that use_previous_opt can start from it
            Checkpoint.write(out.staging().resolve(WEIGHTS), new Checkpoint.State("export", 0, 0, 0, 0, 0,
                    List.of(), List.of()), all);
            if (req.scaling() != null) {
                Files.copy(req.scaling(), out.staging().resolve("scaling.json"));
            }
            for (var c : req.checkpoints().entrySet()) {
                savedModel(net, Checkpoint.read(c.getValue()).vars(),
                        out.staging().resolve(CHECKPOINTS).resolve(c.getKey()).resolve(SAVED_MODEL));
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            if (req.settings() != null) {
                settings.putAll(req.settings());
            }
            // name before shape in every JVM (Map.of iterates in an order salted per JVM run)
            settings.put("inputs", req.inputs().stream().map(s -> {
                Map<String, Object> input = new LinkedHashMap<>();
                input.put("name", s.name());
                input.put("shape", s.shape());
                return input;
            }).toList());
            settings.put("outputs", req.adversarial() ? List.of("main_output", "adv_output") : List.of("main_output"));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.staging().resolve("settings.json").toFile(), settings);
            out.publish();
        }
        return req.output();
    }

    /** Builds the inference graph on variables, loads the weights, exports; returns the network's weights. */
    private static Map<String, float[]> savedModel(DeepTauNetwork net, Map<String, float[]> all, Path dir)
            throws IOException {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            VariableStore store = new VariableStore(tf);
            Map<String, Operand<TFloat32>> x = net.placeholders(tf);
            DeepTauNetwork.Outputs out = net.forward(tf, store, x, false, null, true);
            Map<String, float[]> weights = new LinkedHashMap<>();
            for (String name : store.all().keySet()) {
                float[] v = all.get(name);
                if (v == null) {
                    throw new IOException("the trained weights have no " + name + "; they come from another network");
                }
                weights.put(name, v);
            }
            try (Session s = new Session(g, SessionConfig.of(0, 0))) {
                store.write(s, weights);
                Signature.Builder sig = Signature.builder().key(SIGNATURE);
                for (var e : x.entrySet()) {
                    sig.input(e.getKey(), e.getValue());
                }
                sig.output("main_output", out.probs());
                if (out.adv() != null) {
                    sig.output("adv_output", out.adv());
                }
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(sig.build(), s)).export();
            }
            return weights;
        }
    }

    /** The inference graph with every weight a constant. */
    static GraphDef frozenGraph(DeepTauNetwork net, Map<String, float[]> weights) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Map<String, Operand<TFloat32>> x = net.placeholders(tf);
            Params constants = (layer, param, shape, init, fanIn, trainable) -> {
                String name = layer + "/" + param;
                float[] v = weights.get(name);
                return tf.withName(VariableStore.opName(name)).constant(Shape.of(shape), DataBuffers.of(v, true, false));
            };
            net.forward(tf, constants, x, false, null, true);
            return g.toGraphDef();
        }
    }

    /**
     * Predictions of an exported SavedModel: {@code [0]} = [rows × 4] class probabilities, {@code [1]} = [rows] y_adv
     * or null.
     */
    public static float[][] predictSavedModel(Path modelDir, List<InputSpec> inputs, float[][] x, int rows) {
        try (SavedModelBundle b = loadSavedModel(modelDir)) {
            Map<String, Tensor> feed = new LinkedHashMap<>();
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    feed.put(inputs.get(i).name(), tensor(inputs.get(i), x[i], rows));
                }
                try (Result r = b.function(SIGNATURE).call(feed)) {
                    float[][] out = new float[2][];
                    out[0] = read((TFloat32) r.get("main_output").orElseThrow(), rows * 4);
                    if (r.get("adv_output").isPresent()) {
                        out[1] = read((TFloat32) r.get("adv_output").get(), rows);
                    }
                    return out;
                }
            } finally {
                feed.values().forEach(Tensor::close);
            }
        }
    }

    /**
     * Loads the SavedModel of a model directory with {@link SessionConfig} (the settings it was trained with, so
     * that its predictions are bitwise those of training). The caller closes it.
     */
    public static SavedModelBundle loadSavedModel(Path modelDir) {
        return SavedModelBundle.loader(modelDir.resolve(SAVED_MODEL).toString()).withTags("serve")
                .withConfigProto(SessionConfig.of(0, 0)).load();
    }

    /** Predictions of an exported frozen graph, as {@link #predictSavedModel}. */
    public static float[][] predictFrozen(Path pb, List<InputSpec> inputs, float[][] x, int rows) throws IOException {
        GraphDef def = GraphDef.parseFrom(Files.readAllBytes(pb));
        try (Graph g = new Graph()) {
            g.importGraphDef(def);
            try (Session s = new Session(g, SessionConfig.of(0, 0))) {
                List<Tensor> feed = new ArrayList<>();
                try {
                    Session.Runner r = s.runner();
                    for (int i = 0; i < inputs.size(); i++) {
                        Tensor t = tensor(inputs.get(i), x[i], rows);
                        feed.add(t);
                        r.feed(inputs.get(i).name(), t);
                    }
                    r.fetch("main_output");
                    boolean adv = g.operation("adv_output") != null;
                    if (adv) {
                        r.fetch("adv_output");
                    }
                    try (Result res = r.run()) {
                        float[][] out = new float[2][];
                        out[0] = read((TFloat32) res.get(0), rows * 4);
                        if (adv) {
                            out[1] = read((TFloat32) res.get(1), rows);
                        }
                        return out;
                    }
                } finally {
                    feed.forEach(Tensor::close);
                }
            }
        }
    }

    private static TFloat32 tensor(InputSpec s, float[] data, int rows) {
        long[] shape = new long[s.shape().length + 1];
        shape[0] = rows;
        for (int d = 0; d < s.shape().length; d++) {
            shape[d + 1] = s.shape()[d];
        }
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
    }

    private static float[] read(TFloat32 t, int n) {
        float[] a = new float[n];
        t.asRawTensor().data().asFloats().read(a);
        return a;
    }
}
