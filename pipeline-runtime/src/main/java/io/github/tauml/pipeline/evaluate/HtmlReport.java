package io.github.tauml.pipeline.evaluate;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation report: one self-contained HTML page (PNG plots inlined as {@code data:} URIs, no script, no external
 * style) with the pipeline summary, the before/after metrics table, the quality gates, the plots and the settings.
 * Tables have ids {@code pipeline}, {@code metrics}, {@code gates} and {@code settings}.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * A plot of the report.
     *
     * @param pdf the PDF's path relative to the report, or null
     */
    public record Plot(String id, String title, byte[] png, String pdf) {
    }

    /** Renders the page. */
    public static String render(PipelineSummary summary, Map<String, Map<String, Double>> metrics,
                                List<Gates.Outcome> gates, List<Plot> plots, Map<String, String> settings) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Adversarial DeepTau evaluation</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}")
                .append("td.num{text-align:right;font-family:monospace}")
                .append("tr.failed td{background:#fdd}tr.passed td{background:#dfd}")
                .append("figure{display:inline-block;margin:0.5em;vertical-align:top}")
                .append("figure img{width:640px;border:1px solid #ccc}\n</style>\n</head>\n<body>\n")
                .append("<h1>Adversarial DeepTau evaluation</h1>\n");

        h.append("<section id=\"summary\">\n<h2>Pipeline summary</h2>\n");
        if (summary.stages().isEmpty()) {
            h.append("<p>No stage summary was given.</p>\n");
        } else {
            h.append("<table id=\"pipeline\">\n<tr><th>stage</th><th>status</th><th>inputs</th><th>counts</th>")
                    .append("<th>time [s]</th></tr>\n");
            for (PipelineSummary.Stage s : summary.stages()) {
                List<String> counts = new ArrayList<>();
                s.counts().forEach((k, v) -> counts.add(esc(k) + ": " + String.format(Locale.ROOT, "%,d", v)));
                h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(s.status()))
                        .append("</td><td>").append(String.join("<br>", s.inputs().stream().map(HtmlReport::esc)
                                .toList())).append("</td><td>").append(String.join("<br>", counts))
                        .append("</td><td class=\"num\">")
                        .append(Double.isNaN(s.seconds()) ? "" : String.format(Locale.ROOT, "%.1f", s.seconds()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"results\">\n<h2>Metrics</h2>\n<table id=\"metrics\">\n<tr><th>metric</th>");
        List<String> models = new ArrayList<>(metrics.keySet());
        for (String m : models) {
            h.append("<th>").append(esc(m)).append("</th>");
        }
        boolean change = models.size() == 2;
        if (change) {
            h.append("<th>").append(esc(models.get(1))).append(" \u2212 ").append(esc(models.get(0)))
                    .append("</th>");
        }
        h.append("<th>meaning</th></tr>\n");
        Set<String> keys = new LinkedHashSet<>();
        metrics.values().forEach(v -> keys.addAll(v.keySet()));
        for (String k : keys) {
            h.append("<tr><td>").append(esc(k)).append("</td>");
            for (String m : models) {
                Double v = metrics.get(m).get(k);
                h.append("<td class=\"num\">").append(v == null ? "\u2013" : num(v)).append("</td>");
            }
            if (change) {
                Double a = metrics.get(models.get(0)).get(k), b = metrics.get(models.get(1)).get(k);
                h.append("<td class=\"num\">").append(a == null || b == null || !Metrics.comparable(k) ? "\u2013"
                        : num(b - a)).append("</td>");
            }
            h.append("<td>").append(esc(Metrics.describe(k))).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (!gates.isEmpty()) {
            h.append("<h2>Quality gates</h2>\n<table id=\"gates\">\n<tr><th>gate</th><th>verdict</th></tr>\n");
            for (Gates.Outcome o : gates) {
                h.append("<tr class=\"").append(o.passed() ? "passed" : "failed").append("\"><td>")
                        .append(esc(o.gate().element())).append("</td><td>").append(esc(o.message()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        for (Plot p : plots) {
            h.append("<figure id=\"").append(esc(p.id())).append("\"><img alt=\"").append(esc(p.title()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(p.png()))
                    .append("\"><figcaption>").append(esc(p.title()));
            if (p.pdf() != null) {
                h.append(" (<a href=\"").append(esc(p.pdf())).append("\">PDF</a>)");
            }
            h.append("</figcaption></figure>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"configuration\">\n<h2>Settings</h2>\n<table id=\"settings\">\n")
                .append("<tr><th>setting</th><th>value</th></tr>\n");
        settings.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                .append("</td></tr>\n"));
        h.append("</table>\n</section>\n</body>\n</html>\n");
        return h.toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.5g", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
