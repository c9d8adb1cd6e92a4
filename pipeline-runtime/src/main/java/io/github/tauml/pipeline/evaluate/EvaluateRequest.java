package io.github.tauml.pipeline.evaluate;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.QualityGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * The evaluation stage (reference §5, §6): the models' prediction tables in, {@code metrics.json}, plots (PNG and
 * PDF) and one self-contained HTML report out.
 *
 * @param models          the evaluated models in order, first the starting (default) model, then the adversarial one
 * @param outputDirectory {@code target/adversarial/evaluate}: gets {@code metrics.json}, {@code report.html} and
 *                        {@code plots/}
 * @param binning         the D_jet window of the agreement metrics (§5: 40 bins over [0.9, 1])
 * @param workingPoints   the VSjet working points whose efficiency and mis-id are reported and marked
 * @param pdf             whether to write a PDF beside each PNG
 * @param lumiText        the right-hand plot label (e.g. "59.7 fb⁻¹ (13 TeV)"), or null
 * @param summary         what the pipeline did before, for the report
 * @param settings        settings shown in the report (name → value, in order)
 * @param gates           quality gates shown in the report (judged again by the check goal)
 * @param pdfDate         the date written into the PDFs ({@code /CreationDate}, {@code /ModDate}), e.g.
 *                        {@code SOURCE_DATE_EPOCH} or {@code project.build.outputTimestamp}; null: none. The PDFs are
 *                        the same bytes for the same predictions and date ({@link Plots#pdf(JFreeChart, String,
 *                        java.time.Instant)})
 * @param label           the plots' left-hand label, e.g. {@code CMS Work in progress} for an analysis of CMS
 *                        data, {@code Toy} for the toy; null: none (never an experiment's name by default)
 */
public record EvaluateRequest(List<Model> models, Path outputDirectory, DjetBinning binning,
                              List<WorkingPoint> workingPoints, boolean pdf, String lumiText, PipelineSummary summary,
                              Map<String, String> settings, List<QualityGate> gates, java.time.Instant pdfDate,
                              String label) {

    /** A request without a left-hand plot label. */
    public EvaluateRequest(List<Model> models, Path outputDirectory, DjetBinning binning,
                           List<WorkingPoint> workingPoints, boolean pdf, String lumiText, PipelineSummary summary,
                           Map<String, String> settings, List<QualityGate> gates, java.time.Instant pdfDate) {
        this(models, outputDirectory, binning, workingPoints, pdf, lumiText, summary, settings, gates, pdfDate, null);
    }

    /** A request whose PDFs carry no date. */
    public EvaluateRequest(List<Model> models, Path outputDirectory, DjetBinning binning,
                           List<WorkingPoint> workingPoints, boolean pdf, String lumiText, PipelineSummary summary,
                           Map<String, String> settings, List<QualityGate> gates) {
        this(models, outputDirectory, binning, workingPoints, pdf, lumiText, summary, settings, gates, null, null);
    }

    /**
     * One model's inputs.
     *
     * @param name             its key in {@code metrics.json} ({@code default}, {@code adversarial})
     * @param predictions      the adversarial-mix predictions CSV ({@link AdversarialPredictions})
     * @param classPredictions the classification-set CSV ({@link ClassPredictions}), or null (no ROC metrics)
     * @param runRecord        the training run directory (MLflow layout, with {@code metrics/}), or null
     * @param checkpoints      predictions CSVs of the model's last checkpoints (e.g. the last three), possibly empty:
     *                         single checkpoints scatter by the statistical floor, so the agreement metrics are also
     *                         reported as their mean and standard deviation over these ({@link Metrics#checkpointKeys})
     */
    public record Model(String name, Path predictions, Path classPredictions, Path runRecord, List<Path> checkpoints) {
        public Model {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(predictions, "predictions");
            checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
        }

        /** A model without checkpoint predictions. */
        public Model(String name, Path predictions, Path classPredictions, Path runRecord) {
            this(name, predictions, classPredictions, runRecord, List.of());
        }
    }

    public EvaluateRequest {
        models = List.copyOf(models);
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        binning = binning == null ? DjetBinning.REFERENCE : binning;
        workingPoints = workingPoints == null ? WorkingPoint.V2P5_VSJET : List.copyOf(workingPoints);
        summary = summary == null ? PipelineSummary.EMPTY : summary;
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    /**
     * Checks what can be checked before any work: at least one model, unique names, every input present.
     *
     * @throws ConfigException naming {@code <models><model name="..."><predictions>} (and the like) and the fix
     */
    public void validate() throws ConfigException {
        Problems p = new Problems();
        if (models.isEmpty()) {
            p.add("<models>", "no model to evaluate", "declare the default and the adversarial model");
        }
        Set<String> names = new HashSet<>();
        for (Model m : models) {
            String at = "<models><model name=\"" + m.name() + "\">";
            if (!m.name().matches("[A-Za-z0-9_.-]+")) {
                p.add(at + "<name>", "'" + m.name() + "' is not a usable model name",
                        "use letters, digits, '_', '.' or '-' (it names files and metrics.json keys)");
            }
            if (!names.add(m.name())) {
                p.add(at, "two models are named " + m.name(), "give every model its own <name>");
            }
            if (!Files.isRegularFile(m.predictions())) {
                p.add(at + "<predictions>", "no file " + m.predictions(),
                        "run the predictions step first, or point <predictions> at the model's predictions CSV");
            }
            if (m.classPredictions() != null && !Files.isRegularFile(m.classPredictions())) {
                p.add(at + "<classPredictions>", "no file " + m.classPredictions(),
                        "point <classPredictions> at the model's classification-set CSV, or leave it out");
            }
            for (int i = 0; i < m.checkpoints().size(); i++) {
                if (!Files.isRegularFile(m.checkpoints().get(i))) {
                    p.add(at + "<checkpoints><checkpoint index=\"" + (i + 1) + "\">", "no file "
                            + m.checkpoints().get(i), "point it at the predictions CSV of a checkpoint, or leave it out");
                }
            }
            if (m.runRecord() != null && !Files.isDirectory(m.runRecord().resolve("metrics"))) {
                p.add(at + "<runRecord>", "no metrics/ directory in " + m.runRecord(),
                        "point <runRecord> at the training run directory (holding metrics/), or leave it out");
            }
        }
        p.throwIfAny();
    }
}
