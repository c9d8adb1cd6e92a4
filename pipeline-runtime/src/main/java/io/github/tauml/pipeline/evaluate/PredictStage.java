package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.tfdata.DatasetReader;
import io.github.tauml.pipeline.tfdata.DatasetRecord;
import io.github.tauml.pipeline.tfdata.DatasetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Applies an exported model to the evaluation datasets (reference workflow S8, {@code apply_adversarial_training.py}):
 * the adversarial evaluation mix, row by row in the mix's order, into the predictions CSV
 * ({@code Djet,y,weights[,y_pred_adv],dataset_id,tau_pt,tau_eta,tau_decayMode[,toy_truth_tauType]}), and the
 * classification validation split into the per-class CSV for the ROC curves. The model is the SavedModel that is
 * shipped, loaded through its serving signature.
 */
public final class PredictStage {
    private PredictStage() {
    }

    /**
     * @param model                 the model's name in logs ({@code default}, {@code adversarial})
     * @param savedModel            the SavedModel directory
     * @param evaluation            the adversarial evaluation dataset and its split
     * @param classification        the classification dataset and the split to predict (validation), or null
     * @param predictions           the predictions CSV to write
     * @param classPredictions      the per-class CSV to write, or null
     * @param batchSize             rows per call
     * @param threads               TF intra-op threads (0: TensorFlow's default)
     */
    public record Request(String model, Path savedModel, Path evaluation, String evaluationSplit, Path classification,
                          String classificationSplit, Path predictions, Path classPredictions, int batchSize,
                          int threads) {
    }

    /** What was predicted: rows of each table and the time taken. */
    public record Result(long rows, long classRows, double seconds) {
    }

    public static Result run(Request r, Consumer<String> log) throws IOException {
        long start = System.nanoTime();
        long rows;
        long classRows = 0;
        try (DatasetReader eval = DatasetReader.open(r.evaluation(), r.evaluationSplit())) {
            List<String> names = eval.spec().inputs().stream().map(DatasetSpec.Input::name).toList();
            try (SavedModelPredictor predictor = new SavedModelPredictor(r.savedModel(), names, r.threads())) {
                Predictions.AdversarialCollector adv = new Predictions.AdversarialCollector(
                        predictor.hasAdversarialHead());
                rows = adversarial(eval, predictor, adv, r.batchSize());
                adv.build().write(r.predictions());
                if (r.classification() != null && r.classPredictions() != null) {
                    try (DatasetReader cls = DatasetReader.open(r.classification(), r.classificationSplit())) {
                        Predictions.ClassCollector c = new Predictions.ClassCollector();
                        classRows = classification(cls, predictor, c, r.batchSize());
                        c.build().write(r.classPredictions());
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(Locale.ROOT, "%s model: predicted %,d evaluation-mix rows%s in %.1f s -> %s",
                r.model(), rows, classRows > 0 ? String.format(Locale.ROOT, " and %,d classification rows",
                        classRows) : "", seconds, r.predictions()));
        return new Result(rows, classRows, seconds);
    }

    private static long adversarial(DatasetReader in, Predictor predictor, Predictions.AdversarialCollector out,
                                    int batchSize) throws IOException {
        long rows = 0;
        List<DatasetRecord> batch = new ArrayList<>(batchSize);
        boolean truth = false;
        for (DatasetRecord rec; (rec = in.next()) != null; ) {
            batch.add(rec);
            truth |= rec.toyTruth() != -1;
            if (batch.size() == batchSize) {
                rows += flushAdversarial(batch, predictor, out, truth);
            }
        }
        return rows + flushAdversarial(batch, predictor, out, truth);
    }

    private static long flushAdversarial(List<DatasetRecord> batch, Predictor predictor,
                                         Predictions.AdversarialCollector out, boolean truth) {
        int n = batch.size();
        if (n == 0) {
            return 0;
        }
        float[] label = new float[n];
        float[] weight = new float[n];
        long[] id = new long[n];
        float[] pt = new float[n];
        float[] eta = new float[n];
        long[] dm = new long[n];
        long[] toy = new long[n];
        for (int i = 0; i < n; i++) {
            DatasetRecord r = batch.get(i);
            label[i] = r.targets()[0];
            weight[i] = r.weight();
            id[i] = r.datasetId();
            pt[i] = r.tauPt();
            eta[i] = r.tauEta();
            dm[i] = r.decayMode();
            toy[i] = r.toyTruth();
        }
        out.add(predictor, new Predictions.AdversarialBatch(inputs(batch), label, weight, id, pt, eta, dm,
                truth ? toy : null));
        batch.clear();
        return n;
    }

    private static long classification(DatasetReader in, Predictor predictor, Predictions.ClassCollector out,
                                       int batchSize) throws IOException {
        long rows = 0;
        List<DatasetRecord> batch = new ArrayList<>(batchSize);
        for (DatasetRecord rec; ; ) {
            rec = in.next();
            if (rec != null) {
                batch.add(rec);
            }
            if (batch.size() == batchSize || (rec == null && !batch.isEmpty())) {
                int n = batch.size();
                float[] y = new float[4 * n];
                float[] w = new float[n];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(batch.get(i).targets(), 0, y, 4 * i, 4);
                    w[i] = batch.get(i).weight();
                }
                out.add(predictor, new Predictions.ClassBatch(inputs(batch), y, w));
                rows += n;
                batch.clear();
            }
            if (rec == null) {
                return rows;
            }
        }
    }

    /** The records' dense inputs as one row-major array per network input. */
    private static Predictor.Batch inputs(List<DatasetRecord> batch) {
        int n = batch.size();
        int k = batch.get(0).inputs().length;
        List<float[]> x = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int size = batch.get(0).inputs()[i].length;
            float[] a = new float[n * size];
            for (int row = 0; row < n; row++) {
                System.arraycopy(batch.get(row).inputs()[i], 0, a, row * size, size);
            }
            x.add(a);
        }
        return new Predictor.Batch(n, x);
    }
}
