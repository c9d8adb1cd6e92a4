package io.github.tauml.pipeline.evaluate;

import com.lowagie.text.Document;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfDocument;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfObject;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The evaluation plots (reference §5), drawn with JFreeChart and rendered to PNG (JFreeChart's encoder) and PDF
 * (OpenPDF's Graphics2D, text as shapes so the PDF needs no font files). Every method returns a chart; {@link #png}
 * and {@link #pdf(JFreeChart, String, Instant)} render it, both byte-reproducible (same chart, same bytes).
 */
public final class Plots {
    /** Plot size in points (PDF) and pixels (PNG, before {@link #PNG_SCALE}). */
    public static final int WIDTH = 640, HEIGHT = 560;
    /** PNG pixels per point. */
    public static final double PNG_SCALE = 1.5;
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color[] STACK_COLORS = {
        new Color(0x8c564b), new Color(0x9467bd), new Color(0x2ca02c), new Color(0x1f77b4), new Color(0xff7f0e),
        new Color(0xffdd55)};
    private static final Color[] MODEL_COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};

    private Plots() {
    }

    /**
     * D_jet in the agreement window: data (points, √N) against the stacked weighted simulation (stacking order of
     * §5), a hatched √Σw² band on the simulation total, and a data/simulation ratio panel (0.5–1.6).
     *
     * @param heading the model, shown in the top-right title
     */
    public static JFreeChart djet(DjetComparison cmp, String heading, String lumiText) {
        DjetBinning bin = cmp.binning();
        NumberAxis x = new NumberAxis("D_jet = p_\u03c4 / (p_\u03c4 + p_jet)");
        x.setRange(bin.lo(), bin.hi());
        style(x);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(4);

        XYPlot top = new XYPlot();
        NumberAxis y = new NumberAxis("Candidates / " + plain(cmp.data().width()));
        style(y);
        y.setAutoRangeIncludesZero(true);
        top.setRangeAxis(y);
        DefaultTableXYDataset stack = new DefaultTableXYDataset();
        StackedXYBarRenderer stackRenderer = new StackedXYBarRenderer(0);
        stackRenderer.setBarPainter(new StandardXYBarPainter());
        stackRenderer.setShadowVisible(false);
        stackRenderer.setDrawBarOutline(false);
        int k = 0;
        for (Contribution c : Contribution.STACK) {
            XYSeries s = new XYSeries(c.label(), false, false);
            Histogram h = cmp.contributions().get(c);
            for (int b = 0; b < h.bins(); b++) {
                s.add(h.center(b), h.content(b));
            }
            stack.addSeries(s);
            stackRenderer.setSeriesPaint(k, STACK_COLORS[k % STACK_COLORS.length]);
            k++;
        }
        stack.setIntervalWidth(cmp.data().width());
        top.setRenderer(0, stackRenderer);
        top.setDataset(0, stack);

        XYIntervalSeriesCollection band = new XYIntervalSeriesCollection();
        XYIntervalSeries bs = new XYIntervalSeries("Stat. unc.");
        Histogram sim = cmp.simulation();
        for (int b = 0; b < sim.bins(); b++) {
            double m = sim.content(b), e = sim.error(b);
            bs.add(sim.center(b), sim.lowEdge(b), sim.lowEdge(b) + sim.width(), m, m - e, m + e);
        }
        band.addSeries(bs);
        XYBarRenderer bandRenderer = new XYBarRenderer();
        bandRenderer.setUseYInterval(true);
        bandRenderer.setBarPainter(new StandardXYBarPainter());
        bandRenderer.setShadowVisible(false);
        bandRenderer.setSeriesPaint(0, hatch());
        top.setRenderer(1, bandRenderer);
        top.setDataset(1, band);

        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYIntervalSeries ds = new XYIntervalSeries("Data");
        Histogram d = cmp.data();
        for (int b = 0; b < d.bins(); b++) {
            double v = d.content(b), e = d.error(b);
            ds.add(d.center(b), d.lowEdge(b), d.lowEdge(b) + d.width(), v, v - e, v + e);
        }
        data.addSeries(ds);
        top.setRenderer(2, points(Color.BLACK));
        top.setDataset(2, data);
        top.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        background(top);

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("Data", null, null, null, new Ellipse2D.Double(-3, -3, 6, 6), Color.BLACK));
        for (int i = Contribution.STACK.size() - 1; i >= 0; i--) {
            legend.add(new LegendItem(Contribution.STACK.get(i).label(), STACK_COLORS[i]));
        }
        legend.add(new LegendItem("Stat. unc. (\u221a\u03a3w\u00b2)", null, null, null,
                new Rectangle2D.Double(-6, -4, 12, 8), hatch()));

        XYPlot ratio = new XYPlot();
        NumberAxis ry = new NumberAxis("Obs/Exp");
        style(ry);
        ry.setRange(0.5, 1.6);
        ratio.setRangeAxis(ry);
        XYIntervalSeriesCollection rband = new XYIntervalSeriesCollection();
        XYIntervalSeries rbs = new XYIntervalSeries("Stat. unc.");
        XYIntervalSeriesCollection rpts = new XYIntervalSeriesCollection();
        XYIntervalSeries rs = new XYIntervalSeries("Data/Sim.");
        for (int b = 0; b < sim.bins(); b++) {
            double m = sim.content(b);
            if (m > 0) {
                double e = sim.error(b) / m;
                rbs.add(sim.center(b), sim.lowEdge(b), sim.lowEdge(b) + sim.width(), 1, 1 - e, 1 + e);
            }
            double r = cmp.ratio(b);
            if (Double.isFinite(r)) {
                double e = d.content(b) > 0 ? r * d.error(b) / d.content(b) : 0;
                rs.add(d.center(b), d.lowEdge(b), d.lowEdge(b) + d.width(), r, r - e, r + e);
            }
        }
        rband.addSeries(rbs);
        rpts.addSeries(rs);
        XYBarRenderer rbr = new XYBarRenderer();
        rbr.setUseYInterval(true);
        rbr.setBarPainter(new StandardXYBarPainter());
        rbr.setShadowVisible(false);
        rbr.setSeriesPaint(0, hatch());
        ratio.setDataset(0, rband);
        ratio.setRenderer(0, rbr);
        ratio.setRenderer(1, points(Color.BLACK));
        ratio.setDataset(1, rpts);
        ratio.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        ratio.addRangeMarker(new ValueMarker(1.0, Color.GRAY, new BasicStroke(1f)));
        background(ratio);

        plot.add(top, 3);
        plot.add(ratio, 1);
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
        titles(chart, heading, lumiText);
        return chart;
    }

    /**
     * The data/simulation ratio of D_jet of several models overlaid (default against adversarial), with the line at 1.
     */
    public static JFreeChart djetRatios(Map<String, DjetComparison> models, String lumiText) {
        XYIntervalSeriesCollection c = new XYIntervalSeriesCollection();
        DjetBinning bin = null;
        int m = 0;
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        for (Map.Entry<String, DjetComparison> e : models.entrySet()) {
            DjetComparison cmp = e.getValue();
            bin = cmp.binning();
            XYIntervalSeries s = new XYIntervalSeries(e.getKey());
            Histogram d = cmp.data();
            double shift = (m - (models.size() - 1) / 2.0) * d.width() * 0.15;
            for (int b = 0; b < d.bins(); b++) {
                double v = cmp.ratio(b), err = cmp.ratioError(b);
                if (Double.isFinite(v)) {
                    err = Double.isFinite(err) ? err : 0;
                    s.add(d.center(b) + shift, d.center(b) + shift, d.center(b) + shift, v, v - err, v + err);
                }
            }
            c.addSeries(s);
            Color col = MODEL_COLORS[m % MODEL_COLORS.length];
            r.setSeriesPaint(m, col);
            r.setSeriesShape(m, m % 2 == 0 ? new Ellipse2D.Double(-3.5, -3.5, 7, 7)
                    : new Rectangle2D.Double(-3.5, -3.5, 7, 7));
            m++;
        }
        r.setErrorPaint(null);
        NumberAxis x = new NumberAxis("D_jet = p_\u03c4 / (p_\u03c4 + p_jet)");
        style(x);
        if (bin != null) {
            x.setRange(bin.lo(), bin.hi());
        }
        NumberAxis y = new NumberAxis("Data / Simulation");
        style(y);
        y.setRange(0.5, 1.6);
        XYPlot plot = new XYPlot(c, x, y, r);
        plot.addRangeMarker(new ValueMarker(1.0, Color.GRAY, new BasicStroke(1f)));
        background(plot);
        JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
        titles(chart, "D_jet data/simulation", lumiText);
        return chart;
    }

    /**
     * y_adv for data and simulation, both weighted with {@code weights} (§5), errors √Σw²; range 0.40–0.60 with 40
     * bins as the reference, widened to cover 99 % of the candidates when the head's outputs spread further.
     */
    public static JFreeChart yAdv(AdversarialPredictions p, String heading, String lumiText) {
        float[] v = p.yPredAdv().clone();
        java.util.Arrays.sort(v);
        double lo = 0.40, hi = 0.60;
        if (v.length > 0) {
            double q0 = v[(int) (0.005 * (v.length - 1))], q1 = v[(int) Math.ceil(0.995 * (v.length - 1))];
            if (q0 < lo || q1 > hi) {
                lo = Math.max(0, Math.min(lo, Math.floor(q0 * 20) / 20));
                hi = Math.min(1, Math.max(hi, Math.ceil(q1 * 20) / 20));
            }
        }
        Histogram hd = new Histogram(40, lo, hi), hs = new Histogram(40, lo, hi);
        double[] md = new double[3], ms = new double[3];
        for (int i = 0; i < p.size(); i++) {
            double a = p.yPredAdv()[i], w = p.weights()[i];
            (p.y()[i] == 1 ? hd : hs).fill(a, w);
            double[] acc = p.y()[i] == 1 ? md : ms;
            acc[0] += w;
            acc[1] += w * a;
            acc[2] += w * a * a;
        }
        XYIntervalSeriesCollection c = new XYIntervalSeriesCollection();
        c.addSeries(steps(hs, label("Simulation", ms)));
        c.addSeries(steps(hd, label("Data", md)));
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setSeriesPaint(0, MODEL_COLORS[0]);
        r.setSeriesPaint(1, Color.BLACK);
        r.setSeriesShape(0, new Rectangle2D.Double(-3, -3, 6, 6));
        r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setErrorPaint(null);
        XYSeriesCollection outline = new XYSeriesCollection();
        outline.addSeries(outline(hs, "sim outline"));
        outline.addSeries(outline(hd, "data outline"));
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, MODEL_COLORS[0]);
        step.setSeriesPaint(1, Color.BLACK);
        step.setDefaultSeriesVisibleInLegend(false);
        NumberAxis x = new NumberAxis("y_adv (probability of data)");
        style(x);
        x.setRange(lo, hi);
        NumberAxis y = new NumberAxis("\u03a3w / " + plain(hd.width()));
        style(y);
        XYPlot plot = new XYPlot(c, x, y, r);
        plot.setRenderer(1, step);
        plot.setDataset(1, outline);
        background(plot);
        JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
        titles(chart, heading, lumiText);
        return chart;
    }

    /**
     * ROC curves of several models, τh efficiency (linear) against mis-identification rate (log axis), AUC in the
     * legend; when {@code workingPoints} is not empty, each model's efficiency and mis-id at those cuts are marked.
     *
     * @param rocs   model → ROC
     * @param points model → {efficiency, misId} per working point (same order as {@code workingPoints}), or empty
     */
    public static JFreeChart roc(String background, Map<String, Roc> rocs, Map<String, double[][]> points,
                                 List<WorkingPoint> workingPoints, String lumiText) {
        XYSeriesCollection c = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        double minMis = 1;
        int m = 0;
        for (Map.Entry<String, Roc> e : rocs.entrySet()) {
            Roc roc = e.getValue();
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (AUC = %.4f)", e.getKey(), roc.auc()), false,
                    true);
            int n = roc.efficiency().length;
            int step = Math.max(1, n / 4000);
            for (int i = 0; i < n; i += step) {
                addRocPoint(s, roc, i);
            }
            addRocPoint(s, roc, n - 1);
            for (int i = 0; i < n; i++) {
                if (roc.misId()[i] > 0) {
                    minMis = Math.min(minMis, roc.misId()[i]);
                }
            }
            c.addSeries(s);
            r.setSeriesPaint(m, MODEL_COLORS[m % MODEL_COLORS.length]);
            r.setSeriesStroke(m, new BasicStroke(2f));
            m++;
        }
        int wpSeries = 0;
        for (Map.Entry<String, double[][]> e : points.entrySet()) {
            XYSeries s = new XYSeries(e.getKey() + " VSjet WPs", false, true);
            for (double[] pt : e.getValue()) {
                if (pt[1] > 0) {
                    s.add(pt[0], pt[1]);
                }
            }
            int idx = c.getSeriesCount();
            c.addSeries(s);
            r.setSeriesLinesVisible(idx, false);
            r.setSeriesShapesVisible(idx, true);
            r.setSeriesShape(idx, wpSeries % 2 == 0 ? new Ellipse2D.Double(-4, -4, 8, 8)
                    : new Rectangle2D.Double(-4, -4, 8, 8));
            r.setSeriesPaint(idx, MODEL_COLORS[wpSeries % MODEL_COLORS.length].darker());
            wpSeries++;
        }
        NumberAxis x = new NumberAxis("\u03c4h efficiency");
        style(x);
        x.setRange(0, 1.0001);
        LogAxis y = new LogAxis(background + " mis-identification rate");
        y.setLabelFont(LABEL);
        y.setTickLabelFont(TICK);
        y.setBase(10);
        y.setSmallestValue(1e-7);
        y.setAutoTickUnitSelection(false);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0), false, false);
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setRange(Math.pow(10, Math.floor(Math.log10(Math.max(minMis, 1e-6)))), 1.0001);
        XYPlot plot = new XYPlot(c, x, y, r);
        background(plot);
        JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
        String wps = workingPoints.isEmpty() ? "" : " (markers: " + workingPoints.get(0).name() + " \u2026 "
                + workingPoints.get(workingPoints.size() - 1).name() + ")";
        titles(chart, "\u03c4h vs " + background + wps, lumiText);
        return chart;
    }

    /** At most this many panels in {@link #trainingCurves}: losses first, then the other metrics by name. */
    public static final int MAX_TRAINING_PANELS = 6;

    /**
     * Metric histories of a run record against the optimisation step, one panel per metric on a shared step axis.
     * The train goal records per-step values as {@code step_<name>} (MLflow step = global step) and per-epoch means as
     * {@code <name>} and {@code val_<name>} (MLflow step = epoch index, Keras' naming); all three go in the panel of
     * {@code <name>}: the per-step values as a thin grey line, the epoch means at the step that ends their epoch
     * (epoch k of n at k·S/n for S recorded steps). At most {@link #MAX_TRAINING_PANELS} panels, metrics whose name
     * contains {@code loss} first; a metric that never changed (a constant learning rate) gets none.
     */
    public static JFreeChart trainingCurves(Map<String, RunRecordMetrics.Series> metrics, String heading) {
        NumberAxis x = new NumberAxis("step");
        style(x);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(6);
        Map<String, List<String>> panels = new java.util.TreeMap<>((a, b) -> {
            int la = a.contains("loss") ? 0 : 1, lb = b.contains("loss") ? 0 : 1;
            return la != lb ? Integer.compare(la, lb) : a.compareTo(b);
        });
        long steps = 0;
        int epochs = 0;
        for (Map.Entry<String, RunRecordMetrics.Series> e : metrics.entrySet()) {
            String name = e.getKey();
            String base = name.startsWith("val_") ? name.substring(4)
                    : name.startsWith(STEP) ? name.substring(STEP.length()) : name;
            panels.computeIfAbsent(base, k -> new java.util.ArrayList<>()).add(name);
            RunRecordMetrics.Series series = e.getValue();
            if (name.startsWith(STEP)) {
                for (long st : series.step()) {
                    steps = Math.max(steps, st + 1);
                }
            } else {
                epochs = Math.max(epochs, series.size());
            }
        }
        double stepsPerEpoch = steps > 0 && epochs > 0 ? (double) steps / epochs : 0;
        int shown = 0;
        for (Map.Entry<String, List<String>> panel : panels.entrySet()) {
            if (panel.getValue().stream().allMatch(n -> constant(metrics.get(n)))) {
                continue; // e.g. a learning rate that never changed: nothing to see
            }
            if (shown++ == MAX_TRAINING_PANELS) {
                break;
            }
            XYSeriesCollection c = new XYSeriesCollection();
            List<String> names = new java.util.ArrayList<>(panel.getValue());
            // per-step values first, so that the epoch means are drawn over them
            names.sort(java.util.Comparator.comparing((String n) -> !n.startsWith(STEP)).thenComparing(n -> n));
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            int epochSeries = 0;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean perStep = name.startsWith(STEP);
                XYSeries s = new XYSeries(perStep ? name.substring(STEP.length()) + " (each step)" : name, false, true);
                RunRecordMetrics.Series series = metrics.get(name);
                for (int k = 0; k < series.size(); k++) {
                    double at = perStep || stepsPerEpoch == 0 ? series.step()[k]
                            : (series.step()[k] + 1) * stepsPerEpoch;
                    s.add(at, series.value()[k]);
                }
                c.addSeries(s);
                if (perStep) {
                    r.setSeriesPaint(i, STEP_COLOR);
                    r.setSeriesStroke(i, new BasicStroke(0.5f));
                    r.setSeriesShapesVisible(i, false);
                } else {
                    r.setSeriesPaint(i, MODEL_COLORS[epochSeries++ % MODEL_COLORS.length]);
                    r.setSeriesStroke(i, new BasicStroke(1.5f));
                    r.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
                    r.setSeriesShapesVisible(i, series.size() < 60);
                }
            }
            NumberAxis y = new NumberAxis(panel.getKey());
            style(y);
            y.setAutoRangeIncludesZero(false);
            XYPlot p = new XYPlot(c, null, y, r);
            background(p);
            plot.add(p, 1);
        }
        JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
        titles(chart, heading, null);
        return chart;
    }

    private static boolean constant(RunRecordMetrics.Series s) {
        for (int i = 1; i < s.size(); i++) {
            if (Double.compare(s.value()[i], s.value()[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Prefix of the per-step metrics in a run record. */
    private static final String STEP = io.github.tauml.pipeline.track.MlflowStore.STEP_PREFIX;
    private static final Color STEP_COLOR = new Color(0xb0b0b0);

    /** The chart as PNG bytes, {@link #WIDTH}×{@link #HEIGHT} points at {@link #PNG_SCALE} pixels per point. */
    public static byte[] png(JFreeChart chart) throws IOException {
        int w = (int) Math.round(WIDTH * PNG_SCALE), h = (int) Math.round(HEIGHT * PNG_SCALE);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
        }
        return ChartUtils.encodeAsPNG(img);
    }

    /** The chart as a one-page vector PDF without title or dates: {@link #pdf(JFreeChart, String, Instant)}. */
    public static byte[] pdf(JFreeChart chart) throws IOException {
        return pdf(chart, null, null);
    }

    /**
     * The chart as a one-page vector PDF of {@link #WIDTH}×{@link #HEIGHT} points, byte-reproducible: the same chart,
     * title and date give the same bytes. OpenPDF would stamp the current time as {@code /CreationDate} and a random
     * trailer {@code /ID}; here the dates are {@code date} (both {@code /CreationDate} and {@code /ModDate}, in UTC) or
     * left out when it is null, and the {@code /ID} is derived from the content: the first 16 bytes of the SHA-256 of
     * the page's drawing operators, the title and the date (both halves alike, as for a file never modified). OpenPDF
     * takes a fixed id through the {@code /FileId} key of the info dictionary, so that key is in it too. The hatch
     * patterns are written in the order they were drawn ({@link OrderedPdfWriter}).
     *
     * @param title the document's {@code /Title} (e.g. the plot's caption), or null
     * @param date  the creation date (e.g. {@link EvaluateRequest#pdfDate()}); null: no dates
     */
    public static byte[] pdf(JFreeChart chart, String title, Instant date) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(new Rectangle(WIDTH, HEIGHT), 0, 0, 0, 0);
        try {
            PdfWriter writer = OrderedPdfWriter.open(doc, out);
            doc.open();
            PdfContentByte cb = writer.getDirectContent();
            Graphics2D g = cb.createGraphicsShapes(WIDTH, HEIGHT);
            try {
                chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
            } finally {
                g.dispose();
            }
            MessageDigest sha = sha256();
            sha.update(cb.getInternalBuffer().toByteArray());
            PdfDictionary info = writer.getInfo();
            info.remove(PdfName.CREATIONDATE);
            if (title != null) {
                info.put(PdfName.TITLE, new PdfString(title, PdfObject.TEXT_UNICODE));
                sha.update(("\0title\0" + title).getBytes(StandardCharsets.UTF_8));
            }
            if (date != null) {
                Calendar utc = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
                utc.setTimeInMillis(date.toEpochMilli());
                info.put(PdfName.CREATIONDATE, new PdfDate(utc));
                info.put(PdfName.MODDATE, new PdfDate(utc));
                sha.update(("\0date\0" + date).getBytes(StandardCharsets.UTF_8));
            }
            byte[] id = java.util.Arrays.copyOf(sha.digest(), 16);
            info.put(PdfName.FILEID, PdfEncryption.createInfoId(id, id));
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException("could not write the PDF: " + e.getMessage(), e);
        } finally {
            doc.close();
        }
        return out.toByteArray();
    }

    /**
     * OpenPDF's {@link PdfWriter} with its tables of patterns, shadings, spot colours and properties in insertion
     * order: PdfWriter keeps them in {@link java.util.HashMap}s keyed by identity and writes them in that map's order,
     * which changes from one JVM to the next (the D_jet plot's three hatch patterns swapped places between runs).
     */
    static final class OrderedPdfWriter extends PdfWriter {
        private OrderedPdfWriter(PdfDocument pdf, java.io.OutputStream os) {
            super(pdf, os);
            documentColors = new java.util.LinkedHashMap<>();
            documentPatterns = new java.util.LinkedHashMap<>();
            documentShadingPatterns = new java.util.LinkedHashMap<>();
            documentShadings = new java.util.LinkedHashMap<>();
            documentProperties = new java.util.LinkedHashMap<>();
            documentSpotPatterns = new java.util.LinkedHashMap<>();
        }

        /** As {@link PdfWriter#getInstance(Document, java.io.OutputStream)}, with this writer. */
        static PdfWriter open(Document document, java.io.OutputStream os)
                throws com.lowagie.text.DocumentException {
            PdfDocument pdf = new PdfDocument();
            pdf.setTextRenderingOptions(document.getTextRenderingOptions());
            document.addDocListener(pdf);
            PdfWriter writer = new OrderedPdfWriter(pdf, os);
            pdf.addWriter(writer);
            return writer;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void addRocPoint(XYSeries s, Roc roc, int i) {
        if (roc.misId()[i] > 0) {
            s.addOrUpdate(roc.efficiency()[i], roc.misId()[i]);
        }
    }

    private static XYIntervalSeries steps(Histogram h, String name) {
        XYIntervalSeries s = new XYIntervalSeries(name);
        for (int b = 0; b < h.bins(); b++) {
            double v = h.content(b), e = h.error(b);
            s.add(h.center(b), h.center(b), h.center(b), v, v - e, v + e);
        }
        return s;
    }

    private static XYSeries outline(Histogram h, String name) {
        XYSeries s = new XYSeries(name, false, true);
        for (int b = 0; b < h.bins(); b++) {
            s.add(h.lowEdge(b), h.content(b));
        }
        s.add(h.hi(), h.content(h.bins() - 1));
        return s;
    }

    private static String label(String what, double[] acc) {
        if (!(acc[0] > 0)) {
            return what;
        }
        double mean = acc[1] / acc[0];
        double sd = Math.sqrt(Math.max(0, acc[2] / acc[0] - mean * mean));
        return String.format(Locale.ROOT, "%s: \u03bc = %.4f, \u03c3 = %.4f", what, mean, sd);
    }

    private static XYErrorRenderer points(Color color) {
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDefaultLinesVisible(false);
        r.setSeriesPaint(0, color);
        r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setErrorPaint(color);
        r.setCapLength(0);
        return r;
    }

    private static Paint hatch() {
        BufferedImage tile = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = tile.createGraphics();
        g.setColor(new Color(0x40, 0x40, 0x40, 200));
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(0, 8, 8, 0);
        g.drawLine(-1, 1, 1, -1);
        g.drawLine(7, 9, 9, 7);
        g.dispose();
        return new TexturePaint(tile, new Rectangle2D.Double(0, 0, 8, 8));
    }

    private static String plain(double width) {
        return new java.math.BigDecimal(width).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static void style(NumberAxis a) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(TICK);
    }

    private static void background(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.setOutlinePaint(Color.BLACK);
    }

    /**
     * Puts {@code label} at the top left of the chart, over its heading: the experiment's label where one applies
     * ({@code CMS Work in progress} on CMS data or simulation, never on a toy); nothing when it is null or blank.
     */
    public static JFreeChart label(JFreeChart chart, String label) {
        if (label != null && !label.isBlank()) {
            TextTitle t = new TextTitle(label, new Font(Font.SANS_SERIF, Font.BOLD, 15));
            t.setHorizontalAlignment(HorizontalAlignment.LEFT);
            t.setPosition(RectangleEdge.TOP);
            chart.addSubtitle(0, t);
        }
        return chart;
    }

    private static void titles(JFreeChart chart, String heading, String lumiText) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 10));
        String right = (heading == null ? "" : heading) + (lumiText == null || lumiText.isBlank() ? ""
                : (heading == null ? "" : "   ") + lumiText);
        if (!right.isBlank()) {
            TextTitle t = new TextTitle(right, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            t.setHorizontalAlignment(HorizontalAlignment.RIGHT);
            t.setPosition(RectangleEdge.TOP);
            chart.addSubtitle(t);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(TICK);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
    }


}
