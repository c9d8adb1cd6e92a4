package io.github.tauml.pipeline.evaluate;

/**
 * A weighted ROC curve of a score separating signal from background: efficiency (true-positive rate) against
 * mis-identification rate (false-positive rate) for every distinct threshold, highest score first, starting at (0, 0)
 * and ending at (1, 1). The area is the trapezoidal sum over the curve, which equals the weighted probability that a
 * signal candidate scores above a background one, ties counting one half (what {@code sklearn.metrics.roc_auc_score}
 * with {@code sample_weight} returns).
 *
 * @param efficiency signal efficiency at each point, increasing
 * @param misId      background mis-identification rate at each point, increasing
 * @param threshold  the score threshold of each point (candidates with score ≥ threshold pass); +∞ at the first
 * @param auc        area under the curve
 */
public record Roc(double[] efficiency, double[] misId, double[] threshold, double auc) {

    /**
     * The ROC of {@code score} for rows where {@code signal[i]} or {@code background[i]}; rows that are neither, or
     * whose score is NaN, are ignored.
     *
     * @throws IllegalArgumentException when the lengths differ or either class has no positive total weight
     */
    public static Roc of(float[] score, boolean[] signal, boolean[] background, float[] weight) {
        int n = score.length;
        if (signal.length != n || background.length != n || weight.length != n) {
            throw new IllegalArgumentException("score, signal, background and weight must have the same length");
        }
        int[] used = java.util.stream.IntStream.range(0, n)
                .filter(i -> (signal[i] || background[i]) && !Float.isNaN(score[i])).boxed()
                .sorted((p, q) -> Float.compare(score[q], score[p])).mapToInt(Integer::intValue).toArray();
        double ts = 0, tb = 0;
        for (int i : used) {
            if (signal[i]) {
                ts += weight[i];
            } else {
                tb += weight[i];
            }
        }
        if (!(ts > 0) || !(tb > 0)) {
            throw new IllegalArgumentException("a ROC curve needs signal and background with positive total weight;"
                    + " got " + ts + " and " + tb);
        }
        double[] eff = new double[used.length + 1];
        double[] mis = new double[used.length + 1];
        double[] thr = new double[used.length + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        double s = 0, b = 0, area = 0;
        int k = 0;
        while (k < used.length) {
            float x = score[used[k]];
            while (k < used.length && score[used[k]] == x) {
                int i = used[k++];
                if (signal[i]) {
                    s += weight[i];
                } else {
                    b += weight[i];
                }
            }
            eff[points] = s / ts;
            mis[points] = b / tb;
            thr[points] = x;
            area += (mis[points] - mis[points - 1]) * (eff[points] + eff[points - 1]) / 2;
            points++;
        }
        return new Roc(java.util.Arrays.copyOf(eff, points), java.util.Arrays.copyOf(mis, points),
                java.util.Arrays.copyOf(thr, points), area);
    }

    /** The AUC alone (see {@link #of}). */
    public static double auc(float[] score, boolean[] signal, boolean[] background, float[] weight) {
        return of(score, signal, background, weight).auc();
    }

    /**
     * Weighted fraction of signal and of background with score strictly above {@code cut}: the efficiency and the
     * mis-identification rate at a working point.
     *
     * @return {efficiency, misId}
     */
    public static double[] rates(float[] score, boolean[] signal, boolean[] background, float[] weight, double cut) {
        double ps = 0, ts = 0, pb = 0, tb = 0;
        for (int i = 0; i < score.length; i++) {
            if (Float.isNaN(score[i])) {
                continue;
            }
            boolean pass = score[i] > cut;
            if (signal[i]) {
                ts += weight[i];
                ps += pass ? weight[i] : 0;
            } else if (background[i]) {
                tb += weight[i];
                pb += pass ? weight[i] : 0;
            }
        }
        return new double[] {ts > 0 ? ps / ts : Double.NaN, tb > 0 ? pb / tb : Double.NaN};
    }
}
