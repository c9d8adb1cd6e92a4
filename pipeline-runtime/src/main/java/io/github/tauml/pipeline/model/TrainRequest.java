package io.github.tauml.pipeline.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One training run (reference §3): default training on the classification dataset, or adversarial fine-tuning of a
 * default model on the mixed control region.
 *
 * @param mode              default or adversarial
 * @param network           {@code SetupNN} block settings (a preset or the yaml's)
 * @param inputs            the network inputs of the dataset spec
 * @param optimizer         the main optimizer ({@code optimizer_name}, {@code learning_rate}, {@code schedule_decay})
 * @param advOptimizer      the adversary's optimizer ({@code adv_learning_rate}); adversarial mode only
 * @param tauLossesSfs      {@code TauLossesSFs} (e, μ, τ, jet), rescaled to sum to 4
 * @param k1                {@code adv_parameter[0]}
 * @param k2                {@code adv_parameter[1]}
 * @param dannRamp          ramp k2 with λ_p = 2/(1+e^(−10p)) − 1 over the run (beyond the reference)
 * @param epochs            {@code n_epochs}
 * @param batchesPerEpoch   {@code n_batches}: optimisation steps per epoch
 * @param validationBatches {@code n_batches_val}: validation batches after each epoch
 * @param stepDecay         halve the learning rate every this many epochs (0 = off)
 * @param patience          early stopping: stop after this many epochs without a lower validation loss (0 = off)
 * @param seed              weights initialisation and dropout
 * @param startingModel     adversarial mode: the default model's weights ({@code final.ckpt} or a directory with one)
 * @param usePreviousOpt    adversarial mode: start the main optimizer from the default model's state
 * @param workDirectory     checkpoints and the final weights
 * @param checkpointEvery   write a checkpoint every this many steps (0 = only at epoch ends)
 * @param keepCheckpoints   keep the weights of the last this many epoch ends ({@code epoch-<k>.ckpt}), which the
 *                          model export publishes beside the final model (single checkpoints scatter; judge the
 *                          agreement on their mean); 0 = none
 * @param intraOpThreads    TensorFlow intra-op threads (0 = TensorFlow's choice)
 * @param interOpThreads    TensorFlow inter-op threads (0 = TensorFlow's choice)
 * @param progressInterval  how often to log progress
 */
public record TrainRequest(Mode mode, NetworkSettings network, List<InputSpec> inputs, OptimizerSettings optimizer,
                           OptimizerSettings advOptimizer, double[] tauLossesSfs, double k1, double k2,
                           boolean dannRamp, int epochs, int batchesPerEpoch, int validationBatches, int stepDecay,
                           int patience, long seed, Path startingModel, boolean usePreviousOpt, Path workDirectory,
                           int checkpointEvery, int keepCheckpoints, int intraOpThreads, int interOpThreads,
                           Duration progressInterval) {

    /** Default training, or adversarial fine-tuning. */
    public enum Mode { DEFAULT, ADVERSARIAL }

    public TrainRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(network, "network");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(optimizer, "optimizer");
        tauLossesSfs = tauLossesSfs.clone();
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (mode == Mode.ADVERSARIAL) {
            Objects.requireNonNull(advOptimizer, "advOptimizer");
        }
        if (epochs <= 0 || batchesPerEpoch <= 0 || validationBatches < 0) {
            throw new IllegalArgumentException("epochs and batches per epoch must be positive");
        }
        if (keepCheckpoints < 0) {
            throw new IllegalArgumentException("keepCheckpoints must not be negative");
        }
        if (progressInterval == null) {
            progressInterval = Duration.ofSeconds(30);
        }
    }

    @Override
    public double[] tauLossesSfs() {
        return tauLossesSfs.clone();
    }

    /**
     * Everything that decides the trained weights, the training code's version ({@link TrainStage#FORMAT_VERSION})
     * included; a checkpoint of another fingerprint is not resumed.
     */
    public String fingerprint() {
        return String.join("|", "v" + TrainStage.FORMAT_VERSION, mode.name(), network.toString(), inputs.toString(), optimizer.toString(),
                String.valueOf(advOptimizer), Arrays.toString(tauLossesSfs), k1 + "," + k2 + "," + dannRamp,
                epochs + "," + batchesPerEpoch + "," + validationBatches + "," + stepDecay + "," + patience,
                String.valueOf(seed), String.valueOf(startingModel), String.valueOf(usePreviousOpt),
                String.valueOf(checkpointEvery));
    }
}
