package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/**
 * A model's class probabilities on the classification evaluation set, for the ROC curves: the CSV
 * {@code p_e,p_mu,p_tau,p_jet,y_class,weight}, one row per τ candidate.
 *
 * @param probabilities row-major {@code [n, 4]} softmax outputs, order e, μ, τ, jet (§3.1)
 * @param yClass        the true class index (0 e, 1 μ, 2 τ, 3 jet), the argmax of the one-hot {@code y}
 * @param weight        the classification weight of the candidate (§2.8)
 */
public record ClassPredictions(float[] probabilities, int[] yClass, float[] weight) {
    public static final String P_E = "p_e", P_MU = "p_mu", P_TAU = "p_tau", P_JET = "p_jet", Y_CLASS = "y_class",
            WEIGHT = "weight";

    public ClassPredictions {
        if (probabilities.length != yClass.length * Discriminators.CLASSES || weight.length != yClass.length) {
            throw new IllegalArgumentException("probabilities must be [n, 4] with n = " + yClass.length
                    + " labels and weights; got " + probabilities.length + " values and " + weight.length
                    + " weights");
        }
        for (int i = 0; i < yClass.length; i++) {
            if (yClass[i] < 0 || yClass[i] >= Discriminators.CLASSES) {
                throw new IllegalArgumentException("y_class must be 0 (e), 1 (mu), 2 (tau) or 3 (jet); row " + i
                        + " has " + yClass[i]);
            }
        }
    }

    public int size() {
        return yClass.length;
    }

    /** D_x against class {@code other} (a {@link Discriminators} index) for every row. */
    public float[] discriminator(int other) {
        return Discriminators.vs(probabilities, other);
    }

    /** Writes the CSV atomically, floats in their shortest round-trip form. */
    public void write(Path file) throws IOException {
        StringWriter out = new StringWriter(size() * 64 + 64);
        try (CSVPrinter p = new CSVPrinter(out, CsvColumns.writeFormat(P_E, P_MU, P_TAU, P_JET, Y_CLASS, WEIGHT))) {
            int k = Discriminators.CLASSES;
            for (int i = 0; i < size(); i++) {
                p.printRecord(Float.toString(probabilities[i * k]), Float.toString(probabilities[i * k + 1]),
                        Float.toString(probabilities[i * k + 2]), Float.toString(probabilities[i * k + 3]),
                        yClass[i], Float.toString(weight[i]));
            }
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /** Reads a CSV written by {@link #write}; errors name the file, line and column. */
    public static ClassPredictions read(Path file) throws EvaluateException {
        String what = "Class predictions CSV";
        CsvColumns c = CsvColumns.read(file, what);
        c.require(what, P_E, P_MU, P_TAU, P_JET, Y_CLASS, WEIGHT);
        float[][] cols = {c.floats(P_E), c.floats(P_MU), c.floats(P_TAU), c.floats(P_JET)};
        int n = c.size();
        float[] p = new float[n * 4];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                p[i * 4 + k] = cols[k][i];
            }
        }
        int[] y = c.ints(Y_CLASS);
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] > 3) {
                throw new EvaluateException(file + " line " + (i + 2) + ", column y_class: " + y[i]
                        + " is not a class index. Fix: use 0 (e), 1 (mu), 2 (tau) or 3 (jet).");
            }
        }
        return new ClassPredictions(p, y, c.floats(WEIGHT));
    }
}
