package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;

/**
 * A model's predictions on the adversarial evaluation mix, one row per τ candidate in the mix's order, as the CSV of
 * {@code apply_adversarial_training.py} (reference §4) plus the candidate's kinematics:
 * {@code Djet,y,weights[,y_pred_adv],dataset_id,tau_pt,tau_eta,tau_decayMode[,toy_truth_tauType]}.
 *
 * @param djet             D_jet = p_τ/(p_τ+p_jet) (§3.1)
 * @param y                1 for data, 0 for simulation
 * @param weights          the pT weight of the candidate (§2.5)
 * @param yPredAdv         the adversarial head's sigmoid output (probability of data), or null for a model without
 *                         the head (no {@code y_pred_adv} column)
 * @param datasetId        0 data, 1 DYT, 2 TTT, 3 DYM, 4 TTJ, 5 WJ, 6 QCD (§2.5)
 * @param tauPt            reconstructed τ pT in GeV
 * @param tauEta           reconstructed τ η
 * @param tauDecayMode     HPS decay mode
 * @param toyTruthTauType  toy inputs only: the true kind of each candidate as a TauType code (0 e, 1 μ, 2 τh, 3 jet,
 *                         −1 no generator object, e.g. a pile-up jet), also for data; null when the source carries
 *                         no toy truth. Never a network input.
 */
public record AdversarialPredictions(float[] djet, int[] y, float[] weights, float[] yPredAdv, int[] datasetId,
                                     float[] tauPt, float[] tauEta, int[] tauDecayMode, int[] toyTruthTauType) {
    public static final String DJET = "Djet", Y = "y", WEIGHTS = "weights", Y_PRED_ADV = "y_pred_adv",
            DATASET_ID = "dataset_id", TAU_PT = "tau_pt", TAU_ETA = "tau_eta", TAU_DECAY_MODE = "tau_decayMode",
            TOY_TRUTH = "toy_truth_tauType";

    public AdversarialPredictions {
        int n = djet.length;
        check(n, y.length, Y);
        check(n, weights.length, WEIGHTS);
        check(n, yPredAdv == null ? n : yPredAdv.length, Y_PRED_ADV);
        check(n, datasetId.length, DATASET_ID);
        check(n, tauPt.length, TAU_PT);
        check(n, tauEta.length, TAU_ETA);
        check(n, tauDecayMode.length, TAU_DECAY_MODE);
        check(n, toyTruthTauType == null ? n : toyTruthTauType.length, TOY_TRUTH);
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("y must be 1 (data) or 0 (simulation), row " + i + " has " + y[i]);
            }
        }
    }

    private static void check(int n, int m, String column) {
        if (m != n) {
            throw new IllegalArgumentException("column " + column + " has " + m + " rows, Djet has " + n);
        }
    }

    public int size() {
        return djet.length;
    }

    public boolean hasAdversarialHead() {
        return yPredAdv != null;
    }

    public boolean hasToyTruth() {
        return toyTruthTauType != null;
    }

    /** The header this file is written with. */
    public List<String> header() {
        List<String> h = new ArrayList<>(List.of(DJET, Y, WEIGHTS));
        if (hasAdversarialHead()) {
            h.add(Y_PRED_ADV);
        }
        h.addAll(List.of(DATASET_ID, TAU_PT, TAU_ETA, TAU_DECAY_MODE));
        if (hasToyTruth()) {
            h.add(TOY_TRUTH);
        }
        return h;
    }

    /**
     * Writes the CSV atomically (temporary name, then moved into place). Floats are written in Java's shortest
     * round-trip form, so the same predictions give the same bytes and read back exactly.
     */
    public void write(Path file) throws IOException {
        StringWriter out = new StringWriter(size() * 64 + 128);
        try (CSVPrinter p = new CSVPrinter(out, CsvColumns.writeFormat(header().toArray(String[]::new)))) {
            List<Object> row = new ArrayList<>(9);
            for (int i = 0; i < size(); i++) {
                row.clear();
                row.add(Float.toString(djet[i]));
                row.add(y[i]);
                row.add(Float.toString(weights[i]));
                if (hasAdversarialHead()) {
                    row.add(Float.toString(yPredAdv[i]));
                }
                row.add(datasetId[i]);
                row.add(Float.toString(tauPt[i]));
                row.add(Float.toString(tauEta[i]));
                row.add(tauDecayMode[i]);
                if (hasToyTruth()) {
                    row.add(toyTruthTauType[i]);
                }
                p.printRecord(row);
            }
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /**
     * Reads a predictions CSV written by {@link #write} or by TauMLTools (an unnamed pandas index column is ignored;
     * {@code y_pred_adv} and {@code toy_truth_tauType} are optional).
     *
     * @throws EvaluateException naming the file, line and column when a column is missing or a cell is not a number
     */
    public static AdversarialPredictions read(Path file) throws EvaluateException {
        String what = "Predictions CSV";
        CsvColumns c = CsvColumns.read(file, what);
        c.require(what, DJET, Y, WEIGHTS, DATASET_ID, TAU_PT, TAU_ETA, TAU_DECAY_MODE);
        int[] y = c.ints(Y);
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new EvaluateException(file + " line " + (i + 2) + ", column y: " + y[i] + " is neither 1"
                        + " (data) nor 0 (simulation). Fix: y is the data/simulation label of the adversarial mix.");
            }
        }
        return new AdversarialPredictions(c.floats(DJET), y, c.floats(WEIGHTS),
                c.has(Y_PRED_ADV) ? c.floats(Y_PRED_ADV) : null, c.ints(DATASET_ID), c.floats(TAU_PT),
                c.floats(TAU_ETA), c.ints(TAU_DECAY_MODE), c.has(TOY_TRUTH) ? c.ints(TOY_TRUTH) : null);
    }
}
