package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.PdfReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlotsTest {
    static final Path OUT = Path.of("target", "plots-test");

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void djetPlotRendersToPngAndPdf() throws Exception {
        AdversarialPredictions p = Synthetic.mix(3, 300, 20, 16, 1f, true);
        JFreeChart chart = Plots.djet(DjetComparison.of(p, DjetBinning.REFERENCE), "default", "toy (13 TeV)");
        checkPng(chart, "djet_default");
        checkPdf(chart, "djet_default");
    }

    @Test
    void otherPlotsRender() throws Exception {
        AdversarialPredictions a = Synthetic.mix(3, 300, 20, 16, 1f, true);
        AdversarialPredictions b = Synthetic.mix(4, 300, 20, 20, 1f, true);
        Map<String, DjetComparison> m = new LinkedHashMap<>();
        m.put("default", DjetComparison.of(a, DjetBinning.REFERENCE));
        m.put("adversarial", DjetComparison.of(b, DjetBinning.REFERENCE));
        checkPng(Plots.djetRatios(m, "toy"), "djet_ratios");
        checkPng(Plots.yAdv(b, "adversarial", "toy"), "yadv");
        ClassPredictions c1 = Synthetic.classes(1, 20000, 2.0), c2 = Synthetic.classes(2, 20000, 2.5);
        Map<String, Roc> rocs = new LinkedHashMap<>();
        rocs.put("default", Metrics.tauVs(c1, Discriminators.JET));
        rocs.put("adversarial", Metrics.tauVs(c2, Discriminators.JET));
        checkPng(Plots.roc("jet", rocs, Map.of(), List.of(), "toy"), "roc");
    }

    static void checkPng(JFreeChart chart, String name) throws Exception {
        byte[] png = Plots.png(chart);
        Files.createDirectories(OUT);
        Files.write(OUT.resolve(name + ".png"), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo((int) Math.round(Plots.WIDTH * Plots.PNG_SCALE));
    }

    static void checkPdf(JFreeChart chart, String name) throws Exception {
        byte[] pdf = Plots.pdf(chart);
        Files.write(OUT.resolve(name + ".pdf"), pdf);
        PdfReader r = new PdfReader(pdf);
        assertThat(r.getNumberOfPages()).isEqualTo(1);
        r.close();
    }
}
