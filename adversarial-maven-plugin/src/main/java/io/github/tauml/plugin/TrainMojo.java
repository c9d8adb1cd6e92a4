package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.TrainingYaml;
import io.github.tauml.pipeline.model.BatchSourceFactory;
import io.github.tauml.pipeline.model.DatasetSpec;
import io.github.tauml.pipeline.model.Losses;
import io.github.tauml.pipeline.model.NetworkSettings;
import io.github.tauml.pipeline.model.OptimizerSettings;
import io.github.tauml.pipeline.model.TrainRequest;
import io.github.tauml.pipeline.model.TrainStage;
import io.github.tauml.pipeline.model.TrainStageRequest;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Trains the DeepTau network in TensorFlow (reference workflow §3): {@code <mode>default</mode>} on the
 * classification dataset, or {@code <mode>adversarial</mode>}: fine-tuning of a default model on the mixed
 * control region with the adversarial head. Settings come from the pom and, where {@code <trainingYaml>} names a
 * TauMLTools-style {@code training_v1.yaml}, from its {@code Setup}/{@code SetupNN} keys; the pom wins. A killed build
 * resumes from the last checkpoint in {@code <workDirectory>}. Outputs: the model directory (SavedModel, frozen
 * graph, weights, scaling, settings) and an MLflow run under {@code <mlruns>}.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class TrainMojo extends StageMojo {

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File basedir;

    /** {@code default} or {@code adversarial}. */
    @Parameter(property = "adversarial.train.mode", defaultValue = "default")
    private String mode;

    /** Network sizes: {@code small} (the example's) or {@code v2p5}; the yaml's SetupNN nets replace a preset's. */
    @Parameter(property = "adversarial.train.preset", defaultValue = "small")
    private String preset;

    /** A TauMLTools-style training yaml to read settings from (optional). */
    @Parameter(property = "adversarial.train.trainingYaml")
    private File trainingYaml;

    /** The classification dataset directory. */
    @Parameter(property = "adversarial.train.classificationDataset",
            defaultValue = "${project.build.directory}/adversarial/dataset/classification")
    private File classificationDataset;

    /** The control-region (adversarial) dataset directory; adversarial mode. */
    @Parameter(property = "adversarial.train.adversarialDataset",
            defaultValue = "${project.build.directory}/adversarial/dataset/adversarial")
    private File adversarialDataset;

    /** Adversarial mode: the default model directory to start from. */
    @Parameter(property = "adversarial.train.startingModel",
            defaultValue = "${project.build.directory}/adversarial/model/default")
    private File startingModel;

    /** Where the model directory is published; default: {@code target/adversarial/model/<mode>}. */
    @Parameter(property = "adversarial.train.modelDirectory")
    private File modelDirectory;

    /** Checkpoints and final weights; default: {@code target/adversarial/train/<mode>}. */
    @Parameter(property = "adversarial.train.workDirectory")
    private File workDirectory;

    /** The MLflow file store. */
    @Parameter(property = "adversarial.train.mlruns", defaultValue = "${project.build.directory}/adversarial/mlruns")
    private File mlruns;

    /** MLflow experiment name. */
    @Parameter(property = "adversarial.train.experiment", defaultValue = "adversarial")
    private String experiment;

    /** {@code SetupNN.n_epochs} (default 1). */
    @Parameter(property = "adversarial.train.epochs")
    private Integer epochs;

    /** {@code SetupNN.n_batches}: steps per epoch (default 1000). */
    @Parameter(property = "adversarial.train.batchesPerEpoch")
    private Integer batchesPerEpoch;

    /** {@code SetupNN.n_batches_val}: validation batches per epoch (default 100). */
    @Parameter(property = "adversarial.train.validationBatches")
    private Integer validationBatches;

    /** {@code Setup.n_tau}: main rows per step (default 250). */
    @Parameter(property = "adversarial.train.nTau")
    private Integer nTau;

    /** {@code SetupNN.learning_rate} (default 0.001). */
    @Parameter(property = "adversarial.train.learningRate")
    private Double learningRate;

    /** {@code SetupNN.optimizer_name}: Nadam or Adam (default Nadam). */
    @Parameter(property = "adversarial.train.optimizer")
    private String optimizer;

    /** {@code SetupNN.schedule_decay} of the main Nadam (default 1e-4). */
    @Parameter(property = "adversarial.train.scheduleDecay")
    private Double scheduleDecay;

    /** Halve the learning rate every this many epochs (0 = off, the default). */
    @Parameter(property = "adversarial.train.stepDecay")
    private Integer stepDecay;

    /** Early stopping patience in epochs on the validation loss (0 = off, the default). */
    @Parameter(property = "adversarial.train.patience", defaultValue = "0")
    private int patience;

    /** {@code Setup.adv_parameter[0]} (default 1). */
    @Parameter(property = "adversarial.train.k1")
    private Double k1;

    /** {@code Setup.adv_parameter[1]} (default 10). */
    @Parameter(property = "adversarial.train.k2")
    private Double k2;

    /** {@code Setup.adv_learning_rate} (default 0.01). */
    @Parameter(property = "adversarial.train.advLearningRate")
    private Double advLearningRate;

    /** {@code Setup.use_previous_opt} (default false). */
    @Parameter(property = "adversarial.train.usePreviousOpt")
    private Boolean usePreviousOpt;

    /** Ramp k2 with λ_p = 2/(1+e^(−10p)) − 1 over the run (DANN; beyond the reference). */
    @Parameter(property = "adversarial.train.dannRamp", defaultValue = "false")
    private boolean dannRamp;

    /** Seed of the weights initialisation, dropout and shuffling. */
    @Parameter(property = "adversarial.train.seed", defaultValue = "1")
    private long seed;

    /** Checkpoint every this many steps (0: only at epoch ends). */
    @Parameter(property = "adversarial.train.checkpointEvery", defaultValue = "500")
    private int checkpointEvery;

    /**
     * Keep the weights of the last this many epoch ends and publish each as {@code checkpoints/epoch-<k>/saved_model}
     * in the model directory; the evaluate goal then also reports the agreement metrics as their mean
     * ({@code <metric>_checkpoint_mean}), which scatters less than a single checkpoint. 0 keeps none.
     */
    @Parameter(property = "adversarial.train.keepCheckpoints", defaultValue = "0")
    private int keepCheckpoints;

    /** TensorFlow intra-op threads (0: TensorFlow's choice). */
    @Parameter(property = "adversarial.train.intraOpThreads", defaultValue = "0")
    private int intraOpThreads;

    /** TensorFlow inter-op threads (0: TensorFlow's choice). */
    @Parameter(property = "adversarial.train.interOpThreads", defaultValue = "0")
    private int interOpThreads;

    /** Seconds between progress lines. */
    @Parameter(property = "adversarial.train.progressSeconds", defaultValue = "30")
    private int progressSeconds;

    @Parameter(property = "adversarial.train.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skip() {
        return skip;
    }

    @Override
    protected void run() throws Exception {
        TrainStage.Result r = TrainStage.run(request(), factory(), getLog()::info);
        getLog().info(String.format(Locale.ROOT, "Trained %,d steps (%.1f steps/s; input pipeline %,.0f batches/s, "
                        + "step waited %.1f s for input); model in %s", r.training().steps(),
                r.training().stepsPerSecond(), r.training().inputBatchesPerSecond(),
                r.training().inputWaitSeconds(), r.modelDirectory()));
    }

    /** The datasets (and the starting model and yaml) in, the published model directory out. */
    @Override
    protected StageFiles files() {
        TrainStageRequest r;
        try {
            r = request();
        } catch (ConfigException | RuntimeException e) {
            return null; // the run reports it
        }
        List<Path> inputs = new ArrayList<>();
        inputs.add(r.classificationDataset());
        if (r.adversarialDataset() != null) {
            inputs.add(r.adversarialDataset());
        }
        if (r.training().startingModel() != null) {
            inputs.add(r.training().startingModel());
        }
        if (trainingYaml != null && adversarialMode()) {
            inputs.add(trainingYaml.toPath()); // in default mode its settings are fingerprinted instead
        }
        return new StageFiles(TrainStage.FORMAT_VERSION, inputs, List.of(r.modelDirectory()));
    }

    @Override
    protected Map<String, String> tools() {
        return Map.of("java", System.getProperty("java.version"), "tensorflow", org.tensorflow.TensorFlow.version());
    }

    /** Parameters of the adversarial fine-tuning only: in default mode they cannot change the trained model. */
    static final Set<String> ADVERSARIAL_ONLY = Set.of("k1", "k2", "advLearningRate", "usePreviousOpt", "dannRamp",
            "adversarialDataset", "startingModel");

    private static final String CLASSIFICATION_DATASET =
            "<classificationDataset> (adversarial.train.classificationDataset)";
    private static final String ADVERSARIAL_DATASET = "<adversarialDataset> (adversarial.train.adversarialDataset)";

    /**
     * In default mode, the settings the training yaml gives without its adversarial-only keys ({@code adv_parameter},
     * {@code n_adv_tau}, {@code adv_learning_rate}, {@code use_previous_opt}): editing k2 in the yaml must not re-train
     * the default model either.
     */
    @Override
    protected Map<String, Object> derivedParameters() throws ConfigException {
        if (trainingYaml == null || adversarialMode()) {
            return Map.of();
        }
        TrainingYaml.Settings y = TrainingYaml.read(trainingYaml.toPath());
        return Map.of("trainingYaml (settings of default training)", new TrainingYaml.Settings(y.nTau(), null, null,
                null, null, y.nBatches(), y.nBatchesVal(), y.nEpochs(), y.tauLossesSfs(), y.optimizerName(),
                y.learningRate(), y.scheduleDecay(), y.stepDecay(), y.nets()));
    }

    private boolean adversarialMode() {
        return "adversarial".equalsIgnoreCase(mode == null ? "" : mode.trim());
    }

    /**
     * In default mode the adversarial-only parameters ({@link #ADVERSARIAL_ONLY}): changing k2 must not re-train the
     * default model. In every mode the progress interval, which only paces the log.
     */
    @Override
    protected Set<String> notFingerprinted() {
        Set<String> out = new HashSet<>(Set.of("progressSeconds"));
        if (!adversarialMode()) {
            out.addAll(ADVERSARIAL_ONLY);
        }
        return out;
    }

    /**
     * The settings (mode, preset, yaml, counts), and the datasets against the network: the classification dataset is
     * one, and in adversarial mode the control-region dataset is an adversarial one with the same network inputs
     * (names and shapes), and the starting model exists or an earlier execution writes it. A dataset that an earlier
     * execution writes is checked as that execution declares it.
     */
    @Override
    protected void check(Problems problems) throws Exception {
        TrainStageRequest r = request();
        DatasetSpec.Declared cls = spec(r.classificationDataset(), CLASSIFICATION_DATASET);
        kind(cls, DatasetSpec.CLASSIFICATION, CLASSIFICATION_DATASET, problems);
        if (r.adversarialDataset() != null) {
            DatasetSpec.Declared adv;
            try {
                adv = spec(r.adversarialDataset(), ADVERSARIAL_DATASET);
            } catch (ConfigException e) {
                problems.addAll(e);
                return;
            }
            kind(adv, DatasetSpec.ADVERSARIAL, ADVERSARIAL_DATASET, problems);
            List<String> diff = adv.spec().inputDifferences(cls.spec());
            if (!diff.isEmpty()) {
                problems.add(ADVERSARIAL_DATASET, "its network inputs (" + adv.writer() + ") differ from the"
                        + " classification dataset's (" + cls.writer() + "): " + String.join("; ", diff)
                        + " (here: the adversarial dataset, there: the classification dataset)",
                        "write both datasets with the same <preset>, grid sizes and feature lists");
            }
            Path start = r.training().startingModel();
            if (start != null && !java.nio.file.Files.isDirectory(start) && !upstream().pending(start)) {
                problems.add("<startingModel> (adversarial.train.startingModel)", "the default model " + start + " "
                        + upstream().missing(start), "train the default model first (an execution with"
                        + " <mode>default</mode> before this one), or point <startingModel> at a model directory");
            }
        }
    }

    @Override
    protected List<Path> declaredOutputs() {
        String m = mode == null ? "default" : mode.trim().toLowerCase(Locale.ROOT);
        return List.of((modelDirectory != null ? modelDirectory : new File(basedir, "target/adversarial/model/" + m))
                .toPath());
    }

    /** A dataset's spec: as the earlier execution that writes it declares it, else as written on disk. */
    private DatasetSpec.Declared spec(Path dataset, String element) throws ConfigException {
        var declared = upstream().fact(dataset, DatasetSpec.Declared.class);
        if (declared.isPresent()) {
            return declared.get();
        }
        if (upstream().wholePipeline() && !java.nio.file.Files.exists(dataset)) {
            throw new ConfigException(element, "the dataset " + dataset + " " + upstream().missing(dataset), "point it at"
                    + " the output directory of a dataset execution declared before this one");
        }
        return new DatasetSpec.Declared(dataset.toString(), DatasetSpec.read(dataset, element));
    }

    private static void kind(DatasetSpec.Declared d, String wanted, String element, Problems problems) {
        if (!wanted.equals(d.spec().kind())) {
            problems.add(element, "is " + (d.spec().kind().isEmpty() ? "not a classification or adversarial"
                    : "the " + d.spec().kind()) + " dataset " + d.writer() + ", not a " + wanted + " one",
                    "point it at the <" + wanted + "><output> of the dataset goal");
        }
    }

    private static BatchSourceFactory factory() throws MojoExecutionException {
        Iterator<BatchSourceFactory> it = ServiceLoader.load(BatchSourceFactory.class,
                TrainMojo.class.getClassLoader()).iterator();
        if (!it.hasNext()) {
            throw new MojoExecutionException("train: no TFRecord dataset reader (" + BatchSourceFactory.class.getName()
                    + " service) is on the plugin's class path");
        }
        return it.next();
    }

    TrainStageRequest request() throws ConfigException {
        Problems p = new Problems();
        TrainRequest.Mode m;
        try {
            m = TrainRequest.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<mode>", "unknown mode '" + mode + "'", "use default or adversarial");
        }
        boolean adversarial = m == TrainRequest.Mode.ADVERSARIAL;
        TrainingYaml.Settings y = trainingYaml == null ? null : TrainingYaml.read(trainingYaml.toPath());
        NetworkSettings base;
        try {
            base = NetworkSettings.preset(preset);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<preset>", e.getMessage(), "use small or v2p5");
        }
        NetworkSettings net = base;
        if (y != null && !y.nets().isEmpty()) {
            net = new NetworkSettings(y.nets().getOrDefault("tau_net", base.tauNet()),
                    y.nets().getOrDefault("comp_net", base.compNet()),
                    y.nets().getOrDefault("comp_merge_net", base.compMergeNet()),
                    y.nets().getOrDefault("conv_2d_net", base.conv2dNet()),
                    y.nets().getOrDefault("dense_net", base.denseNet()), 4);
        }
        // A missing dataset is reported together with the settings' problems below.
        DatasetSpec spec = null;
        try {
            spec = spec(classificationDataset.toPath(), CLASSIFICATION_DATASET).spec();
        } catch (ConfigException e) {
            p.addAll(e);
        }
        String modeName = m.name().toLowerCase(Locale.ROOT);
        double lr = pick(learningRate, y == null ? null : y.learningRate(), 0.001);
        String optName = pick(optimizer, y == null ? null : y.optimizerName(), "Nadam");
        double decay = pick(scheduleDecay, y == null ? null : y.scheduleDecay(), 1e-4);
        double[] adv = y == null ? null : y.advParameter();
        double advLr = pick(advLearningRate, y == null ? null : y.advLearningRate(), 0.01);
        OptimizerSettings main;
        try {
            main = new OptimizerSettings(optName, lr, decay);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<optimizer>", e.getMessage(), "use Nadam or Adam with a positive learningRate");
        }
        int ep = pick(epochs, y == null ? null : y.nEpochs(), 1);
        int nb = pick(batchesPerEpoch, y == null ? null : y.nBatches(), 1000);
        int nv = pick(validationBatches, y == null ? null : y.nBatchesVal(), 100);
        if (ep <= 0) {
            p.add("<epochs>", "must be positive, got " + ep, "set <epochs>1</epochs> or more");
        }
        if (nb <= 0) {
            p.add("<batchesPerEpoch>", "must be positive, got " + nb, "set <batchesPerEpoch>");
        }
        if (keepCheckpoints < 0) {
            p.add("<keepCheckpoints>", "must not be negative, got " + keepCheckpoints,
                    "set <keepCheckpoints>3</keepCheckpoints> to keep the last three epoch ends, or 0 for none");
        }
        double kClass = pick(k1, adv == null ? null : adv[0], 1.0);
        double kAdv = pick(k2, adv == null ? null : adv[1], 10.0);
        // Δ_common = k1·g_class − k2·g_adv (§3.5): a negative k turns a gradient around, both zero freeze the layers.
        if (adversarial && (!(kClass >= 0) || Double.isInfinite(kClass))) {
            p.add("<k1> (adversarial.train.k1)", "must be a finite number of 0 or more, got " + kClass,
                    "use the reference's adv_parameter [1, 10], i.e. <k1>1</k1>");
        }
        if (adversarial && (!(kAdv >= 0) || Double.isInfinite(kAdv))) {
            p.add("<k2> (adversarial.train.k2)", "must be a finite number of 0 or more, got " + kAdv
                    + (kAdv < 0 ? ": a negative k2 would help the adversary instead of fighting it" : ""),
                    "use the reference's adv_parameter [1, 10], i.e. <k2>10</k2>, or 0 for the control without"
                    + " the adversary's gradient");
        }
        if (adversarial && kClass == 0 && kAdv == 0) {
            p.add("<k1> and <k2> (adversarial.train.k1, adversarial.train.k2)", "are both 0: no gradient would"
                    + " reach the common layers", "use the reference's adv_parameter [1, 10]");
        }
        p.throwIfAny();
        TrainRequest t = new TrainRequest(m, net, spec.inputs(), main, OptimizerSettings.adversary(advLr),
                y != null && y.tauLossesSfs() != null ? y.tauLossesSfs() : Losses.TAU_LOSSES_SFS,
                kClass, kAdv, dannRamp,
                ep, nb, nv, pick(stepDecay, y == null ? null : y.stepDecay(), 0), patience, seed,
                adversarial ? startingModel.toPath() : null,
                pick(usePreviousOpt, y == null ? null : y.usePreviousOpt(), false),
                (workDirectory != null ? workDirectory
                        : new File(basedir, "target/adversarial/train/" + modeName)).toPath(),
                checkpointEvery, keepCheckpoints, intraOpThreads, interOpThreads,
                Duration.ofSeconds(Math.max(1, progressSeconds)));
        return new TrainStageRequest(t, pick(nTau, y == null ? null : y.nTau(), 250),
                classificationDataset.toPath(), adversarial ? adversarialDataset.toPath() : null,
                (modelDirectory != null ? modelDirectory : new File(basedir, "target/adversarial/model/" + modeName))
                        .toPath(), mlruns == null ? null : mlruns.toPath(), experiment, modeName, basedir.toPath());
    }

    private static <T> T pick(T pom, T yaml, T fallback) {
        return pom != null ? pom : yaml != null ? yaml : fallback;
    }

}
