package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The {@link Predictor} contract over a real TensorFlow graph (what the lead's SavedModel predictor does): a tiny
 * network {@code input_tau[n,3] → softmax(x·W)} with a sigmoid head {@code y_adv = σ(x·v)}, fed batch by batch; the
 * collected predictions carry D_jet = p_τ/(p_τ+p_jet) of the graph's softmax, in the dataset's order, and go through
 * the CSV to the metrics.
 */
class TensorFlowPredictorTest {
    static final float[][] W = {{0.2f, -0.1f, 1.5f, -1.0f}, {0.0f, 0.3f, -0.4f, 0.8f}, {0.1f, 0.1f, 0.6f, -0.2f}};
    static final float[] V = {0.05f, -0.02f, 0.01f};

    @TempDir
    Path dir;

    /** A session over the graph, as a Predictor. */
    static final class GraphPredictor implements Predictor {
        private final Graph graph = new Graph();
        private final Session session;
        private final Placeholder<TFloat32> input;
        private final Operand<TFloat32> probabilities;
        private final Operand<TFloat32> yAdv;

        GraphPredictor() {
            Ops tf = Ops.create(graph);
            input = tf.withName("input_tau").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            Operand<TFloat32> w = tf.constant(W);
            probabilities = tf.nn.softmax(tf.linalg.matMul(input, w));
            float[][] v = new float[3][1];
            for (int i = 0; i < 3; i++) {
                v[i][0] = V[i];
            }
            yAdv = tf.math.sigmoid(tf.reshape(tf.linalg.matMul(input, tf.constant(v)), tf.constant(new long[] {-1})));
            session = new Session(graph);
        }

        @Override
        public List<String> inputNames() {
            return List.of("input_tau");
        }

        @Override
        public boolean hasAdversarialHead() {
            return true;
        }

        @Override
        public Output predict(Batch batch) {
            int n = batch.size();
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, 3), DataBuffers.of(batch.inputs().get(0)));
                 Result r = session.runner().feed(input, x).fetch(probabilities).fetch(yAdv).run()) {
                float[] p = new float[4 * n], a = new float[n];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(p, false, false));
                ((TFloat32) r.get(1)).copyTo(DataBuffers.of(a, false, false));
                return new Output(p, a);
            }
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }

    @Test
    void predictionsFromAGraphReachTheCsvAndTheMetrics() throws Exception {
        Random rng = new Random(5);
        int batches = 20, size = 100;
        float[][] xs = new float[batches][];
        Predictions.AdversarialCollector adv = new Predictions.AdversarialCollector(true);
        try (GraphPredictor predictor = new GraphPredictor()) {
            for (int b = 0; b < batches; b++) {
                float[] x = new float[size * 3];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                xs[b] = x;
                float[] label = new float[size], weight = new float[size], pt = new float[size], eta = new float[size];
                long[] id = new long[size], dm = new long[size];
                for (int i = 0; i < size; i++) {
                    label[i] = i < 50 ? 1 : 0;
                    weight[i] = 1;
                    id[i] = i < 50 ? 0 : 1;
                    pt[i] = 30 + i;
                }
                adv.add(predictor, new Predictions.AdversarialBatch(new Predictor.Batch(size, List.of(x)), label,
                        weight, id, pt, eta, dm, null));
            }
        }
        AdversarialPredictions p = adv.build();
        assertThat(p.size()).isEqualTo(batches * size);
        for (int b = 0; b < batches; b += 7) {
            for (int i = 0; i < size; i += 13) {
                double[] z = new double[4];
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    for (int j = 0; j < 3; j++) {
                        z[k] += xs[b][3 * i + j] * W[j][k];
                    }
                    z[k] = Math.exp(z[k]);
                    sum += z[k];
                }
                double djet = (z[2] / sum) / (z[2] / sum + z[3] / sum);
                double a = 0;
                for (int j = 0; j < 3; j++) {
                    a += xs[b][3 * i + j] * V[j];
                }
                int row = b * size + i;
                assertThat((double) p.djet()[row]).isCloseTo(djet, within(1e-5));
                assertThat((double) p.yPredAdv()[row]).isCloseTo(1 / (1 + Math.exp(-a)), within(1e-5));
                assertThat(p.y()[row]).isEqualTo(i < 50 ? 1 : 0);
            }
        }
        Path csv = dir.resolve("adversarial_predictions.csv");
        p.write(csv);
        Map<String, Double> m = Metrics.compute(AdversarialPredictions.read(csv), null, DjetBinning.REFERENCE,
                WorkingPoint.V2P5_VSJET);
        // Data and simulation inputs are drawn alike, so the head cannot separate them: AUC 0.5 within 4 standard
        // errors √((n1+n2+1)/(12·n1·n2)) for 1000 + 1000 candidates.
        assertThat(m.get("adv_auc")).isCloseTo(0.5, within(4 * Math.sqrt(2001.0 / (12 * 1000.0 * 1000.0))));
    }
}
