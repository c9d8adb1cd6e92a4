package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.exec.AtomicDirectory;
import io.github.tauml.pipeline.exec.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jfree.chart.JFreeChart;

/**
 * The evaluation stage (reference §5, §6, the notebook {@code evaluate_adversarial.ipynb} as a build step): reads every
 * model's prediction tables, computes the agreement and performance metrics ({@link Metrics}), draws the plots
 * ({@link Plots}) and writes, under the request's output directory:
 * <ul>
 *   <li>{@code metrics.json}: model → metric → value;</li>
 *   <li>{@code plots/}: {@code djet_<model>}, {@code djet_ratio}, {@code yadv_<model>} (models with the head),
 *   {@code roc_tau_vs_jet}, {@code roc_tau_vs_e}, {@code roc_tau_vs_mu} (models with class predictions) and
 *   {@code training_<model>} (models with a run record), each {@code .png} and {@code .pdf} (titled with the plot's
 *   caption, dated {@link EvaluateRequest#pdfDate()} or not at all);</li>
 *   <li>{@code report.html}: self-contained.</li>
 * </ul>
 * The same inputs give the same bytes in every file but {@code report.html}, whose pipeline summary shows wall times.
 * Every input is read and checked before anything is written; {@code plots/} is swapped in whole and the files are
 * written to temporary names and moved into place, {@code report.html} last.
 */
public final class Evaluation {
    /**
     * The version of what the stage writes: raise it when the same predictions would give other files (2: PDFs without
     * the time of the run and with an /ID from their content).
     */
    public static final int FORMAT_VERSION = 2;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Evaluation() {
    }

