package io.github.tauml.rootio.hist;

import io.github.tauml.rootio.streamer.RObject;
import java.util.Arrays;

/**
 * A one-dimensional histogram (TH1D, TH1F, TH1I...) with ROOT's bin numbering: bin 0 is the underflow,
 * 1..nbins the regular bins, nbins+1 the overflow. Contents and sum of squared weights include both.
 */
public final class TH1 {
    private final String name;
    private final String title;
    private final String className;
    private final double[] edges;
    private final double[] contents;
    private final double[] sumw2;
    private final double entries;

    public TH1(String name, String title, String className, double[] edges, double[] contents, double[] sumw2,
               double entries) {
        if (edges.length < 2) {
            throw new IllegalArgumentException("a histogram needs at least one bin");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException("bin edges must increase: " + Arrays.toString(edges));
            }
        }
        if (contents.length != edges.length + 1) {
            throw new IllegalArgumentException(edges.length - 1 + " bins need " + (edges.length + 1)
                    + " contents (with under- and overflow), got " + contents.length);
        }
        if (sumw2.length != 0 && sumw2.length != contents.length) {
            throw new IllegalArgumentException("sumw2 has " + sumw2.length + " values for " + contents.length
                    + " bins");
        }
        this.name = name;
        this.title = title;
        this.className = className;
        this.edges = edges.clone();
        this.contents = contents.clone();
        this.sumw2 = sumw2.clone();
        this.entries = entries;
    }

    public static TH1 of(String path, RObject h) {
        RObject axis = h.getObject("fXaxis");
        int nbins = axis.getInt("fNbins");
        double[] xbins = (double[]) axis.get("fXbins");
        double[] edges;
        if (xbins != null && xbins.length == nbins + 1) {
            edges = xbins.clone();
        } else {
            edges = new double[nbins + 1];
            double lo = axis.getDouble("fXmin");
            double hi = axis.getDouble("fXmax");
            for (int i = 0; i <= nbins; i++) {
                edges[i] = lo + (hi - lo) * i / nbins;
            }
        }
        double[] contents = toDoubles(h.get("fArray"));
        Object sw2 = h.get("fSumw2");
        double[] sumw2 = sw2 == null ? new double[0] : toDoubles(sw2);
        return new TH1(h.getString("fName"), h.getString("fTitle"), h.className(), edges, contents, sumw2,
                h.getDouble("fEntries"));
    }

    private static double[] toDoubles(Object array) {
        if (array instanceof double[] d) {
            return d;
        } else if (array instanceof float[] f) {
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        } else if (array instanceof int[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        } else if (array instanceof short[] s) {
            double[] out = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = s[i];
            }
            return out;
        } else if (array instanceof byte[] c) {
            double[] out = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = c[i];
            }
            return out;
        }
        throw new IllegalArgumentException("unsupported histogram storage " + array);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String className() {
        return className;
    }

    public int bins() {
        return edges.length - 1;
    }

    public double[] edges() {
        return edges.clone();
    }

    /** Contents of bins 0..nbins+1 (under- and overflow included). */
    public double[] contents() {
        return contents.clone();
    }

    /** Sum of squared weights per bin (under- and overflow included); empty when the histogram has none. */
    public double[] sumw2() {
        return sumw2.clone();
    }

    public double entries() {
        return entries;
    }

    public double content(int bin) {
        return contents[bin];
    }

    /** ROOT's TH1::FindBin: 0 below the first edge, nbins+1 at or above the last; NaN goes to the underflow. */
    public int findBin(double x) {
        if (!(x >= edges[0])) {
            return 0;
        }
        if (x >= edges[edges.length - 1]) {
            return edges.length;
        }
        int i = Arrays.binarySearch(edges, x);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Whether the bins are equally wide (ROOT then stores only xmin and xmax). */
    public boolean hasFixedBins() {
        double w = (edges[edges.length - 1] - edges[0]) / bins();
        for (int i = 0; i <= bins(); i++) {
            if (Math.abs(edges[i] - (edges[0] + w * i)) > 1e-12 * Math.max(1, Math.abs(edges[i]))) {
                return false;
            }
        }
        return true;
    }
}
