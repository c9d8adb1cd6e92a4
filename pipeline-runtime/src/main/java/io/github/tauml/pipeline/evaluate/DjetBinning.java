package io.github.tauml.pipeline.evaluate;

/**
 * The D_jet window of the agreement metrics and plot: {@code bins} uniform bins over [lo, hi]; reference §5 uses 40
 * bins over [0.9, 1] (width 0.0025).
 */
public record DjetBinning(int bins, double lo, double hi) {
    public static final DjetBinning REFERENCE = new DjetBinning(40, 0.9, 1.0);

    public DjetBinning {
        if (bins < 1 || !(hi > lo) || lo < 0 || hi > 1) {
            throw new IllegalArgumentException("D_jet binning needs bins >= 1 and 0 <= lo < hi <= 1, got " + bins
                    + " bins over [" + lo + ", " + hi + "]");
        }
    }

    public Histogram histogram() {
        return new Histogram(bins, lo, hi);
    }

    /** Whether a float32 D_jet is in the window, compared in float32 as numpy does for float32 arrays. */
    public boolean contains(float x) {
        return x >= (float) lo && x <= (float) hi;
    }
}