    /**
     * Runs the evaluation.
     *
     * @param log progress lines for the build log
     * @throws ConfigException   when the request names inputs that do not exist (before any work)
     * @throws EvaluateException when an input cannot be used (a CSV without a column, an empty sample)
     * @throws IOException       when an output cannot be written
     */
    public static EvaluateResult run(EvaluateRequest request, Consumer<String> log)
            throws ConfigException, EvaluateException, IOException {
        long start = System.nanoTime();
        request.validate();
        Map<String, AdversarialPredictions> adv = new LinkedHashMap<>();
        Map<String, List<AdversarialPredictions>> checkpoints = new LinkedHashMap<>();
        Map<String, ClassPredictions> cls = new LinkedHashMap<>();
        Map<String, Map<String, RunRecordMetrics.Series>> runs = new LinkedHashMap<>();
        for (EvaluateRequest.Model m : request.models()) {
            AdversarialPredictions p = AdversarialPredictions.read(m.predictions());
            if (p.size() == 0 || !hasBoth(p)) {
                throw new EvaluateException("Predictions CSV " + m.predictions() + " of model " + m.name()
                        + " needs data (y = 1) and simulation (y = 0) rows; it has " + p.size() + " rows. Fix:"
                        + " predict on the adversarial evaluation mix, which holds both.");
            }
            adv.put(m.name(), p);
            List<AdversarialPredictions> cps = new ArrayList<>();
            for (Path c : m.checkpoints()) {
                AdversarialPredictions cp = AdversarialPredictions.read(c);
                if (!hasBoth(cp)) {
                    throw new EvaluateException("Checkpoint predictions CSV " + c + " of model " + m.name()
                            + " needs data (y = 1) and simulation (y = 0) rows. Fix: predict on the adversarial"
                            + " evaluation mix.");
                }
                cps.add(cp);
            }
            checkpoints.put(m.name(), cps);
            if (m.classPredictions() != null) {
                cls.put(m.name(), ClassPredictions.read(m.classPredictions()));
            }
            if (m.runRecord() != null) {
                runs.put(m.name(), RunRecordMetrics.read(m.runRecord()));
            }
        }

        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, DjetComparison> cmp = new LinkedHashMap<>();
        for (Map.Entry<String, AdversarialPredictions> e : adv.entrySet()) {
            String name = e.getKey();
            try {
                Map<String, Double> m = new LinkedHashMap<>(Metrics.compute(e.getValue(), cls.get(name),
                        request.binning(), request.workingPoints()));
                m.putAll(Metrics.checkpointKeys(checkpoints.get(name), request.binning()));
                metrics.put(name, Collections.unmodifiableMap(m));
            } catch (IllegalArgumentException ex) {
                throw new EvaluateException("Model " + name + ": " + ex.getMessage() + ". Fix: the class predictions"
                        + " need true τh and true e, μ and jet candidates with positive weights.", ex);
            }
            cmp.put(name, DjetComparison.of(e.getValue(), request.binning()));
            Map<String, Double> m = metrics.get(name);
            log.accept(String.format(Locale.ROOT, "%s: chi2/ndf(D_jet) = %.3f, KS = %.4f, top-bin ratio = %.3f%s%s",
                    name, m.getOrDefault(Metrics.CHI2_NDF_DJET, Double.NaN),
                    m.getOrDefault(Metrics.KS_DJET, Double.NaN), m.getOrDefault(Metrics.TOP_BIN_RATIO, Double.NaN),
                    m.containsKey(Metrics.ADV_AUC) ? String.format(Locale.ROOT, ", adv AUC = %.4f",
                            m.get(Metrics.ADV_AUC)) : "",
                    m.containsKey(Metrics.AUC_TAU_VS_JET) ? String.format(Locale.ROOT, ", AUC tau vs jet = %.4f",
                            m.get(Metrics.AUC_TAU_VS_JET)) : ""));
        }

        List<NamedChart> charts = new ArrayList<>();
        for (Map.Entry<String, DjetComparison> e : cmp.entrySet()) {
            charts.add(new NamedChart("djet_" + e.getKey(), "D_jet, data vs simulation: " + e.getKey(),
                    Plots.djet(e.getValue(), e.getKey(), request.lumiText())));
        }
        if (cmp.size() > 1) {
            charts.add(new NamedChart("djet_ratio", "D_jet data/simulation, " + String.join(" vs ", cmp.keySet()),
                    Plots.djetRatios(cmp, request.lumiText())));
        }
        for (Map.Entry<String, AdversarialPredictions> e : adv.entrySet()) {
            if (e.getValue().hasAdversarialHead()) {
                charts.add(new NamedChart("yadv_" + e.getKey(), "y_adv, data vs simulation: " + e.getKey(),
                        Plots.yAdv(e.getValue(), e.getKey(), request.lumiText())));
            }
        }
        if (!cls.isEmpty()) {
            String[][] vs = {{"jet", "3"}, {"e", "0"}, {"mu", "1"}};
            for (String[] v : vs) {
                int other = Integer.parseInt(v[1]);
                Map<String, Roc> rocs = new LinkedHashMap<>();
                Map<String, double[][]> points = new LinkedHashMap<>();
                for (Map.Entry<String, ClassPredictions> e : cls.entrySet()) {
                    rocs.put(e.getKey(), Metrics.tauVs(e.getValue(), other));
                    if (other == Discriminators.JET) {
                        points.put(e.getKey(), workingPointRates(e.getValue(), request.workingPoints()));
                    }
                }
                String bg = v[0].equals("mu") ? "\u03bc" : v[0];
                charts.add(new NamedChart("roc_tau_vs_" + v[0], "ROC, \u03c4h vs " + bg,
                        Plots.roc(bg, rocs, points, other == Discriminators.JET ? request.workingPoints() : List.of(),
                                request.lumiText())));
            }
        }
        for (Map.Entry<String, Map<String, RunRecordMetrics.Series>> e : runs.entrySet()) {
            if (!e.getValue().isEmpty()) {
                charts.add(new NamedChart("training_" + e.getKey(), "Training curves: " + e.getKey(),
                        Plots.trainingCurves(e.getValue(), "training: " + e.getKey())));
            }
        }

        Path out = request.outputDirectory();
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        List<HtmlReport.Plot> plots = new ArrayList<>();
        try (AtomicDirectory dir = AtomicDirectory.create(out.resolve("plots"))) {
            for (NamedChart c : charts) {
                Plots.label(c.chart(), request.label());
                byte[] png = Plots.png(c.chart());
                Files.write(dir.staging().resolve(c.id() + ".png"), png);
                written.add(out.resolve("plots").resolve(c.id() + ".png"));
                String pdf = null;
                if (request.pdf()) {
                    Files.write(dir.staging().resolve(c.id() + ".pdf"), Plots.pdf(c.chart(), c.title(), request.pdfDate()));
                    written.add(out.resolve("plots").resolve(c.id() + ".pdf"));
                    pdf = "plots/" + c.id() + ".pdf";
                }
                plots.add(new HtmlReport.Plot(c.id(), c.title(), png, pdf));
            }
            dir.publish();
        }
        Path metricsFile = out.resolve("metrics.json");
        MetricsJson.write(metricsFile, metrics);
        List<Gates.Outcome> verdicts = Gates.judge(request.gates(), metrics);
        Path report = out.resolve("report.html");
        AtomicFiles.writeString(report, HtmlReport.render(request.summary(), metrics, verdicts, plots,
                request.settings()));
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(Locale.ROOT, "Wrote %s, %d plot files and %s in %.1f s", metricsFile, written.size(),
                report, seconds));
        return new EvaluateResult(metricsFile, report, List.copyOf(written), Collections.unmodifiableMap(metrics),
                verdicts, seconds);
    }

    /** {efficiency, mis-id} of τh against jets at each working point. */
    static double[][] workingPointRates(ClassPredictions c, List<WorkingPoint> wps) {
        float[] d = c.discriminator(Discriminators.JET);
        boolean[] tau = Metrics.is(c.yClass(), Discriminators.TAU);
        boolean[] jet = Metrics.is(c.yClass(), Discriminators.JET);
        double[][] r = new double[wps.size()][];
        for (int i = 0; i < r.length; i++) {
            r[i] = Roc.rates(d, tau, jet, c.weight(), wps.get(i).threshold());
        }
        return r;
    }

    private static boolean hasBoth(AdversarialPredictions p) {
        boolean data = false, sim = false;
        for (int y : p.y()) {
            data |= y == 1;
            sim |= y == 0;
        }
        return data && sim;
    }

    private record NamedChart(String id, String title, JFreeChart chart) {
    }
}
