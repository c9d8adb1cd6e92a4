package io.github.tauml.pipeline.dataset;

import io.github.tauml.rootio.hist.TH1;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The written weights file: one TH1D per contribution (in declaration order), the warnings of the cap (one per
 * capped bin, naming the histogram, the bin and the value before the cap), and where the weights came from.
 */
public record ReweightResult(Path output, List<TH1> histograms, List<String> warnings, String source,
                             double seconds) {
    public ReweightResult {
        histograms = List.copyOf(histograms);
        warnings = List.copyOf(warnings);
    }

    /** One line for the build log. */
    public String summary() {
        return String.format(Locale.ROOT, "reweight: %d weight histograms (%s) from %s -> %s, %d capped bin%s, %.1f s",
                histograms.size(), String.join(" ", histograms.stream().map(TH1::name).toList()), source,
                output, warnings.size(), warnings.size() == 1 ? "" : "s", seconds);
    }

    /** The weights per bin, one column per histogram (for the build log). */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        if (histograms.isEmpty()) {
            return out;
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%5s  %-16s", "bin", "range"));
        for (TH1 h : histograms) {
            head.append(String.format(Locale.ROOT, " %9s", h.name()));
        }
        out.add(head.toString());
        TH1 first = histograms.get(0);
        double[] e = first.edges();
        for (int b = 0; b <= first.bins() + 1; b++) {
            String range = b == 0 ? "[-inf, " + fmt(e[0]) + ")" : b == first.bins() + 1 ? "[" + fmt(e[e.length - 1])
                    + ", inf)" : "[" + fmt(e[b - 1]) + ", " + fmt(e[b]) + ")";
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%5d  %-16s", b, range));
            for (TH1 h : histograms) {
                line.append(h.bins() == first.bins() ? String.format(Locale.ROOT, " %9.4f", h.content(b)) : "         -");
            }
            out.add(line.toString());
        }
        return out;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
