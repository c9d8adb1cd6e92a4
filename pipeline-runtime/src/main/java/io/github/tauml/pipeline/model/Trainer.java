package io.github.tauml.pipeline.model;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The training stage (reference §3): default training, or adversarial fine-tuning where each step concatenates
 * {@code n_tau} main rows and {@code n_adv_tau} control-region rows (§3.3), with validation after each epoch,
 * {@code step_decay}, early stopping on the validation loss, checkpoints every N steps and at each epoch end, and
 * resume from the last checkpoint in the work directory (same final weights as an uninterrupted run).
 */
public final class Trainer {
    /** Name of the checkpoint the loop resumes from, in the work directory. */
    public static final String CHECKPOINT = "checkpoint.ckpt";
    /** Name of the final weights, in the work directory. */
    public static final String FINAL = "final.ckpt";
    /**
     * In adversarial mode mean_grad_class and mean_grad_adv cost two more backward passes, so they are taken on every
     * tenth step of an epoch (its first included) and averaged over those steps.
     */
    static final int GRADIENT_METRICS_EVERY = 10;

    private Trainer() {
    }

    /** The batches of a run: main (classification) and, in adversarial mode, the control-region batches. */
    public record Data(BatchSource train, BatchSource validation, BatchSource advTrain, BatchSource advValidation) {
    }

    /**
     * Trains.
     *
     * @throws ConfigException   the inputs do not match the network, or the starting model is missing or mismatched
     * @throws TrainingException a loss is not finite (the step and metric are named; the last good checkpoint is
     *                           kept), or the input fails
     */
    public static TrainResult train(TrainRequest req, Data data, Consumer<String> log)
            throws ConfigException, TrainingException, IOException {
        return train(req, data, "", log);
    }

    /**
     * Trains; {@code inputs} identifies the data and the starting model (e.g. their files' sizes and times, see
     * {@link TrainStage}): a checkpoint written for other inputs is not resumed, since its weights saw other data.
     */
    public static TrainResult train(TrainRequest req, Data data, String inputs, Consumer<String> log)
            throws ConfigException, TrainingException, IOException {
        boolean adversarial = req.mode() == TrainRequest.Mode.ADVERSARIAL;
        String fingerprint = inputs.isEmpty() ? req.fingerprint() : req.fingerprint() + "|inputs " + inputs;
        validate(req, data, adversarial);
        Path ckptFile = req.workDirectory().resolve(CHECKPOINT);
        Checkpoint.State state = null;
        Map<String, float[]> resumeVars = null;
        if (Files.exists(ckptFile)) {
            Checkpoint.Loaded loaded = Checkpoint.read(ckptFile);
            if (loaded.state().fingerprint().equals(fingerprint)) {
                state = loaded.state();
                resumeVars = loaded.vars();
                log.accept("Resuming from " + ckptFile + " at step " + state.step());
            } else {
                log.accept("Ignoring " + ckptFile + ": it was written with other settings or inputs; training afresh");
            }
        }
        Map<String, float[]> starting = null;
        if (adversarial && resumeVars == null) {
            starting = readStartingModel(req);
        }
        Files.createDirectories(req.workDirectory());
        DeepTauNetwork net = new DeepTauNetwork(req.network(), req.inputs(), adversarial);
        try (TrainingGraph g = new TrainingGraph(net, req.optimizer(), adversarial ? req.advOptimizer() : null,
                Losses.scaleFactors(req.tauLossesSfs()), req.intraOpThreads(), req.interOpThreads())) {
            if (resumeVars != null) {
                g.store().write(g.session(), resumeVars);
            } else {
                g.initialize(req.seed());
                if (starting != null) {
                    int copied = copyByLayerName(g, starting, req.usePreviousOpt());
                    log.accept("Copied " + copied + " variables by layer name from " + req.startingModel()
                            + "; the adversarial head starts fresh");
                }
                state = new Checkpoint.State(fingerprint, 0, 0, 0, Double.POSITIVE_INFINITY, 0,
                        new ArrayList<>(), new ArrayList<>());
            }
            return loop(req, data, g, state, ckptFile, adversarial, log);
        }
    }

