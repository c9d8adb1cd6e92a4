package io.github.tauml.pipeline.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfReader;
import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.QualityGate;
import io.github.tauml.pipeline.config.QualityGates;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    @TempDir
    Path dir;

    /**
     * A default model whose data τh D_jet is mismodelled (Beta(16,1) against Beta(20,1)) and an adversarial model
     * whose data and simulation agree, with class predictions and a run record: every output is written and the
     * metrics say which model agrees.
     */
    static EvaluateRequest scenario(Path dir, List<QualityGate> gates) throws Exception {
        Synthetic.mix(31, 300, 20, 16, 0.5f, false).write(dir.resolve("in/default.csv"));
        Synthetic.mix(32, 300, 20, 20, 0.5f, true).write(dir.resolve("in/adversarial.csv"));
        Synthetic.classes(33, 20000, 2.0).write(dir.resolve("in/default_class.csv"));
        Synthetic.classes(34, 20000, 2.0).write(dir.resolve("in/adversarial_class.csv"));
        Path run = dir.resolve("in/run");
        Files.createDirectories(run.resolve("metrics"));
        StringBuilder loss = new StringBuilder(), adv = new StringBuilder();
        for (int s = 0; s < 50; s++) {
            loss.append(1700000000000L + s).append(' ').append(1.0 / (1 + 0.1 * s)).append(' ').append(s).append('\n');
            adv.append(1700000000000L + s).append(' ').append(0.69 + 0.01 * Math.sin(s)).append(' ').append(s)
                    .append('\n');
        }
        Files.writeString(run.resolve("metrics/loss"), loss);
        Files.writeString(run.resolve("metrics/adv_loss"), adv);
        List<EvaluateRequest.Model> models = List.of(
                new EvaluateRequest.Model("default", dir.resolve("in/default.csv"), dir.resolve("in/default_class.csv"),
                        null),
                new EvaluateRequest.Model("adversarial", dir.resolve("in/adversarial.csv"),
                        dir.resolve("in/adversarial_class.csv"), run));
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", 120000L);
        counts.put("passed", 30000L);
        PipelineSummary summary = new PipelineSummary(List.of(
                new PipelineSummary.Stage("skim", "ran", List.of("toy/data.root", "toy/DYtautau.root"), counts, 4.2),
                new PipelineSummary.Stage("mix", "up to date", List.of("skim/"), Map.of("batches", 300L), 0.1)));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("adv_parameter", "[1, 10]");
        settings.put("seed", "1");
        return new EvaluateRequest(models, dir.resolve("out"), DjetBinning.REFERENCE, WorkingPoint.V2P5_VSJET, true,
                "toy (13 TeV)", summary, settings, gates);
    }

    @Test
    void writesMetricsPlotsAndReport() throws Exception {
        List<QualityGate> gates = QualityGates.declare(List.of(
                new QualityGates.Declaration("chi2_ndf_djet", null, null, 1.5, null, null, null, null),
                new QualityGates.Declaration("auc_tau_vs_jet", null, null, null, null, 0.01, null, null)),
                List.of("default", "adversarial"));
        List<String> log = new ArrayList<>();
        EvaluateResult r = Evaluation.run(scenario(dir, gates), log::add);

        Map<String, Map<String, Double>> m = MetricsJson.read(dir.resolve("out/metrics.json"));
        assertThat(m).containsOnlyKeys("default", "adversarial");
        assertThat(m).isEqualTo(r.metrics());
        Map<String, Double> def = m.get("default"), adv = m.get("adversarial");
        // The mismodelled default model fails agreement (p < 1e-6), the adversarial one is at the statistical floor.
        assertThat(def.get("chi2_pvalue_djet")).isLessThan(1e-6);
        assertThat(adv.get("chi2_ndf_djet")).isLessThan(2.0);
        assertThat(def.get("chi2_ndf_djet")).isGreaterThan(adv.get("chi2_ndf_djet"));
        assertThat(def.get("top_bin_ratio")).isLessThan(1.0);
        // y_adv is drawn alike for data and simulation: the AUC is 0.5 within 4 of its standard errors.
        double nd = 300 * 50, ns = 300 * 100;
        assertThat(adv.get("adv_auc")).isCloseTo(0.5, within(4 * Math.sqrt((nd + ns + 1) / (12 * nd * ns))));
        assertThat(def).doesNotContainKey("adv_auc");
        assertThat(def).containsKeys("auc_tau_vs_jet", "auc_tau_vs_e", "auc_tau_vs_mu", "tau_eff_vsjet_Medium",
                "jet_misid_vsjet_Medium", "true_auc_tau_vs_jet_data", "ks_djet", "rms_ratio_top10",
                "rms_ratio_top20");
        assertThat(def.get("tau_eff_vsjet_VVVLoose")).isGreaterThanOrEqualTo(def.get("tau_eff_vsjet_VVTight"));

        List<String> names = new ArrayList<>();
        for (Path p : r.plots()) {
            names.add(p.getFileName().toString());
            assertThat(p).isRegularFile();
        }
        for (String id : List.of("djet_default", "djet_adversarial", "djet_ratio", "yadv_adversarial",
                "roc_tau_vs_jet", "roc_tau_vs_e", "roc_tau_vs_mu", "training_adversarial")) {
            assertThat(names).contains(id + ".png", id + ".pdf");
            BufferedImage img = ImageIO.read(dir.resolve("out/plots/" + id + ".png").toFile());
            assertThat(img.getWidth()).isEqualTo((int) Math.round(Plots.WIDTH * Plots.PNG_SCALE));
            PdfReader pdf = new PdfReader(dir.resolve("out/plots/" + id + ".pdf").toString());
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            pdf.close();
        }
        assertThat(names).doesNotContain("yadv_default.png");

        String html = Files.readString(r.report());
        assertThat(html).contains("<table id=\"metrics\">", "<table id=\"pipeline\">", "<table id=\"gates\">",
                "<table id=\"settings\">", "adv_parameter", "data:image/png;base64,");
        assertThat(html).doesNotContain("src=\"plots/", "<script");
        // each metric says what it is; counts have no "adversarial - default" difference
        assertThat(html).contains("<th>meaning</th>", "data/simulation in the highest D_jet bin",
                "how well the adversary's y_adv tells data from simulation (0.5: it cannot)");
        java.util.regex.Matcher nData = java.util.regex.Pattern.compile(
                "<tr><td>n_data</td>(<td class=\"num\">[^<]*</td>){3}").matcher(html);
        assertThat(nData.find()).isTrue();
        assertThat(nData.group()).endsWith("<td class=\"num\">\u2013</td>");
        assertThat(r.gates()).hasSize(2);
        assertThat(log).anyMatch(l -> l.startsWith("default: chi2/ndf(D_jet) = "));
        // Nothing half-written is left beside the outputs.
        try (var s = Files.list(dir.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsOnly("metrics.json", "plots", "report.html");
        }
    }

    /**
     * Two evaluations of the same inputs into two output directories give the same bytes in every file: metrics.json,
     * each PNG and PDF (no time stamp, no random /ID) and the report (its summary is given here; in a build it shows
     * the stages' wall times, which is why the build lock does not verify it).
     */
    @Test
    void sameInputsGiveTheSameBytesInEveryFile() throws Exception {
        EvaluateRequest req = scenario(dir, List.of());
        EvaluateRequest again = new EvaluateRequest(req.models(), dir.resolve("out2"), req.binning(),
                req.workingPoints(), req.pdf(), req.lumiText(), req.summary(), req.settings(), req.gates());
        EvaluateResult first = Evaluation.run(req, s -> { });
        Evaluation.run(again, s -> { });
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(dir.resolve("out"))) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(dir.resolve("out").relativize(f).toString()));
        }
        assertThat(files).contains("metrics.json", "report.html", "plots/djet_default.png", "plots/djet_default.pdf",
                "plots/roc_tau_vs_jet.pdf", "plots/training_adversarial.pdf").hasSize(2 + first.plots().size());
        for (String f : files) {
            assertThat(Files.readAllBytes(dir.resolve("out2").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("out").resolve(f)));
        }
    }

    /** The request's date is every PDF's creation date; without one the PDFs have none. */
    @Test
    void pdfsCarryTheRequestsDateAndTheirCaption() throws Exception {
        EvaluateRequest req = scenario(dir, List.of());
        java.time.Instant date = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Evaluation.run(new EvaluateRequest(req.models(), dir.resolve("dated"), req.binning(), req.workingPoints(),
                true, req.lumiText(), req.summary(), req.settings(), req.gates(), date), s -> { });
        PdfReader dated = new PdfReader(dir.resolve("dated/plots/djet_default.pdf").toString());
        assertThat(dated.getInfo()).containsEntry("CreationDate", "D:20260101000000Z")
                .containsEntry("Title", "D_jet, data vs simulation: default");
        dated.close();
        Evaluation.run(req, s -> { });
        PdfReader undated = new PdfReader(dir.resolve("out/plots/djet_default.pdf").toString());
        assertThat(undated.getInfo()).doesNotContainKeys("CreationDate", "ModDate");
        undated.close();
    }

    /** The checkpoint keys are the mean and sample standard deviation of each checkpoint's own metrics. */
    @Test
    void checkpointMetricsAreMeanAndSpreadOverTheCheckpoints() throws Exception {
        EvaluateRequest base = scenario(dir, List.of());
        List<Path> cps = new ArrayList<>();
        double[] chi2 = new double[3];
        for (int i = 0; i < 3; i++) {
            AdversarialPredictions p = Synthetic.mix(40 + i, 300, 20, 20, 0.5f, true);
            cps.add(dir.resolve("in/adversarial_cp" + i + ".csv"));
            p.write(cps.get(i));
            chi2[i] = Metrics.compute(p, null, DjetBinning.REFERENCE, List.of()).get("chi2_ndf_djet");
        }
        EvaluateRequest.Model a = base.models().get(1);
        EvaluateRequest req = new EvaluateRequest(List.of(base.models().get(0), new EvaluateRequest.Model(a.name(),
                a.predictions(), a.classPredictions(), a.runRecord(), cps)), base.outputDirectory(), null, null, false,
                null, null, null, null);
        Map<String, Double> m = Evaluation.run(req, s -> { }).metrics().get("adversarial");
        double mean = (chi2[0] + chi2[1] + chi2[2]) / 3;
        double var = 0;
        for (double c : chi2) {
            var += (c - mean) * (c - mean) / 2;
        }
        assertThat(m.get("chi2_ndf_djet_checkpoint_mean")).isCloseTo(mean, within(1e-12));
        assertThat(m.get("chi2_ndf_djet_checkpoint_sd")).isCloseTo(Math.sqrt(var), within(1e-12));
        assertThat(m.get("checkpoints")).isEqualTo(3.0);
        assertThat(m).containsKeys("ks_djet_checkpoint_mean", "adv_auc_checkpoint_mean", "top_bin_ratio_checkpoint_sd");
        assertThat(QualityGates.declare(List.of(new QualityGates.Declaration("chi2_ndf_djet_checkpoint_mean", null,
                null, 1.3, null, null, null, null)), List.of("default", "adversarial"))).hasSize(1);
    }

    @Test
    void missingInputsFailBeforeAnythingIsWritten() throws Exception {
        EvaluateRequest ok = scenario(dir, List.of());
        EvaluateRequest bad = new EvaluateRequest(List.of(ok.models().get(0),
                new EvaluateRequest.Model("adversarial", dir.resolve("in/nope.csv"), dir.resolve("in/nope_class.csv"),
                        null)), ok.outputDirectory(), null, null, true, null, null, null, null);
        assertThatThrownBy(() -> Evaluation.run(bad, s -> { })).isInstanceOf(ConfigException.class)
                .hasMessageContaining("<models><model name=\"adversarial\"><predictions>: no file")
                .hasMessageContaining("<models><model name=\"adversarial\"><classPredictions>: no file")
                .hasMessageContaining("Fix:");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void predictionsWithoutDataAreRefused() throws Exception {
        AdversarialPredictions p = Synthetic.mix(1, 2, 20, 20, 1f, false);
        int n = p.size();
        AdversarialPredictions simOnly = new AdversarialPredictions(p.djet(), new int[n], p.weights(), null,
                p.datasetId(), p.tauPt(), p.tauEta(), p.tauDecayMode(), null);
        simOnly.write(dir.resolve("sim.csv"));
        EvaluateRequest req = new EvaluateRequest(List.of(new EvaluateRequest.Model("default", dir.resolve("sim.csv"),
                null, null)), dir.resolve("out"), null, null, false, null, null, null, null);
        assertThatThrownBy(() -> Evaluation.run(req, s -> { })).isInstanceOf(EvaluateException.class)
                .hasMessageContaining("needs data (y = 1) and simulation (y = 0) rows");
        assertThat(dir.resolve("out/metrics.json")).doesNotExist();
    }
}
