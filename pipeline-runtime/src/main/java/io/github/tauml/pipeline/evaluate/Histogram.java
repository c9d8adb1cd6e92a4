package io.github.tauml.pipeline.evaluate;

/**
 * A weighted 1D histogram with uniform bins over [lo, hi]: Σw and Σw² per bin. Values outside the range are not
 * counted; a value equal to {@code hi} goes into the last bin (numpy's convention, so D_jet = 1 is counted). Float
 * values (network outputs) are binned against the float32 bin edges, as {@code numpy.histogram} bins a float32 array
 * (the reference notebook): a D_jet of exactly {@code 0.955f} is in the bin starting at 0.955.
 */
public final class Histogram {
    private final double lo;
    private final double hi;
    private final double[] sumw;
    private final double[] sumw2;

    /** {@code bins} uniform bins over [lo, hi]. */
    public Histogram(int bins, double lo, double hi) {
        if (bins < 1 || !(hi > lo)) {
            throw new IllegalArgumentException("a histogram needs bins >= 1 and hi > lo, got " + bins + " bins over ["
                    + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        this.sumw = new double[bins];
        this.sumw2 = new double[bins];
    }

    /** The bin of {@code x}, or −1 outside [lo, hi] (NaN too). */
    public int bin(double x) {
        if (!(x >= lo && x <= hi)) {
            return -1;
        }
        int b = (int) ((x - lo) / (hi - lo) * sumw.length);
        return Math.min(b, sumw.length - 1);
    }

    /** The bin of a float32 value against float32 edges (numpy on float32 data), or −1 outside [lo, hi]. */
    public int bin(float x) {
        if (!(x >= (float) lo && x <= (float) hi)) {
            return -1;
        }
        int n = sumw.length;
        int b = Math.min(Math.max((int) ((x - lo) / (hi - lo) * n), 0), n - 1);
        if (b > 0 && x < (float) lowEdge(b)) {
            b--;
        } else if (b < n - 1 && x >= (float) lowEdge(b + 1)) {
            b++;
        }
        return b;
    }

    /** Fills a float32 value (see {@link #bin(float)}). */
    public void fill(float x, double w) {
        int b = bin(x);
        if (b >= 0) {
            sumw[b] += w;
            sumw2[b] += w * w;
        }
    }

    public void fill(double x, double w) {
        int b = bin(x);
        if (b >= 0) {
            sumw[b] += w;
            sumw2[b] += w * w;
        }
    }

    public int bins() {
        return sumw.length;
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public double width() {
        return (hi - lo) / sumw.length;
    }

    /** The low edge of bin {@code b}, {@code lo + b·(hi − lo)/bins} as {@code numpy.linspace} computes it. */
    public double lowEdge(int b) {
        return b == sumw.length ? hi : lo + b * ((hi - lo) / sumw.length);
    }

    public double center(int b) {
        return lo + (b + 0.5) * width();
    }

    /** Σw in bin {@code b}. */
    public double content(int b) {
        return sumw[b];
    }

    /** √Σw² in bin {@code b} (√N for unit weights). */
    public double error(int b) {
        return Math.sqrt(sumw2[b]);
    }

    public double sumw2(int b) {
        return sumw2[b];
    }

    public double total() {
        double t = 0;
        for (double v : sumw) {
            t += v;
        }
        return t;
    }

    /** Adds {@code other}'s Σw and Σw² bin by bin (same binning). */
    public Histogram add(Histogram other) {
        if (other.bins() != bins() || other.lo != lo || other.hi != hi) {
            throw new IllegalArgumentException("histograms have different binnings");
        }
        for (int b = 0; b < bins(); b++) {
            sumw[b] += other.sumw[b];
            sumw2[b] += other.sumw2[b];
        }
        return this;
    }
}
