package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.EvaluatedModels;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.QualityGate;
import io.github.tauml.pipeline.config.QualityGates;
import io.github.tauml.pipeline.evaluate.DjetBinning;
import io.github.tauml.pipeline.evaluate.EvaluateException;
import io.github.tauml.pipeline.evaluate.EvaluateRequest;
import io.github.tauml.pipeline.evaluate.EvaluateResult;
import io.github.tauml.pipeline.evaluate.Evaluation;
import io.github.tauml.pipeline.evaluate.Gates;
import io.github.tauml.pipeline.evaluate.PipelineSummary;
import io.github.tauml.pipeline.evaluate.PredictStage;
import io.github.tauml.pipeline.evaluate.SourceDate;
import io.github.tauml.pipeline.evaluate.WorkingPoint;
import io.github.tauml.pipeline.exec.Upstream;
import io.github.tauml.pipeline.model.ModelExport;
import io.github.tauml.pipeline.track.MlflowStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Evaluates the default and the adversarial model (reference §5, §6). A model that names its exported
 * {@code <savedModel>} is first applied to the evaluation mix and the classification validation split (S8, through the
 * SavedModel's serving signature: what is evaluated is what is shipped); then, from the predictions: D_jet agreement of data
 * and weighted simulation (χ²/ndf, KS, bin ratios), the adversary's AUC, ROC AUCs and working-point rates, the plots
 * (PNG and PDF) and one self-contained HTML report, under {@code target/adversarial/evaluate/}. The declared
 * {@code <gates>} are validated here and shown in the report; the {@code check} goal enforces them.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class EvaluateMojo extends StageMojo {

    /** Relative paths resolve against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    /**
     * The models, each {@code <model><name>..</name><predictions>..</predictions>} with optional
     * {@code <classPredictions>} and {@code <runRecord>}. Empty: {@code default} and {@code adversarial} with
     * {@code <predictionsDirectory>/<name>_predictions.csv}, plus {@code <name>_class_predictions.csv} and the run
     * record {@code <runsDirectory>/<name>} where they exist.
     */
    @Parameter
    private List<EvaluateModel> models;

    /** The adversarial evaluation dataset (the evaluation mix as TFRecords) that models with a savedModel are applied to. */
    @Parameter(property = "adversarial.evaluate.evaluationDataset",
            defaultValue = "${project.build.directory}/adversarial/dataset/evaluation")
    private File evaluationDataset;

    /** Its split to predict. */
    @Parameter(property = "adversarial.evaluate.evaluationSplit", defaultValue = "train")
    private String evaluationSplit;

    /** The classification dataset whose held-out split gives the ROC curves. */
    @Parameter(property = "adversarial.evaluate.classificationDataset",
            defaultValue = "${project.build.directory}/adversarial/dataset/classification")
    private File classificationDataset;

    /** The classification split to predict. */
    @Parameter(property = "adversarial.evaluate.classificationSplit", defaultValue = "validation")
    private String classificationSplit;

    /** TensorFlow threads for the predictions; 0: TensorFlow's default. */
    @Parameter(property = "adversarial.evaluate.threads", defaultValue = "0")
    private int threads;

    /** Where undeclared models' CSVs are looked for. */
    @Parameter(property = "adversarial.evaluate.predictionsDirectory",
            defaultValue = "${project.build.directory}/adversarial/evaluate/predictions")
    private File predictionsDirectory;

    /**
     * Where the run record (training curves) of a model without {@code <runRecord>} is looked for first
     * ({@code <runsDirectory>/<name>/metrics/}); without one, the newest finished run named {@code <name>} in
     * {@code <mlruns>}' experiment {@code <experiment>}, which the train goal records.
     */
    @Parameter(property = "adversarial.evaluate.runsDirectory",
            defaultValue = "${project.build.directory}/adversarial/train")
    private File runsDirectory;

    /** The MLflow file store the train goal records its runs in (for the loss and metric curves). */
    @Parameter(property = "adversarial.evaluate.mlruns", defaultValue = "${project.build.directory}/adversarial/mlruns")
    private File mlruns;

    /** The MLflow experiment of the training runs. */
    @Parameter(property = "adversarial.evaluate.experiment", defaultValue = "adversarial")
    private String experiment;

    /** Gets {@code metrics.json}, {@code plots/} and {@code report.html}. */
    @Parameter(property = "adversarial.evaluate.outputDirectory",
            defaultValue = "${project.build.directory}/adversarial/evaluate")
    private File outputDirectory;

    /** D_jet bins of the agreement window (reference §5: 40). */
    @Parameter(property = "adversarial.evaluate.djetBins", defaultValue = "40")
    private int djetBins;

    /** Lower edge of the D_jet window (reference §5: 0.9). */
    @Parameter(property = "adversarial.evaluate.djetMin", defaultValue = "0.9")
    private double djetMin;

    /** Upper edge of the D_jet window (reference §5: 1). */
    @Parameter(property = "adversarial.evaluate.djetMax", defaultValue = "1.0")
    private double djetMax;

    /** Whether to write a PDF beside every PNG. */
    @Parameter(property = "adversarial.evaluate.pdf", defaultValue = "true")
    private boolean pdf;

    /**
     * The date written into the PDF plots, as Maven's reproducible builds take it: ISO-8601
     * ({@code 2026-01-01T00:00:00Z}) or seconds since 1970; the environment's {@code SOURCE_DATE_EPOCH} wins when set;
     * neither: the PDFs carry no date. Either way the same predictions give the same PDF bytes.
     */
    @Parameter(property = "adversarial.evaluate.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * The plots' left-hand label, e.g. {@code CMS Work in progress} for an analysis of CMS data; none by default (a toy
     * must not carry an experiment's name).
     */
    @Parameter(property = "adversarial.evaluate.label")
    private String label;

    /** The plots' right-hand label, e.g. {@code 59.7 fb⁻¹ (13 TeV)}. */
    @Parameter(property = "adversarial.evaluate.lumiText")
    private String lumiText;

    /** The pipeline summary the stages wrote (JSON); used when present. */
    @Parameter(property = "adversarial.evaluate.summaryFile",
            defaultValue = "${project.build.directory}/adversarial/pipeline-summary.json")
    private File summaryFile;

    /** Extra settings shown in the report. */
    @Parameter
    private Map<String, String> settings;

    /** The quality gates (see the {@code check} goal); validated and shown in the report. */
    @Parameter
    private List<GateSpec> gates;

    /** Skips the goal. */
    @Parameter(property = "adversarial.evaluate.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<EvaluateRequest.Model> declared = models();
        List<String> names = declared.stream().map(EvaluateRequest.Model::name).toList();
        DjetBinning binning;
        List<QualityGate> judged;
        java.time.Instant pdfDate;
        try {
            judged = QualityGates.declare(GateSpec.declarations(gates), names);
            binning = binning();
            pdfDate = pdf ? pdfDate() : null; // checked before the predictions are written
        } catch (ConfigException e) {
            throw new MojoFailureException("The evaluation is declared in a way that cannot run; nothing was"
                    + " evaluated:\n" + e.getMessage(), e);
        }
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("D_jet window", binning.bins() + " bins over [" + binning.lo() + ", " + binning.hi() + "]");
        shown.put("working points", "DeepTau v2p5 VSjet " + WorkingPoint.V2P5_VSJET.stream()
                .map(w -> w.name() + " " + w.threshold()).toList());
        for (EvaluateRequest.Model m : declared) {
            shown.put("model " + m.name(), shown(m.predictions()) + (m.classPredictions() == null ? ""
                    : ", " + shown(m.classPredictions())) + (m.runRecord() == null ? "" : ", run "
                    + shown(m.runRecord())));
        }
        if (settings != null) {
            shown.putAll(settings);
        }
        try {
            predict(declared);
            PipelineSummary summary = summaryFile != null && summaryFile.isFile()
                    ? PipelineSummary.read(summaryFile.toPath()) : PipelineSummary.EMPTY;
            EvaluateRequest request = new EvaluateRequest(declared, outputDirectory.toPath(), binning,
                    WorkingPoint.V2P5_VSJET, pdf, lumiText, summary, shown, judged, pdfDate, label);
            EvaluateResult r = Evaluation.run(request, getLog()::info);
            for (Gates.Outcome o : r.gates()) {
                getLog().info("Gate (judged by the check goal) " + o.message());
            }
            getLog().info("Report: " + r.report());
        } catch (ConfigException e) {
            throw new MojoFailureException("The evaluation is declared in a way that cannot run; nothing was"
                    + " evaluated:\n" + e.getMessage(), e);
        } catch (EvaluateException e) {
            throw new MojoFailureException("The evaluation cannot use its inputs; nothing was written:\n"
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the evaluation under " + outputDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /** The models' predictions and run records in; metrics, report and plots out (the predictions stay inputs). */
    @Override
    protected StageFiles files() {
        List<Path> inputs = new ArrayList<>();
        for (EvaluateModel declared : models == null ? List.<EvaluateModel>of() : models) {
            if (declared.savedModel != null) {
                inputs.add(resolve(declared.savedModel));
                if (declared.checkpoints == null) {
                    inputs.addAll(checkpointModels(declared).values());
                }
                inputs.add(evaluationDataset.toPath());
                inputs.add(classificationDataset.toPath());
            }
        }
        for (EvaluateRequest.Model m : models()) {
            if (models == null || models.stream().noneMatch(d -> d.savedModel != null && m.name().equals(d.name))) {
                inputs.add(m.predictions());
                if (m.classPredictions() != null) {
                    inputs.add(m.classPredictions());
                }
            }
            if (m.runRecord() != null) {
                inputs.add(m.runRecord().resolve("metrics"));
            }
            if (models == null || models.stream().noneMatch(d -> d.savedModel != null && d.checkpoints == null
                    && m.name().equals(d.name))) {
                inputs.addAll(m.checkpoints());
            }
        }
        // The pipeline summary is not an input: it decorates the report, and every stage that runs after this one
        // (package-model, say) rewrites it, which would make the evaluation run again on the next build.
        Path out = outputDirectory.toPath();
        return new StageFiles(Evaluation.FORMAT_VERSION, inputs, List.of(out.resolve("metrics.json"),
                out.resolve("report.html"), out.resolve("plots")));
    }

    /**
     * The gates against the declared models, the D_jet window, and every {@code <savedModel>}: it exists or an earlier
     * execution (the train goal) writes it.
     */
    @Override
    protected void check(Problems problems) throws Exception {
        List<String> names = models().stream().map(EvaluateRequest.Model::name).toList();
        try {
            QualityGates.declare(GateSpec.declarations(gates), names);
        } catch (ConfigException e) {
            problems.addAll(e);
        }
        try {
            binning();
        } catch (ConfigException e) {
            problems.addAll(e);
        }
        if (pdf) {
            try {
                pdfDate();
            } catch (ConfigException e) {
                problems.addAll(e);
            }
        }
        for (EvaluateRequest.Model m : models()) {
            boolean predicted = models != null && models.stream()
                    .anyMatch(d -> d.savedModel != null && m.name().equals(d.name == null ? "" : d.name.trim()));
            if (!predicted && !Files.isRegularFile(m.predictions()) && !upstream().pending(m.predictions())) {
                problems.add(models == null || models.isEmpty() ? "<predictionsDirectory>"
                        : "<models><model name=\"" + m.name() + "\"><predictions>", "the predictions "
                        + m.predictions() + " " + upstream().missing(m.predictions()), "give the model a <savedModel> to"
                        + " predict from, or point <predictions> at its CSV");
            }
        }
        for (EvaluateModel m : models == null ? List.<EvaluateModel>of() : models) {
            if (m.savedModel != null) {
                Path p = resolve(m.savedModel);
                if (!Files.isDirectory(p) && !upstream().pending(p)) {
                    problems.add("<models><model name=\"" + m.name + "\"><savedModel>", "the SavedModel " + p + " "
                            + upstream().missing(p), "point it at <modelDirectory>/saved_model of a train execution"
                            + " declared before this one");
                }
            }
        }
    }

    /**
     * The PDFs' date, {@code SOURCE_DATE_EPOCH}, when it is set and PDFs are written: another date gives other PDF
     * bytes, so the evaluation runs again (unset, the fingerprint is as before the PDFs were dated).
     */
    @Override
    protected Map<String, Object> derivedParameters() {
        String epoch = System.getenv(SourceDate.VARIABLE);
        return pdf && epoch != null && !epoch.isBlank()
                ? Map.of(SourceDate.VARIABLE + " (date of the PDF plots)", epoch.trim()) : Map.of();
    }

    /** The evaluated models' names, for the check goal's gates. */
    @Override
    protected void declareFacts(Upstream pipeline) {
        pipeline.fact(outputDirectory.toPath().resolve("metrics.json"), EvaluatedModels.class,
                new EvaluatedModels(stage(), models().stream().map(EvaluateRequest.Model::name).toList()));
    }

    /** Applies every model that names a SavedModel to the evaluation datasets, writing its predictions CSVs. */
    private void predict(List<EvaluateRequest.Model> declared) throws IOException {
        if (models == null) {
            return;
        }
        for (EvaluateModel m : models) {
            if (m.savedModel == null) {
                continue;
            }
            EvaluateRequest.Model target = declared.stream().filter(d -> d.name().equals(m.name.trim()))
                    .findFirst().orElseThrow();
            boolean classes = target.classPredictions() != null && classificationDataset.isDirectory();
            PredictStage.run(new PredictStage.Request(target.name(), resolve(m.savedModel),
                    evaluationDataset.toPath(), evaluationSplit, classes ? classificationDataset.toPath() : null,
                    classificationSplit, target.predictions(), classes ? target.classPredictions() : null, 1000,
                    threads), getLog()::info);
            if (m.checkpoints == null) {
                for (var c : checkpointModels(m).entrySet()) {
                    PredictStage.run(new PredictStage.Request(target.name() + " " + c.getKey(), c.getValue(),
                            evaluationDataset.toPath(), evaluationSplit, null, classificationSplit,
                            checkpointPredictions(target.name(), c.getKey()), null, 1000, threads), getLog()::info);
                }
            }
        }
    }

    /**
     * The SavedModels of the epoch-end checkpoints the train goal published beside a model
     * ({@code <model>/checkpoints/epoch-<k>/saved_model}, see its {@code keepCheckpoints}), in epoch order.
     */
    private Map<String, Path> checkpointModels(EvaluateModel m) {
        Map<String, Path> out = new LinkedHashMap<>();
        Path dir = resolve(m.savedModel).getParent().resolve(ModelExport.CHECKPOINTS);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var list = Files.list(dir)) {
            list.filter(c -> Files.isDirectory(c.resolve(ModelExport.SAVED_MODEL)))
                    .sorted(java.util.Comparator.comparing((Path c) -> c.getFileName().toString().length())
                            .thenComparing(c -> c.getFileName().toString()))
                    .forEach(c -> out.put(c.getFileName().toString(), c.resolve(ModelExport.SAVED_MODEL)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not list " + dir, e);
        }
        return out;
    }

    private Path checkpointPredictions(String model, String checkpoint) {
        return predictionsDirectory.toPath().resolve(model + "_" + checkpoint + "_predictions.csv");
    }

    private DjetBinning binning() throws ConfigException {
        try {
            return new DjetBinning(djetBins, djetMin, djetMax);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<djetBins>/<djetMin>/<djetMax>", e.getMessage(),
                    "use a positive number of bins and 0 <= djetMin < djetMax <= 1 (reference: 40, 0.9, 1.0)");
        }
    }

    /** The models with their files resolved, once per execution (the run-record lookup reads the MLflow store). */
    private List<EvaluateRequest.Model> resolved;

    private List<EvaluateRequest.Model> models() {
        if (resolved == null) {
            resolved = List.copyOf(resolveModels());
        }
        return resolved;
    }

    private List<EvaluateRequest.Model> resolveModels() {
        List<EvaluateRequest.Model> out = new ArrayList<>();
        if (models == null || models.isEmpty()) {
            for (String name : List.of("default", "adversarial")) {
                Path dir = predictionsDirectory.toPath();
                Path cls = dir.resolve(name + "_class_predictions.csv");
                out.add(new EvaluateRequest.Model(name, dir.resolve(name + "_predictions.csv"),
                        Files.isRegularFile(cls) ? cls : null, runRecord(name)));
            }
            return out;
        }
        for (EvaluateModel m : models) {
            String name = m.name == null ? "" : m.name.trim();
            out.add(new EvaluateRequest.Model(name, resolve(m.predictions == null
                            ? new File(predictionsDirectory, name + "_predictions.csv") : m.predictions),
                    m.classPredictions != null ? resolve(m.classPredictions) : m.savedModel != null
                            ? predictionsDirectory.toPath().resolve(name + "_class_predictions.csv") : null,
                    m.runRecord == null ? runRecord(name) : resolve(m.runRecord),
                    m.checkpoints != null ? m.checkpoints.stream().map(this::resolve).toList()
                            : m.savedModel == null ? List.of() : checkpointModels(m).keySet().stream()
                            .map(c -> checkpointPredictions(name, c)).toList()));
        }
        return out;
    }

    /**
     * A model's run record: {@code <runsDirectory>/<name>}, else its newest run in {@code <mlruns>}, else null (the
     * report then has no training curves; an unreadable store is named in a warning).
     */
    private Path runRecord(String name) {
        Path run = runsDirectory.toPath().resolve(name);
        if (Files.isDirectory(run.resolve("metrics"))) {
            return run;
        }
        try {
            return mlruns == null ? null : new MlflowStore(mlruns.toPath()).latestRun(experiment, name).orElse(null);
        } catch (IOException | RuntimeException e) {
            getLog().warn("No training curves for " + name + ": cannot read the MLflow store " + mlruns + ": "
                    + e.getMessage());
            return null;
        }
    }

    /** Without PDFs, their date cannot change the result. */
    @Override
    protected java.util.Set<String> notFingerprinted() {
        return pdf ? java.util.Set.of() : java.util.Set.of("outputTimestamp");
    }

    /** SOURCE_DATE_EPOCH when set, else {@code <outputTimestamp>} when set, else null (no date). */
    private java.time.Instant pdfDate() throws ConfigException {
        java.time.Instant fromEnvironment = SourceDate.fromEnvironment();
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return outputTimestamp == null || outputTimestamp.trim().length() < 2 ? null
                : PackageModelMojo.timestamp(outputTimestamp);
    }

    /** A path as the report shows it: relative to the project directory when inside it, the same in every checkout. */
    private String shown(Path p) {
        Path base = basedir.toPath().toAbsolutePath().normalize(), abs = p.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private Path resolve(File f) {
        return f.isAbsolute() ? f.toPath() : basedir.toPath().resolve(f.toPath());
    }
}
