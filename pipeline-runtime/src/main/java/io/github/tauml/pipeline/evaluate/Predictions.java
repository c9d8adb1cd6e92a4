package io.github.tauml.pipeline.evaluate;

import java.util.Arrays;

/**
 * Runs a {@link Predictor} over evaluation batches and collects the prediction tables: the adversarial-mix table
 * ({@link AdversarialPredictions}, §4) and the classification table ({@link ClassPredictions}). Batches are appended
 * in the order given, so the rows keep the dataset's order (the mix's order for the adversarial set).
 */
public final class Predictions {
    private Predictions() {
    }

    /**
     * One batch of the adversarial evaluation dataset with its per-candidate columns (dataset contract: {@code label},
     * {@code weight}, {@code dataset_id}, {@code tau_pt}, {@code tau_eta}, {@code tau_decayMode}, optional
     * {@code toy_truth_tauType}).
     *
     * @param toyTruthTauType null when the dataset carries no toy truth
     */
    public record AdversarialBatch(Predictor.Batch inputs, float[] label, float[] weight, long[] datasetId,
                                   float[] tauPt, float[] tauEta, long[] tauDecayMode, long[] toyTruthTauType) {
    }

    /**
     * One batch of the classification evaluation dataset.
     *
     * @param y      row-major one-hot {@code [size, 4]}, order e, μ, τ, jet
     * @param weight {@code [size]}
     */
    public record ClassBatch(Predictor.Batch inputs, float[] y, float[] weight) {
    }

    /** Collects the adversarial-mix table. */
    public static final class AdversarialCollector {
        private final boolean head;
        private Boolean truth;
        private int n;
        private float[] djet = new float[1024], w = new float[1024], adv = new float[1024], pt = new float[1024],
                eta = new float[1024];
        private int[] y = new int[1024], id = new int[1024], dm = new int[1024], tt = new int[1024];

        public AdversarialCollector(boolean adversarialHead) {
            this.head = adversarialHead;
        }

        /** Predicts {@code batch} with {@code predictor} and appends its rows. */
        public void add(Predictor predictor, AdversarialBatch batch) {
            add(predictor.predict(batch.inputs()), batch);
        }

        /** Appends the rows of a batch whose network output is already known. */
        public void add(Predictor.Output out, AdversarialBatch b) {
            int m = b.inputs().size();
            if (out.probabilities().length != 4 * m || b.label().length != m || b.weight().length != m
                    || b.datasetId().length != m || b.tauPt().length != m || b.tauEta().length != m
                    || b.tauDecayMode().length != m) {
                throw new IllegalArgumentException("a batch of " + m + " candidates needs [" + m + ", 4]"
                        + " probabilities and " + m + " values of every column");
            }
            if (head && (out.yAdv() == null || out.yAdv().length != m)) {
                throw new IllegalArgumentException("the model has an adversarial head but gave no y_adv for "
                        + m + " candidates");
            }
            boolean hasTruth = b.toyTruthTauType() != null;
            if (truth != null && truth != hasTruth) {
                throw new IllegalArgumentException("toy_truth_tauType is present in some batches only");
            }
            truth = hasTruth;
            grow(n + m);
            float[] d = Discriminators.vs(out.probabilities(), Discriminators.JET);
            for (int i = 0; i < m; i++, n++) {
                djet[n] = d[i];
                y[n] = b.label()[i] > 0.5f ? 1 : 0;
                w[n] = b.weight()[i];
                adv[n] = head ? out.yAdv()[i] : 0;
                id[n] = (int) b.datasetId()[i];
                pt[n] = b.tauPt()[i];
                eta[n] = b.tauEta()[i];
                dm[n] = (int) b.tauDecayMode()[i];
                tt[n] = hasTruth ? (int) b.toyTruthTauType()[i] : 0;
            }
        }

        public AdversarialPredictions build() {
            boolean t = truth != null && truth;
            return new AdversarialPredictions(Arrays.copyOf(djet, n), Arrays.copyOf(y, n), Arrays.copyOf(w, n),
                    head ? Arrays.copyOf(adv, n) : null, Arrays.copyOf(id, n), Arrays.copyOf(pt, n),
                    Arrays.copyOf(eta, n), Arrays.copyOf(dm, n), t ? Arrays.copyOf(tt, n) : null);
        }

        private void grow(int need) {
            if (need <= djet.length) {
                return;
            }
            int c = Math.max(need, djet.length * 2);
            djet = Arrays.copyOf(djet, c);
            w = Arrays.copyOf(w, c);
            adv = Arrays.copyOf(adv, c);
            pt = Arrays.copyOf(pt, c);
            eta = Arrays.copyOf(eta, c);
            y = Arrays.copyOf(y, c);
            id = Arrays.copyOf(id, c);
            dm = Arrays.copyOf(dm, c);
            tt = Arrays.copyOf(tt, c);
        }
    }

    /** Collects the classification table. */
    public static final class ClassCollector {
        private int n;
        private float[] p = new float[4096], w = new float[1024];
        private int[] y = new int[1024];

        /** Predicts {@code batch} with {@code predictor} and appends its rows. */
        public void add(Predictor predictor, ClassBatch batch) {
            add(predictor.predict(batch.inputs()), batch);
        }

        /** Appends the rows of a batch whose network output is already known. */
        public void add(Predictor.Output out, ClassBatch b) {
            int m = b.inputs().size();
            if (out.probabilities().length != 4 * m || b.y().length != 4 * m || b.weight().length != m) {
                throw new IllegalArgumentException("a batch of " + m + " candidates needs [" + m + ", 4]"
                        + " probabilities, [" + m + ", 4] one-hot labels and " + m + " weights");
            }
            if (n + m > w.length) {
                int c = Math.max(n + m, w.length * 2);
                p = Arrays.copyOf(p, 4 * c);
                w = Arrays.copyOf(w, c);
                y = Arrays.copyOf(y, c);
            }
            System.arraycopy(out.probabilities(), 0, p, 4 * n, 4 * m);
            for (int i = 0; i < m; i++, n++) {
                int k = 0;
                for (int j = 1; j < 4; j++) {
                    if (b.y()[4 * i + j] > b.y()[4 * i + k]) {
                        k = j;
                    }
                }
                y[n] = k;
                w[n] = b.weight()[i];
            }
        }

        public ClassPredictions build() {
            return new ClassPredictions(Arrays.copyOf(p, 4 * n), Arrays.copyOf(y, n), Arrays.copyOf(w, n));
        }
    }
}
