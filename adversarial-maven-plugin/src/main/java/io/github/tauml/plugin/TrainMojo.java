package io.github.tauml.plugin;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.config.Problems;
import io.github.tauml.pipeline.config.TrainConfig;
import io.github.tauml.pipeline.config.TrainDeclaration;
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

    /** Skips the goal. */
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

    private static final String CLASSIFICATION_DATASET = TrainConfig.CLASSIFICATION_DATASET;
    private static final String ADVERSARIAL_DATASET = TrainConfig.ADVERSARIAL_DATASET;

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
        return TrainConfig.request(new TrainDeclaration(basedir.toPath(), mode, preset, path(trainingYaml),
                path(classificationDataset), path(adversarialDataset), path(startingModel), path(modelDirectory),
                path(workDirectory), path(mlruns), experiment, epochs, batchesPerEpoch, validationBatches, nTau,
                learningRate, optimizer, scheduleDecay, stepDecay, patience, k1, k2, advLearningRate, usePreviousOpt,
                dannRamp, seed, checkpointEvery, keepCheckpoints, intraOpThreads, interOpThreads, progressSeconds),
                (dataset, element) -> spec(dataset, element).spec());
    }

    private static Path path(File f) {
        return f == null ? null : f.toPath();
    }

}
