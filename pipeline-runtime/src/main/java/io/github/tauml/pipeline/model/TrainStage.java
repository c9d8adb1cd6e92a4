package io.github.tauml.pipeline.model;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.track.MlflowStore;
import io.github.tauml.pipeline.track.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The entry point of the {@code train} goal (reference §3): opens the datasets, trains (resuming from a checkpoint in
 * the work directory), exports the model directory ({@link ModelExport}) and records the run in MLflow's file store.
 */
public final class TrainStage {
    /**
     * The version of what the stage writes: raise it when the same request would train other weights (2: the fused
     * backward pass of the adversarial step, epoch-end checkpoints).
     */
    public static final int FORMAT_VERSION = 2;

    private TrainStage() {
    }

    /** What the stage produced. */
    public record Result(TrainResult training, Path modelDirectory, Path runDirectory) {
    }

    /**
     * Runs the stage.
     *
     * @throws ConfigException   a dataset is missing or does not match the network, or the starting model is missing
     * @throws TrainingException a loss became NaN (step and metric named) or the input failed
     */
    public static Result run(TrainStageRequest req, BatchSourceFactory sources, Consumer<String> log)
            throws ConfigException, TrainingException, IOException {
        TrainRequest t = req.training();
        boolean adversarial = t.mode() == TrainRequest.Mode.ADVERSARIAL;
        DatasetSpec cls = DatasetSpec.read(req.classificationDataset(), "<classificationDataset>");
        DatasetSpec adv = null;
        if (adversarial) {
            if (req.adversarialDataset() == null) {
                throw new ConfigException("<adversarialDataset>", "adversarial mode needs the control-region dataset",
                        "set <adversarialDataset> to the adversarial dataset directory");
            }
            adv = DatasetSpec.read(req.adversarialDataset(), "<adversarialDataset>");
        }
        long start = System.currentTimeMillis();
        int nAdv = adv == null ? 0 : adv.batchSize();
        try (BatchSource train = sources.open(req.classificationDataset(), "train", req.nTau(), true, t.seed());
             BatchSource val = sources.open(req.classificationDataset(), "validation", req.nTau(), false, t.seed());
             BatchSource advTrain = adv == null ? null
                     : sources.open(req.adversarialDataset(), "train", nAdv, false, t.seed());
             BatchSource advVal = adv == null ? null
                     : sources.open(req.adversarialDataset(), "validation", nAdv, false, t.seed())) {
            TrainResult r = Trainer.train(t, new Trainer.Data(train, val, advTrain, advVal),
                    inputsIdentity(req), log);
            Map<String, Object> settings = settings(t, req);
            ModelExport.export(new ExportRequest(t.network(), t.inputs(), adversarial, r.weights(), cls.scaling(),
                    settings, req.modelDirectory(), r.epochCheckpoints()));
            Path runDir = null;
            if (req.mlruns() != null) {
                Map<String, String> params = new LinkedHashMap<>();
                settings.forEach((k, v) -> params.put(k, String.valueOf(v)));
                RunRecord run = new RunRecord(req.experiment(), req.runName(), params,
                        Map.of("mode", t.mode().name().toLowerCase(java.util.Locale.ROOT)), r.stepMetrics(),
                        r.epochMetrics(), Map.of("model", req.modelDirectory()), start, System.currentTimeMillis(),
                        true, req.analysisDirectory());
                runDir = new MlflowStore(req.mlruns()).record(run).directory();
                log.accept("Run recorded in " + runDir);
            }
            return new Result(r, req.modelDirectory(), runDir);
        }
    }

    /**
     * The datasets' and the starting model's files by name, size and modification time: a checkpoint written for
     * other files (a re-made dataset, a retrained default model) is not resumed. A dataset re-written with the same
     * bytes also counts as other inputs; that only costs a fresh training.
     */
    static String inputsIdentity(TrainStageRequest req) throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.List<Path> roots = new java.util.ArrayList<>();
        roots.add(req.classificationDataset());
        if (req.adversarialDataset() != null) {
            roots.add(req.adversarialDataset());
        }
        if (req.training().startingModel() != null) {
            roots.add(req.training().startingModel());
        }
        for (Path root : roots) {
            if (!java.nio.file.Files.exists(root)) {
                continue;
            }
            try (var walk = java.nio.file.Files.walk(root)) {
                for (Path f : (Iterable<Path>) walk.filter(java.nio.file.Files::isRegularFile).sorted()::iterator) {
                    b.append(root.relativize(f)).append(':').append(java.nio.file.Files.size(f)).append(':')
                            .append(java.nio.file.Files.getLastModifiedTime(f).toMillis()).append(';');
                }
            }
        }
        return sha256(b.toString());
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A path as {@code settings.json} names it: relative to the analysis directory (with {@code /}) when inside it, so
     * the same training gives the same file in every checkout; otherwise absolute.
     */
    static String projectRelative(Path path, Path analysisDirectory) {
        if (path == null) {
            return "null";
        }
        Path p = path.toAbsolutePath().normalize();
        if (analysisDirectory != null) {
            Path base = analysisDirectory.toAbsolutePath().normalize();
            if (p.startsWith(base)) {
                return p.equals(base) ? "." : base.relativize(p).toString().replace('\\', '/');
            }
        }
        return p.toString();
    }

    private static Map<String, Object> settings(TrainRequest t, TrainStageRequest req) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", t.mode().name().toLowerCase(java.util.Locale.ROOT));
        s.put("tau_net", t.network().tauNet().toString());
        s.put("comp_net", t.network().compNet().toString());
        s.put("comp_merge_net", t.network().compMergeNet().toString());
        s.put("conv_2d_net", t.network().conv2dNet().toString());
        s.put("dense_net", t.network().denseNet().toString());
        s.put("optimizer_name", t.optimizer().name());
        s.put("learning_rate", t.optimizer().learningRate());
        s.put("schedule_decay", t.optimizer().scheduleDecay());
        s.put("TauLossesSFs", java.util.Arrays.toString(t.tauLossesSfs()));
        s.put("n_tau", req.nTau());
        s.put("n_epochs", t.epochs());
        s.put("n_batches", t.batchesPerEpoch());
        s.put("n_batches_val", t.validationBatches());
        s.put("step_decay", t.stepDecay());
        s.put("keep_checkpoints", t.keepCheckpoints());
        s.put("seed", t.seed());
        if (t.mode() == TrainRequest.Mode.ADVERSARIAL) {
            s.put("adv_parameter", "[" + t.k1() + ", " + t.k2() + "]");
            s.put("adv_learning_rate", t.advOptimizer().learningRate());
            s.put("use_previous_opt", t.usePreviousOpt());
            s.put("dann_ramp", t.dannRamp());
            s.put("starting_model", projectRelative(t.startingModel(), req.analysisDirectory()));
        }
        return s;
    }
}
