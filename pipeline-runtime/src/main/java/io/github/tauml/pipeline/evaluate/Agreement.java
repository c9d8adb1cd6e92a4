package io.github.tauml.pipeline.evaluate;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Data/simulation agreement of a distribution: χ²/ndf of two histograms with both statistical errors, a weighted
 * two-sample Kolmogorov–Smirnov distance, and the bin ratios the reference's notebook prints (reference §5, §6).
 */
public final class Agreement {
    private Agreement() {
    }

    /**
     * χ² of data against expected counts, no normalisation (§5: the raw weighted counts are compared).
     *
     * @param chi2   Σ_b (D_b − M_b)² / (σ²_D,b + σ²_M,b) over bins with a non-zero denominator
     * @param ndf    the number of those bins (no parameter is fitted)
     * @param pValue upper tail probability of χ² with ndf degrees of freedom (commons-math3)
     */
    public record Chi2(double chi2, int ndf, double pValue) {
        /** χ²/ndf; NaN when no bin had an error. */
        public double perNdf() {
            return ndf == 0 ? Double.NaN : chi2 / ndf;
        }
    }

    /** χ² of {@code data} against {@code expected}, each bin's variance the sum of both histograms' Σw². */
    public static Chi2 chi2(Histogram data, Histogram expected) {
        double chi2 = 0;
        int ndf = 0;
        for (int b = 0; b < data.bins(); b++) {
            double var = data.sumw2(b) + expected.sumw2(b);
            if (var > 0) {
                double d = data.content(b) - expected.content(b);
                chi2 += d * d / var;
                ndf++;
            }
        }
        double p = ndf == 0 ? Double.NaN : new ChiSquaredDistribution(null, ndf).cumulativeProbability(chi2);
        return new Chi2(chi2, ndf, ndf == 0 ? Double.NaN : 1 - p);
    }

    /**
     * Weighted two-sample KS distance: sup_x |F_a(x) − F_b(x)| of the two weighted empirical CDFs, each normalised to
     * its own total weight. Ties are handled by stepping over every equal value of both samples at once.
     *
     * @return the distance, or NaN when either sample has no positive total weight
     */
    public static double ks(float[] a, float[] wa, float[] b, float[] wb) {
        int[] ia = order(a);
        int[] ib = order(b);
        double ta = sum(wa, ia), tb = sum(wb, ib);
        if (!(ta > 0) || !(tb > 0)) {
            return Double.NaN;
        }
        double ca = 0, cb = 0, d = 0;
        int i = 0, j = 0;
        while (i < ia.length || j < ib.length) {
            float x = i < ia.length && (j >= ib.length || a[ia[i]] <= b[ib[j]]) ? a[ia[i]] : b[ib[j]];
            while (i < ia.length && a[ia[i]] == x) {
                ca += wa[ia[i++]];
            }
            while (j < ib.length && b[ib[j]] == x) {
                cb += wb[ib[j++]];
            }
            d = Math.max(d, Math.abs(ca / ta - cb / tb));
        }
        return d;
    }

    /**
     * Root mean square of (ratio − 1) over the last {@code k} bins, ratio = data/expected; bins with no expectation
     * are skipped. The notebook's "RMS(ratio−1), last 10 bins" (§6).
     */
    public static double rmsRatioTop(Histogram data, Histogram expected, int k) {
        double s = 0;
        int n = 0;
        for (int b = Math.max(0, data.bins() - k); b < data.bins(); b++) {
            if (expected.content(b) > 0) {
                double r = data.content(b) / expected.content(b) - 1;
                s += r * r;
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(s / n);
    }

    /** data/expected in the highest bin (0.9975–1 for D_jet, §6); NaN if nothing is expected there. */
    public static double topBinRatio(Histogram data, Histogram expected) {
        int b = data.bins() - 1;
        return expected.content(b) > 0 ? data.content(b) / expected.content(b) : Double.NaN;
    }

    /** Indices of the non-NaN values, sorted by value. */
    static int[] order(float[] x) {
        return java.util.stream.IntStream.range(0, x.length).filter(i -> !Float.isNaN(x[i])).boxed()
                .sorted((p, q) -> Float.compare(x[p], x[q])).mapToInt(Integer::intValue).toArray();
    }

    static double sum(float[] w, int[] rows) {
        double s = 0;
        for (int i : rows) {
            s += w[i];
        }
        return s;
    }

    static float[] ones(int n) {
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        return w;
    }
}
