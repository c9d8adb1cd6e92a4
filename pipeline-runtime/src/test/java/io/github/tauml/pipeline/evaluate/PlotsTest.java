package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.TableXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plots carry the numbers they show (read back from the charts' datasets), in the reference's layout (§5), and
 * render to a PNG of the declared size and a one-page PDF. The PNGs are kept under {@code target/plots-test} to look at.
 */
class PlotsTest {
    static final Path OUT = Path.of("target", "plots-test");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void djetPlotStacksSimulationInTheReferenceOrderWithBandDataAndRatio() throws Exception {
        AdversarialPredictions p = Synthetic.mix(3, 300, 20, 16, 0.5f, true);
        DjetComparison cmp = DjetComparison.of(p, DjetBinning.REFERENCE);
        JFreeChart chart = Plots.djet(cmp, "default", "toy (13 TeV)");
        CombinedDomainXYPlot plot = (CombinedDomainXYPlot) chart.getXYPlot();
        List<XYPlot> panels = plot.getSubplots();
        assertThat(panels).hasSize(2);
        XYPlot top = panels.get(0), ratio = panels.get(1);

        TableXYDataset stack = (TableXYDataset) top.getDataset(0);
        List<String> order = new ArrayList<>();
        for (int s = 0; s < stack.getSeriesCount(); s++) {
            order.add(stack.getSeriesKey(s).toString());
        }
        assertThat(order).containsExactly(Contribution.TTJ.label(), Contribution.QCD.label(), Contribution.WJ.label(),
                Contribution.DYM.label(), Contribution.TTT.label(), Contribution.DYT.label());
        assertThat(stack.getItemCount()).isEqualTo(40);
        IntervalXYDataset band = (IntervalXYDataset) top.getDataset(1);
        IntervalXYDataset data = (IntervalXYDataset) top.getDataset(2);
        for (int b = 0; b < 40; b++) {
            double total = 0;
            for (int s = 0; s < stack.getSeriesCount(); s++) {
                total += stack.getYValue(s, b);
            }
            assertThat(total).isCloseTo(cmp.simulation().content(b), within(1e-9));
            assertThat(band.getEndYValue(0, b) - band.getStartYValue(0, b))
                    .isCloseTo(2 * cmp.simulation().error(b), within(1e-9));
            assertThat(data.getYValue(0, b)).isEqualTo(cmp.data().content(b));
            assertThat(data.getEndYValue(0, b) - data.getYValue(0, b))
                    .isCloseTo(Math.sqrt(cmp.data().content(b)), within(1e-9));
        }
        assertThat(ratio.getRangeAxis().getLowerBound()).isEqualTo(0.5);
        assertThat(ratio.getRangeAxis().getUpperBound()).isEqualTo(1.6);
        XYDataset r = ratio.getDataset(1);
        assertThat(r.getYValue(0, 39)).isCloseTo(cmp.ratio(39), within(1e-12));
        assertThat(plot.getDomainAxis().getLowerBound()).isEqualTo(0.9);
        assertThat(plot.getDomainAxis().getUpperBound()).isEqualTo(1.0);

        checkPng(chart, "djet_default");
        checkPdf(chart, "djet_default");
    }

    @Test
    void rocHasALogMisIdAxisAucInTheLegendAndTheWorkingPoints() throws Exception {
        ClassPredictions c1 = Synthetic.classes(1, 20000, 2.0), c2 = Synthetic.classes(2, 20000, 2.5);
        Map<String, Roc> rocs = new LinkedHashMap<>();
        rocs.put("default", Metrics.tauVs(c1, Discriminators.JET));
        rocs.put("adversarial", Metrics.tauVs(c2, Discriminators.JET));
        Map<String, double[][]> wps = new LinkedHashMap<>();
        wps.put("default", Evaluation.workingPointRates(c1, WorkingPoint.V2P5_VSJET));
        wps.put("adversarial", Evaluation.workingPointRates(c2, WorkingPoint.V2P5_VSJET));
        JFreeChart chart = Plots.roc("jet", rocs, wps, WorkingPoint.V2P5_VSJET, "toy");
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getRangeAxis()).isInstanceOf(LogAxis.class);
        XYDataset d = plot.getDataset();
        assertThat(d.getSeriesKey(0).toString())
                .isEqualTo(String.format(java.util.Locale.ROOT, "default (AUC = %.4f)", rocs.get("default").auc()));
        assertThat(d.getSeriesKey(2).toString()).isEqualTo("default VSjet WPs");
        // The Medium point of the default model sits at its efficiency and mis-id rate.
        double[] medium = wps.get("default")[4];
        boolean found = false;
        for (int i = 0; i < d.getItemCount(2); i++) {
            found |= d.getXValue(2, i) == medium[0] && d.getYValue(2, i) == medium[1];
        }
        assertThat(found || medium[1] == 0).isTrue();
        checkPng(chart, "roc_tau_vs_jet");
    }

    @Test
    void otherPlotsRender() throws Exception {
        AdversarialPredictions a = Synthetic.mix(3, 300, 20, 16, 1f, true);
        AdversarialPredictions b = Synthetic.mix(4, 300, 20, 20, 1f, true);
        Map<String, DjetComparison> m = new LinkedHashMap<>();
        m.put("default", DjetComparison.of(a, DjetBinning.REFERENCE));
        m.put("adversarial", DjetComparison.of(b, DjetBinning.REFERENCE));
        checkPng(Plots.djetRatios(m, "toy"), "djet_ratio");
        checkPng(Plots.yAdv(b, "adversarial", "toy"), "yadv_adversarial");
        Map<String, RunRecordMetrics.Series> curves = new LinkedHashMap<>();
        int n = 40;
        long[] t = new long[n], s = new long[n];
        double[] loss = new double[n], adv = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1700000000000L + i;
            s[i] = 100L * i;
            loss[i] = 0.5 / (1 + 0.1 * i);
            adv[i] = 0.693 - 0.01 * Math.exp(-0.1 * i);
        }
        curves.put("adv_loss", new RunRecordMetrics.Series(t, adv, s));
        curves.put("loss", new RunRecordMetrics.Series(t, loss, s));
        checkPng(Plots.trainingCurves(curves, "training: adversarial"), "training_adversarial");
    }

    /**
     * The train goal's run record: per-step values ({@code step_loss}, MLflow step = global step) and epoch means
     * ({@code loss}, {@code val_loss}, MLflow step = epoch index) share the panel of {@code loss}, the epoch means at
     * the step that ends their epoch; a learning rate that never changed gets no panel.
     */
    @Test
    void trainingCurvesPutEpochMeansAtTheEndOfTheirEpochBesideTheSteps() throws Exception {
        int steps = 300;
        int epochs = 3;
        long[] st = new long[steps];
        double[] stepLoss = new double[steps];
        for (int i = 0; i < steps; i++) {
            st[i] = i;
            stepLoss[i] = 1.0 / (1 + i);
        }
        long[] ep = {0, 1, 2};
        long[] t = new long[epochs];
        Map<String, RunRecordMetrics.Series> curves = new LinkedHashMap<>();
        curves.put("step_loss", new RunRecordMetrics.Series(new long[steps], stepLoss, st));
        curves.put("loss", new RunRecordMetrics.Series(t, new double[]{0.3, 0.2, 0.1}, ep));
        curves.put("val_loss", new RunRecordMetrics.Series(t, new double[]{0.35, 0.25, 0.2}, ep));
        curves.put("lr", new RunRecordMetrics.Series(t, new double[]{1e-3, 1e-3, 1e-3}, ep));
        org.jfree.chart.JFreeChart chart = Plots.trainingCurves(curves, "training: default");
        @SuppressWarnings("unchecked")
        List<org.jfree.chart.plot.XYPlot> panels = ((org.jfree.chart.plot.CombinedDomainXYPlot) chart.getXYPlot())
                .getSubplots();
        assertThat(panels).hasSize(1);
        org.jfree.data.xy.XYSeriesCollection c = (org.jfree.data.xy.XYSeriesCollection) panels.get(0).getDataset();
        assertThat(c.getSeries(0).getKey()).isEqualTo("loss (each step)");
        assertThat(c.getSeries(0).getItemCount()).isEqualTo(steps);
        org.jfree.data.xy.XYSeries loss = c.getSeries("loss");
        assertThat(loss.getX(0).doubleValue()).isEqualTo(100.0);
        assertThat(loss.getX(2).doubleValue()).isEqualTo(300.0);
        assertThat(c.getSeries("val_loss").getX(1).doubleValue()).isEqualTo(200.0);
        checkPng(chart, "training_default");
    }

    /**
     * The same plot drawn again, in separate calls written to separate files, gives the same PDF bytes (OpenPDF alone
     * stamps the current time and a random /ID, and writes the hatch patterns in hash order); the PDF still parses, has one page of the plot's size, the plot's
     * caption as its title, the date given (or none) and an /ID taken from its content.
     */
    @Test
    void samePlotGivesTheSamePdfBytesAndAValidPdf() throws Exception {
        Files.createDirectories(OUT);
        java.time.Instant date = java.time.Instant.parse("2026-11-30T04:42:14Z");
        String title = "D_jet, data vs simulation: default \u03c4h";
        // Four renders: the plot has three hatch patterns, which OpenPDF alone writes in an order that changes from
        // one render to the next (1 chance in 6 of two renders agreeing by luck, 1 in 216 for four).
        for (int i = 1; i <= 4; i++) {
            Files.write(OUT.resolve("repro_" + i + ".pdf"), Plots.pdf(djetChart(), title, date));
        }
        byte[] a = Files.readAllBytes(OUT.resolve("repro_1.pdf"));
        for (int i = 2; i <= 4; i++) {
            assertThat(Files.readAllBytes(OUT.resolve("repro_" + i + ".pdf"))).as("render " + i).isEqualTo(a);
        }

        PdfReader r = new PdfReader(a);
        try {
            assertThat(r.getNumberOfPages()).isEqualTo(1);
            assertThat(r.getPageSize(1).getWidth()).isEqualTo(Plots.WIDTH);
            assertThat(r.getPageSize(1).getHeight()).isEqualTo(Plots.HEIGHT);
            assertThat(r.getInfo()).containsEntry("Title", title)
                    .containsEntry("CreationDate", "D:20261130044214Z")
                    .containsEntry("ModDate", "D:20261130044214Z");
            // the plot is on the page: 40 bins of six stacked fills, a band, points and text drawn as paths
            assertThat(r.getPageContent(1).length).isGreaterThan(20_000);
            com.lowagie.text.pdf.PdfArray id = r.getTrailer().getAsArray(com.lowagie.text.pdf.PdfName.ID);
            assertThat(id.size()).isEqualTo(2);
            assertThat(id.getPdfObject(0).getBytes()).hasSize(16).isEqualTo(id.getPdfObject(1).getBytes());
        } finally {
            r.close();
        }

        // Without a date the PDF has none; another date or another plot gives another /ID.
        PdfReader undated = new PdfReader(Plots.pdf(djetChart(), title, null));
        assertThat(undated.getInfo()).doesNotContainKeys("CreationDate", "ModDate");
        assertThat(trailerId(undated)).isNotEqualTo(trailerId(new PdfReader(a)));
        assertThat(trailerId(new PdfReader(Plots.pdf(djetChart(), title, date.plusSeconds(1)))))
                .isNotEqualTo(trailerId(new PdfReader(a)));
        AdversarialPredictions other = Synthetic.mix(4, 300, 20, 16, 0.5f, true);
        assertThat(trailerId(new PdfReader(Plots.pdf(Plots.djet(DjetComparison.of(other, DjetBinning.REFERENCE),
                "default", "toy (13 TeV)"), title, date)))).isNotEqualTo(trailerId(new PdfReader(a)));
        undated.close();
    }

    /** PNGs of the same plot drawn twice are the same bytes. */
    @Test
    void samePlotGivesTheSamePngBytes() throws Exception {
        assertThat(Plots.png(djetChart())).isEqualTo(Plots.png(djetChart()));
    }

    private static JFreeChart djetChart() {
        AdversarialPredictions p = Synthetic.mix(3, 300, 20, 16, 0.5f, true);
        return Plots.djet(DjetComparison.of(p, DjetBinning.REFERENCE), "default", "toy (13 TeV)");
    }

    private static String trailerId(PdfReader r) {
        return r.getTrailer().getAsArray(com.lowagie.text.pdf.PdfName.ID).toString();
    }

    static void checkPng(JFreeChart chart, String name) throws Exception {
        byte[] png = Plots.png(chart);
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo((int) Math.round(Plots.WIDTH * Plots.PNG_SCALE));
        assertThat(img.getHeight()).isEqualTo((int) Math.round(Plots.HEIGHT * Plots.PNG_SCALE));
    }

    static void checkPdf(JFreeChart chart, String name) throws Exception {
        byte[] pdf = Plots.pdf(chart);
        Files.write(OUT.resolve(name + ".pdf"), pdf);
        PdfReader r = new PdfReader(pdf);
        assertThat(r.getNumberOfPages()).isEqualTo(1);
        assertThat(r.getPageSize(1).getWidth()).isEqualTo(Plots.WIDTH);
        r.close();
    }
}