    private static void validate(TrainRequest req, Data data, boolean adversarial) throws ConfigException {
        Problems p = new Problems();
        checkInputs(p, "<trainDataset>", req.inputs(), data.train());
        checkInputs(p, "<validationDataset>", req.inputs(), data.validation());
        if (adversarial) {
            if (data.advTrain() == null || data.advValidation() == null) {
                p.add("<adversarialDataset>", "adversarial mode needs the control-region (adversarial) dataset",
                        "point <adversarialDataset> at the dataset written by the mix");
            } else {
                checkInputs(p, "<adversarialDataset>", req.inputs(), data.advTrain());
                checkInputs(p, "<adversarialDataset>", req.inputs(), data.advValidation());
            }
            if (req.startingModel() == null) {
                p.add("<startingModel>", "adversarial fine-tuning starts from a default model, and none is set",
                        "run the train goal with <mode>default</mode> first and set <startingModel> to its output");
            }
        }
        p.throwIfAny();
    }

    private static void checkInputs(Problems p, String element, List<InputSpec> expected, BatchSource source) {
        if (source == null) {
            p.add(element, "no dataset is given", "set " + element);
            return;
        }
        if (!source.inputs().equals(expected)) {
            p.add(element, "the dataset's inputs " + source.inputs() + " do not match the network's inputs "
                    + expected, "write the dataset with the features the network expects, or train a network for "
                    + "this dataset");
        }
    }

    private static Map<String, float[]> readStartingModel(TrainRequest req) throws ConfigException, IOException {
        Path p = req.startingModel();
        if (Files.isDirectory(p)) {
            Path inside = p.resolve(ModelExport.WEIGHTS);
            p = Files.exists(inside) ? inside : p.resolve(FINAL);
        }
        if (!Files.isRegularFile(p)) {
            throw new ConfigException("<startingModel>", "the default model " + req.startingModel()
                    + " does not exist (no " + ModelExport.WEIGHTS + " or " + FINAL + " in it)",
                    "run the train goal with <mode>default</mode> first, or point <startingModel> at its output");
        }
        return Checkpoint.read(p).vars();
    }

    /**
     * Copies weights whose layer name matches (reference §3.5 "Pretraining"); the adversarial layers find no match
     * and keep their initialisation. With {@code previousOpt} the main optimizer's state is copied too.
     */
    static int copyByLayerName(TrainingGraph g, Map<String, float[]> source, boolean previousOpt)
            throws ConfigException {
        Map<String, float[]> copy = new LinkedHashMap<>();
        Problems p = new Problems();
        for (var e : g.store().all().entrySet()) {
            String name = e.getKey();
            boolean optState = name.startsWith("opt/");
            if (name.startsWith("adv_opt/") || (optState && !previousOpt)) {
                continue;
            }
            float[] v = source.get(name);
            if (v == null) {
                continue;
            }
            if (v.length != e.getValue().size()) {
                p.add("<startingModel>", "layer variable " + name + " has " + v.length + " values in the default model"
                        + " and " + e.getValue().size() + " in this network",
                        "fine-tune with the same network settings (preset) as the default training");
                continue;
            }
            copy.put(name, v);
        }
        p.throwIfAny();
        g.store().write(g.session(), copy);
        return copy.size();
    }

