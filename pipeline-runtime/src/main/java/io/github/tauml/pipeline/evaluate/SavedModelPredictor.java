package io.github.tauml.pipeline.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.SessionFunction;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Predictor} over an exported SavedModel's {@code serving_default} signature (inputs {@code input_tau},
 * {@code input_inner_egamma}, ...; outputs {@code main_output} [batch, 4] and, with the adversarial head,
 * {@code adv_output} [batch, 1]): the evaluation runs what is shipped, not the training graph.
 */
public final class SavedModelPredictor implements Predictor {
    private final SavedModelBundle bundle;
    private final SessionFunction function;
    private final List<String> inputs;
    private final Map<String, long[]> shapes = new LinkedHashMap<>();
    private final boolean adversarialHead;

    /**
     * @param savedModel the SavedModel directory ({@code saved_model.pb}, {@code variables/})
     * @param inputOrder the dataset spec's input names, in the order batches carry them
     * @param threads    TF intra-op threads (0: TensorFlow's default)
     */
    public SavedModelPredictor(Path savedModel, List<String> inputOrder, int threads) {
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(threads == 0 ? 0 : 1).build();
        this.bundle = SavedModelBundle.loader(savedModel.toString()).withTags("serve").withConfigProto(config).load();
        this.function = bundle.function("serving_default");
        Signature sig = function.signature();
        for (String name : inputOrder) {
            Signature.TensorDescription d = sig.getInputs().get(name);
            if (d == null) {
                close();
                throw new IllegalArgumentException(savedModel + ": the serving signature has no input '" + name
                        + "'; it has " + sig.getInputs().keySet());
            }
            shapes.put(name, d.shape.asArray());
        }
        if (!sig.getOutputs().containsKey("main_output")) {
            close();
            throw new IllegalArgumentException(savedModel + ": the serving signature has no output main_output; it"
                    + " has " + sig.getOutputs().keySet());
        }
        this.inputs = List.copyOf(inputOrder);
        this.adversarialHead = sig.getOutputs().containsKey("adv_output");
    }

    @Override
    public List<String> inputNames() {
        return inputs;
    }

    @Override
    public boolean hasAdversarialHead() {
        return adversarialHead;
    }

    @Override
    public Output predict(Batch batch) {
        int n = batch.size();
        Map<String, Tensor> feed = new LinkedHashMap<>();
        List<Tensor> open = new ArrayList<>();
        try {
            for (int i = 0; i < inputs.size(); i++) {
                long[] shape = shapes.get(inputs.get(i)).clone();
                shape[0] = n;
                TFloat32 t = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(batch.inputs().get(i), true, false));
                open.add(t);
                feed.put(inputs.get(i), t);
            }
            try (Result r = function.call(feed)) {
                float[] p = new float[n * 4];
                ((TFloat32) r.get("main_output").orElseThrow()).copyTo(DataBuffers.of(p, false, false));
                float[] adv = null;
                if (adversarialHead) {
                    adv = new float[n];
                    ((TFloat32) r.get("adv_output").orElseThrow()).copyTo(DataBuffers.of(adv, false, false));
                }
                return new Output(p, adv);
            }
        } finally {
            open.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
