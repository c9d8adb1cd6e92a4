package io.github.tauml.pipeline.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What an event drop did: entries examined and kept, and per bin of the target's binning (under- and overflow
 * included) the observed count, the target content, the keep probability and the entries kept.
 */
public record DropResult(String sample, Path output, long examined, long kept, List<Bin> bins, double seconds) {
    public DropResult {
        bins = List.copyOf(bins);
    }

    /**
     * One bin: ROOT's bin number (0 underflow, n+1 overflow), its edges (±∞ outside the axis), the input's entries
     * in it (the whole input, which p is computed from), the target's content, the keep probability p (may exceed 1 outside the axis: always kept) and the kept
     * entries.
     */
    public record Bin(int bin, double low, double high, long observed, double target, double p, long kept) {
    }

    public double rate() {
        return examined / Math.max(seconds, 1e-9);
    }

    /** One line for the build log. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %,d entries examined, %,d kept (%.2f %%), %.1f s (%,.0f entries/s)", sample,
                examined, kept, examined == 0 ? 0 : 100.0 * kept / examined, seconds, rate());
    }

    /** The per-bin table for the build log: observed, target, p, kept. */
    public List<String> table() {
        List<String> out = new java.util.ArrayList<>();
        out.add(String.format(Locale.ROOT, "%5s  %-16s %12s %14s %8s %12s", "bin", "range", "observed", "target", "p", "kept"));
        for (Bin b : bins) {
            String range = "[" + edge(b.low()) + ", " + edge(b.high()) + ")";
            out.add(String.format(Locale.ROOT, "%5d  %-16s %,12d %14.6g %8.4f %,12d", b.bin(), range, b.observed(), b.target(),
                    b.p(), b.kept()));
        }
        return out;
    }

    private static String edge(double x) {
        return Double.isInfinite(x) ? (x < 0 ? "-inf" : "inf") : (x == Math.rint(x) ? String.valueOf((long) x)
                : String.valueOf(x));
    }
}