    private static TrainResult loop(TrainRequest req, Data data, TrainingGraph g, Checkpoint.State start,
                                    Path ckptFile, boolean adversarial, Consumer<String> log)
            throws TrainingException, IOException {
        long step = start.step();
        int epoch = start.epoch();
        int stepInEpoch = start.stepInEpoch();
        double bestVal = start.bestValLoss();
        int badEpochs = start.badEpochs();
        List<float[]> stepMetrics = new ArrayList<>(start.stepMetrics());
        List<Map<String, Double>> epochMetrics = new ArrayList<>(start.epochMetrics());
        long totalSteps = (long) req.epochs() * req.batchesPerEpoch();
        boolean stoppedEarly = false;
        data.train().rewind();
        data.train().skip(step);
        if (adversarial) {
            data.advTrain().rewind();
            data.advTrain().skip(step);
        }
        long t0 = System.nanoTime();
        long lastLog = t0;
        long stepsThisRun = 0;
        double waitSeconds;
        double produceSeconds;
        long produced;
        try (Prefetcher pre = new Prefetcher(data.train(), adversarial ? data.advTrain() : null, req.inputs(), 4)) {
            while (epoch < req.epochs() && !stoppedEarly) {
                float lr = (float) (req.optimizer().learningRate()
                        * (req.stepDecay() > 0 ? Math.pow(0.5, epoch / req.stepDecay()) : 1.0));
                while (stepInEpoch < req.batchesPerEpoch()) {
                    StepBatch b = pre.take();
                    double k2 = req.k2();
                    if (req.dannRamp()) {
                        double p = (double) step / totalSteps;
                        k2 *= 2 / (1 + Math.exp(-10 * p)) - 1;
                    }
                    TrainingGraph.StepParams params = new TrainingGraph.StepParams(req.seed(), step,
                            (float) req.k1(), (float) k2, lr,
                            adversarial ? (float) req.advOptimizer().learningRate() : 0f);
                    float[] gradients = adversarial && stepInEpoch % GRADIENT_METRICS_EVERY == 0
                            ? g.gradientMetrics(b, params) : null;
                    float[] m = g.trainStep(b, params);
                    if (gradients != null) {
                        m[6] = gradients[0];
                        m[7] = gradients[1];
                    }
                    checkFinite(m, step, adversarial, ckptFile);
                    stepMetrics.add(m);
                    step++;
                    stepInEpoch++;
                    stepsThisRun++;
                    if (req.checkpointEvery() > 0 && step % req.checkpointEvery() == 0) {
                        Checkpoint.write(ckptFile, new Checkpoint.State(start.fingerprint(), step, epoch, stepInEpoch,
                                bestVal, badEpochs, stepMetrics, epochMetrics), g.store().read(g.session()));
                    }
                    long now = System.nanoTime();
                    if (now - lastLog >= req.progressInterval().toNanos() || step == totalSteps) {
                        lastLog = now;
                        double rate = stepsThisRun / ((now - t0) / 1e9);
                        double left = (totalSteps - step) / Math.max(rate, 1e-9);
                        log.accept(String.format(Locale.ROOT, "step %,d/%,d (epoch %d) %.1f steps/s, %s left, loss %.4f%s",
                                step, totalSteps, epoch + 1, rate, duration(left), m[0],
                                adversarial ? String.format(Locale.ROOT, ", adv_loss %.4f", m[1]) : ""));
                    }
                }
                Map<String, Double> em = epochSummary(stepMetrics.subList(stepMetrics.size()
                        - Math.min(stepMetrics.size(), req.batchesPerEpoch()), stepMetrics.size()), adversarial);
                em.put("epoch", (double) epoch);
                em.put("lr", (double) lr);
                if (req.validationBatches() > 0) {
                    em.putAll(validation(req, data, g, adversarial));
                    double val = em.get("val_loss");
                    if (val < bestVal) {
                        bestVal = val;
                        badEpochs = 0;
                    } else {
                        badEpochs++;
                    }
                    if (req.patience() > 0 && badEpochs >= req.patience()) {
                        stoppedEarly = true;
                        log.accept("Early stopping after epoch " + (epoch + 1) + ": val_loss has not improved for "
                                + badEpochs + " epochs");
                    }
                }
                epochMetrics.add(em);
                log.accept("epoch " + (epoch + 1) + ": " + format(em));
                epoch++;
                stepInEpoch = 0;
                Checkpoint.write(ckptFile, new Checkpoint.State(start.fingerprint(), step, stoppedEarly
                        ? req.epochs() : epoch, 0, bestVal, badEpochs, stepMetrics, epochMetrics),
                        g.store().read(g.session()));
                keepEpochEnd(req, epoch);
            }
            waitSeconds = pre.waitSeconds();
            produceSeconds = pre.produceSeconds();
            produced = pre.taken();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path finalFile = req.workDirectory().resolve(FINAL);
        Checkpoint.write(finalFile, new Checkpoint.State(start.fingerprint(), step, epoch, 0, bestVal, badEpochs,
                List.of(), epochMetrics), g.store().read(g.session()));
        List<Map<String, Double>> steps = new ArrayList<>();
        for (float[] m : stepMetrics) {
            steps.add(stepMap(m, adversarial));
        }
        return new TrainResult(step, epochMetrics.size(), stoppedEarly, start.step(), finalFile, steps, epochMetrics,
                stepsThisRun / Math.max(seconds, 1e-9), waitSeconds,
                produced / Math.max(produceSeconds, 1e-9), keptEpochEnds(req, epochMetrics.size()));
    }

    /** Copies the epoch-end checkpoint to {@code epoch-<k>.ckpt} and drops the one that falls out of the window. */
    private static void keepEpochEnd(TrainRequest req, int epochsDone) throws IOException {
        if (req.keepCheckpoints() <= 0) {
            return;
        }
        Path dir = req.workDirectory();
        java.nio.file.Files.copy(dir.resolve(CHECKPOINT), dir.resolve("epoch-" + epochsDone + ".ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve("epoch-" + (epochsDone - req.keepCheckpoints()) + ".ckpt"));
    }

    private static Map<String, Path> keptEpochEnds(TrainRequest req, int epochsDone) {
        Map<String, Path> out = new java.util.LinkedHashMap<>();
        for (int k = Math.max(1, epochsDone - req.keepCheckpoints() + 1); k <= epochsDone; k++) {
            Path p = req.workDirectory().resolve("epoch-" + k + ".ckpt");
            if (req.keepCheckpoints() > 0 && Files.isRegularFile(p)) {
                out.put("epoch-" + k, p);
            }
        }
        return out;
    }

    private static void checkFinite(float[] m, long step, boolean adversarial, Path ckpt) throws TrainingException {
        String bad = !Float.isFinite(m[0]) ? "loss" : adversarial && !Float.isFinite(m[1]) ? "adv_loss" : null;
        if (bad != null) {
            throw new TrainingException("step " + (step + 1) + ": " + bad + " is " + (bad.equals("loss") ? m[0] : m[1])
                    + "; training stopped, the last good checkpoint is kept"
                    + (java.nio.file.Files.exists(ckpt) ? " at " + ckpt : " (none was written yet)")
                    + ". Check the inputs for NaN/inf values, or lower the learning rate");
        }
    }

    private static Map<String, Double> stepMap(float[] m, boolean adversarial) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", (double) m[0]);
        out.put("accuracy", m[3] > 0 ? (double) m[2] / m[3] : 0.0);
        if (adversarial) {
            out.put("adv_loss", (double) m[1]);
            out.put("adv_accuracy", m[5] > 0 ? (double) m[4] / m[5] : 0.0);
            if (!Float.isNaN(m[6])) {
                out.put("mean_grad_class", (double) m[6]);
                out.put("mean_grad_adv", (double) m[7]);
            }
        }
        return out;
    }

    /**
     * Keras-style running means over the epoch: plain means, accuracies as weighted ratios, mean gradients over the
     * steps that took them.
     */
    private static Map<String, Double> epochSummary(List<float[]> steps, boolean adversarial) {
        double[] sum = new double[TrainingGraph.STEP_METRICS.size()];
        int sampled = 0;
        for (float[] m : steps) {
            for (int i = 0; i < sum.length; i++) {
                if (!Float.isNaN(m[i])) {
                    sum[i] += m[i];
                }
            }
            sampled += Float.isNaN(m[6]) ? 0 : 1;
        }
        int n = Math.max(steps.size(), 1);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", sum[0] / n);
        out.put("accuracy", sum[3] > 0 ? sum[2] / sum[3] : 0.0);
        if (adversarial) {
            out.put("adv_loss", sum[1] / n);
            out.put("adv_accuracy", sum[5] > 0 ? sum[4] / sum[5] : 0.0);
            out.put("mean_grad_class", sum[6] / Math.max(sampled, 1));
            out.put("mean_grad_adv", sum[7] / Math.max(sampled, 1));
        }
        return out;
    }

    private static Map<String, Double> validation(TrainRequest req, Data data, TrainingGraph g, boolean adversarial)
            throws IOException {
        data.validation().rewind();
        if (adversarial) {
            data.advValidation().rewind();
        }
        List<float[]> ms = new ArrayList<>();
        for (int i = 0; i < req.validationBatches(); i++) {
            Batch main = data.validation().next();
            StepBatch b = adversarial ? StepBatch.mixed(main, data.advValidation().next(), req.inputs())
                    : StepBatch.classification(main);
            ms.add(g.validate(b));
        }
        Map<String, Double> s = epochSummary(ms, adversarial);
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : s.entrySet()) {
            if (!e.getKey().startsWith("mean_grad")) {
                out.put("val_" + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static String format(Map<String, Double> m) {
        StringBuilder b = new StringBuilder();
        for (var e : m.entrySet()) {
            if (e.getKey().equals("epoch")) {
                continue;
            }
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(String.format(Locale.ROOT, "%.4g", e.getValue()));
        }
        return b.toString();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
