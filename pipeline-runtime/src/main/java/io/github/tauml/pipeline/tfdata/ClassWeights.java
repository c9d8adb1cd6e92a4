package io.github.tauml.pipeline.tfdata;

import java.util.List;

/**
 * Per-class (|η|, pT) spectrum weights of the classification dataset (§2.8, TauMLTools {@code histogram2d.h} and
 * the {@code DataLoader} constructor). Each class (e, μ, τ, jet) is histogrammed in pT rows ({@code yaxis}) with a
 * per-row |η| binning ({@code xaxis_list}); values outside are put in the first or last bin. The weight of a class
 * in a bin is target / input, where the <b>target</b> is the τh class's (|η|, pT) shape, restricted to the bins the
 * class populates and scaled to N/4 (N = all selected candidates): every class then follows the τh spectrum and
 * carries a quarter of the total weight, so the mean weight is 1. Candidates in a bin the τh class does not
 * populate get weight 0.
 */
public final class ClassWeights implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** TauMLTools training_v1.yaml {@code yaxis}: pT row edges in GeV. */
    public static final double[] PT_EDGES = {20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170,
        180, 190, 200, 250, 300, 350, 400, 450, 500, 600, 700, 1000};
    private static final double[] ETA_FINE = range(0, 2.5, 25);
    private static final double[] ETA_300 = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.5, 1.8, 2.1, 2.5};
    private static final double[] ETA_500 = {0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.5};

    /** {@code xaxis_list}: the |η| edges of every pT row (0.1 steps below 300 GeV, coarser above). */
    public static List<double[]> etaEdges() {
        java.util.ArrayList<double[]> out = new java.util.ArrayList<>();
        for (int r = 0; r < PT_EDGES.length - 1; r++) {
            double lo = PT_EDGES[r];
            out.add(lo < 300 ? ETA_FINE : lo < 500 ? ETA_300 : ETA_500);
        }
        return out;
    }

    private static double[] range(double a, double b, int n) {
        double[] e = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            e[i] = Math.round((a + (b - a) * i / n) * 1e9) / 1e9;
        }
        return e;
    }

    private final double[] ptEdges;
    private final List<double[]> etaEdges;
    private final int[] rowStart;
    /** [class][bin] counts, then weights. */
    private final double[][] counts;
    private double[][] weights;

    public ClassWeights(double[] ptEdges, List<double[]> etaEdges) {
        if (etaEdges.size() != ptEdges.length - 1) {
            throw new IllegalArgumentException(ptEdges.length - 1 + " pT rows but " + etaEdges.size()
                    + " |η| binnings");
        }
        this.ptEdges = ptEdges.clone();
        this.etaEdges = List.copyOf(etaEdges);
        rowStart = new int[etaEdges.size() + 1];
        for (int r = 0; r < etaEdges.size(); r++) {
            rowStart[r + 1] = rowStart[r] + etaEdges.get(r).length - 1;
        }
        counts = new double[4][rowStart[etaEdges.size()]];
    }

    public static ClassWeights reference() {
        return new ClassWeights(PT_EDGES, etaEdges());
    }

    /** The flat bin of (pT, |η|), values outside the axes clamped into the edge bins. */
    public int bin(double pt, double absEta) {
        int r = find(ptEdges, pt);
        double[] e = etaEdges.get(r);
        return rowStart[r] + find(e, absEta);
    }

    private static int find(double[] edges, double x) {
        int n = edges.length - 1;
        if (!(x >= edges[0])) {
            return 0;
        }
        if (x >= edges[n]) {
            return n - 1;
        }
        int lo = 0;
        int hi = n;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x >= edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public void count(int cls, double pt, double absEta) {
        counts[cls][bin(pt, absEta)]++;
    }

    /**
     * Adds the counts of {@code other} (same binning), as if its candidates had been counted here: the counts are
     * whole numbers, so the sum does not depend on the order (partial spectra of an executor's ranges, issue 13).
     */
    public void add(ClassWeights other) {
        if (other.counts[0].length != counts[0].length) {
            throw new IllegalArgumentException("class weights of another binning");
        }
        for (int c = 0; c < 4; c++) {
            for (int b = 0; b < counts[c].length; b++) {
                counts[c][b] += other.counts[c][b];
            }
        }
    }

    public long total(int cls) {
        double s = 0;
        for (double c : counts[cls]) {
            s += c;
        }
        return (long) s;
    }

    /**
     * Computes the weights; returns max/min over the bins that hold candidates and a positive weight, which the
     * caller compares with {@code weight_thr}.
     */
    public double compute() {
        long all = 0;
        for (int c = 0; c < 4; c++) {
            all += total(c);
        }
        weights = new double[4][counts[0].length];
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int c = 0; c < 4; c++) {
            long n = total(c);
            if (n == 0) {
                continue;
            }
            double overlap = 0;
            for (int b = 0; b < counts[c].length; b++) {
                if (counts[c][b] > 0) {
                    overlap += counts[2][b];
                }
            }
            if (overlap == 0) {
                continue;
            }
            for (int b = 0; b < counts[c].length; b++) {
                if (counts[c][b] == 0) {
                    continue;
                }
                double target = counts[2][b] / overlap * (all / 4.0);
                double w = target / counts[c][b];
                weights[c][b] = w;
                if (w > 0) {
                    min = Math.min(min, w);
                    max = Math.max(max, w);
                }
            }
        }
        return max == 0 ? 1 : max / min;
    }

    /** The weight of a candidate of class {@code cls}; {@link #compute()} first. */
    public float weight(int cls, double pt, double absEta) {
        return (float) weights[cls][bin(pt, absEta)];
    }
}
