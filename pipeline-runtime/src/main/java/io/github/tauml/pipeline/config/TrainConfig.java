package io.github.tauml.pipeline.config;

import io.github.tauml.pipeline.model.DatasetSpec;
import io.github.tauml.pipeline.model.Losses;
import io.github.tauml.pipeline.model.NetworkSettings;
import io.github.tauml.pipeline.model.OptimizerSettings;
import io.github.tauml.pipeline.model.TrainRequest;
import io.github.tauml.pipeline.model.TrainStageRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Validates a {@link TrainDeclaration} and turns it into the {@link TrainStageRequest} of one training: the pom's
 * values win over the training yaml's, the yaml's over the reference's defaults (§3.5).
 */
public final class TrainConfig {
    /** The pom element of the classification dataset, for messages. */
    public static final String CLASSIFICATION_DATASET =
            "<classificationDataset> (adversarial.train.classificationDataset)";
    /** The pom element of the control-region dataset, for messages. */
    public static final String ADVERSARIAL_DATASET = "<adversarialDataset> (adversarial.train.adversarialDataset)";

    private TrainConfig() {
    }

    /** How the network inputs of a dataset are found: on disk, or as an earlier execution declares them. */
    @FunctionalInterface
    public interface SpecLookup {
        DatasetSpec spec(Path dataset, String element) throws ConfigException;
    }

    /**
     * The request, every problem of the settings reported together (a missing classification dataset among them).
     *
     * @throws ConfigException naming each element that is wrong, with the fix
     */
    public static TrainStageRequest request(TrainDeclaration d, SpecLookup specs) throws ConfigException {
        Problems p = new Problems();
        TrainRequest.Mode m;
        try {
            m = TrainRequest.Mode.valueOf(d.mode().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<mode>", "unknown mode '" + d.mode() + "'", "use default or adversarial");
        }
        boolean adversarial = m == TrainRequest.Mode.ADVERSARIAL;
        TrainingYaml.Settings y = d.trainingYaml() == null ? null : TrainingYaml.read(d.trainingYaml());
        NetworkSettings base;
        try {
            base = NetworkSettings.preset(d.preset());
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
            spec = specs.spec(d.classificationDataset(), CLASSIFICATION_DATASET);
        } catch (ConfigException e) {
            p.addAll(e);
        }
        String modeName = m.name().toLowerCase(Locale.ROOT);
        double lr = pick(d.learningRate(), y == null ? null : y.learningRate(), 0.001);
        String optName = pick(d.optimizer(), y == null ? null : y.optimizerName(), "Nadam");
        double decay = pick(d.scheduleDecay(), y == null ? null : y.scheduleDecay(), 1e-4);
        double[] adv = y == null ? null : y.advParameter();
        double advLr = pick(d.advLearningRate(), y == null ? null : y.advLearningRate(), 0.01);
        OptimizerSettings main;
        try {
            main = new OptimizerSettings(optName, lr, decay);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("<optimizer>", e.getMessage(), "use Nadam or Adam with a positive learningRate");
        }
        int ep = pick(d.epochs(), y == null ? null : y.nEpochs(), 1);
        int nb = pick(d.batchesPerEpoch(), y == null ? null : y.nBatches(), 1000);
        int nv = pick(d.validationBatches(), y == null ? null : y.nBatchesVal(), 100);
        if (ep <= 0) {
            p.add("<epochs>", "must be positive, got " + ep, "set <epochs>1</epochs> or more");
        }
        if (nb <= 0) {
            p.add("<batchesPerEpoch>", "must be positive, got " + nb, "set <batchesPerEpoch>");
        }
        if (d.keepCheckpoints() < 0) {
            p.add("<keepCheckpoints>", "must not be negative, got " + d.keepCheckpoints(),
                    "set <keepCheckpoints>3</keepCheckpoints> to keep the last three epoch ends, or 0 for none");
        }
        double kClass = pick(d.k1(), adv == null ? null : adv[0], 1.0);
        double kAdv = pick(d.k2(), adv == null ? null : adv[1], 10.0);
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
        Path target = d.baseDirectory().resolve("target").resolve("adversarial");
        TrainRequest t = new TrainRequest(m, net, spec.inputs(), main, OptimizerSettings.adversary(advLr),
                y != null && y.tauLossesSfs() != null ? y.tauLossesSfs() : Losses.TAU_LOSSES_SFS,
                kClass, kAdv, d.dannRamp(),
                ep, nb, nv, pick(d.stepDecay(), y == null ? null : y.stepDecay(), 0), d.patience(), d.seed(),
                adversarial ? d.startingModel() : null,
                pick(d.usePreviousOpt(), y == null ? null : y.usePreviousOpt(), false),
                d.workDirectory() != null ? d.workDirectory() : target.resolve("train").resolve(modeName),
                d.checkpointEvery(), d.keepCheckpoints(), d.intraOpThreads(), d.interOpThreads(),
                Duration.ofSeconds(Math.max(1, d.progressSeconds())));
        return new TrainStageRequest(t, pick(d.nTau(), y == null ? null : y.nTau(), 250),
                d.classificationDataset(), adversarial ? d.adversarialDataset() : null,
                d.modelDirectory() != null ? d.modelDirectory() : target.resolve("model").resolve(modeName),
                d.mlruns(), d.experiment(), modeName, d.baseDirectory());
    }

    private static <T> T pick(T pom, T yaml, T fallback) {
        return pom != null ? pom : yaml != null ? yaml : fallback;
    }
}
