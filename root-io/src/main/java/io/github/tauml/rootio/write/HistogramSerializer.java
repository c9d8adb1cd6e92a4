package io.github.tauml.rootio.write;

import io.github.tauml.rootio.hist.TH1;

/**
 * A TH1D record (TH1D v3 = TH1 v8 + TArrayD) with ROOT's defaults for everything a {@link TH1} does not carry:
 * drawing attributes, axis attributes, no functions and no fill buffer.
 */
final class HistogramSerializer {
    private static final int HEAP_BITS = 0x03000000;
    /** A histogram attached to a directory carries kMustCleanup. */
    private static final int HIST_BITS = 0x03000008;
    /** fMaximum and fMinimum of a histogram whose plotting range was never set. */
    private static final double UNSET = -1111;
    /** TH1::kNeutral: under- and overflows follow the global statistics setting. */
    private static final int STAT_OVERFLOWS_NEUTRAL = 2;

    private HistogramSerializer() {
    }

    /**
     * The statistics ROOT keeps next to the bins (fTsumw, fTsumw2, fTsumwx, fTsumwx2), recomputed from the in-range
     * bins at their centres, as TH1::ResetStats does; without sumw2 the weights count as 1.
     */
    record Stats(double sumw, double sumw2, double sumwx, double sumwx2) {
        static Stats of(TH1 h) {
            double[] edges = h.edges();
            double[] c = h.contents();
            double[] w2 = h.sumw2();
            double sw = 0;
            double sw2 = 0;
            double swx = 0;
            double swx2 = 0;
            for (int bin = 1; bin <= h.bins(); bin++) {
                double x = (edges[bin - 1] + edges[bin]) / 2;
                sw += c[bin];
                sw2 += w2.length == 0 ? c[bin] : w2[bin];
                swx += c[bin] * x;
                swx2 += c[bin] * x * x;
            }
            return new Stats(sw, sw2, swx, swx2);
        }
    }

    static byte[] payload(TH1 h, String name, int keylen) {
        WBuffer b = new WBuffer(keylen, 512 + 16 * h.contents().length);
        double[] edges = h.edges();
        Stats s = Stats.of(h);
        int th1d = b.startObject(3);
        int th1 = b.startObject(8);
        b.tnamed(HIST_BITS, name, h.title());
        DrawingDefaults.line(b);
        DrawingDefaults.fill(b);
        DrawingDefaults.marker(b);
        b.i32(h.bins() + 2); // fNcells
        axis(b, "xaxis", h.bins(), edges[0], edges[h.bins()], h.hasFixedBins() ? new double[0] : edges);
        axis(b, "yaxis", 1, 0, 1, new double[0]);
        axis(b, "zaxis", 1, 0, 1, new double[0]);
        b.i16(0).i16(1000); // fBarOffset, fBarWidth
        b.f64(h.entries()).f64(s.sumw()).f64(s.sumw2()).f64(s.sumwx()).f64(s.sumwx2());
        b.f64(UNSET).f64(UNSET).f64(0); // fMaximum, fMinimum, fNormFactor
        doubles(b, new double[0]); // fContour
        doubles(b, h.sumw2());
        b.tstring(""); // fOption
        int functions = b.startObject(5); // fFunctions: an empty TList, streamed in place ("//->")
        b.tobject(HEAP_BITS);
        b.tstring("");
        b.i32(0);
        b.endObject(functions);
        b.i32(0).i8(0); // fBufferSize, fBuffer (no entries buffered)
        b.i32(0).i32(STAT_OVERFLOWS_NEUTRAL); // fBinStatErrOpt (kNormal), fStatOverflows
        b.endObject(th1);
        doubles(b, h.contents()); // the TArrayD base: bin contents, under- and overflow included
        b.endObject(th1d);
        return b.toByteArray();
    }

    /** TAxis v10 with ROOT's default TAttAxis (gStyle) values; {@code xbins} is empty for equal-width bins. */
    private static void axis(WBuffer b, String name, int bins, double xmin, double xmax, double[] xbins) {
        int axis = b.startObject(10);
        b.tnamed(HEAP_BITS, name, "");
        int att = b.startObject(4);
        b.i32(510).i16(1).i16(1).i16(42); // fNdivisions, fAxisColor, fLabelColor, fLabelFont
        b.f32(0.005f).f32(0.035f).f32(0.03f).f32(1f).f32(0.035f); // label offset and size, ticks, title offset, size
        b.i16(1).i16(42); // fTitleColor, fTitleFont
        b.endObject(att);
        b.i32(bins).f64(xmin).f64(xmax);
        doubles(b, xbins);
        b.i32(0).i32(0).i16(0).bool(false).tstring(""); // fFirst, fLast, fBits2, fTimeDisplay, fTimeFormat
        b.i32(0).i32(0); // fLabels, fModLabs: null
        b.endObject(axis);
    }

    /** A TArrayD as its hand-written streamer stores it: the length, then the values, no version. */
    private static void doubles(WBuffer b, double[] values) {
        b.i32(values.length);
        b.values(values, 0, values.length);
    }
}
