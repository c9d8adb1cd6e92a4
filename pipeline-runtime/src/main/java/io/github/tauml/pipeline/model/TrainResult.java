package io.github.tauml.pipeline.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run did.
 *
 * @param steps            optimisation steps done in total
 * @param epochs           epochs finished
 * @param stoppedEarly     whether early stopping ended the run
 * @param resumedFromStep  the step a checkpoint resumed from (0 for a fresh run)
 * @param weights          the final weights (checkpoint format; {@link ModelExport} reads it)
 * @param stepMetrics      per step: loss, adv_loss, accuracy, adv_accuracy, mean_grad_class, mean_grad_adv
 * @param epochMetrics     per epoch: running means of the step metrics and {@code val_*} metrics (§3.6)
 * @param stepsPerSecond   training rate of this invocation
 * @param inputWaitSeconds time the training step waited for input in this invocation
 * @param inputBatchesPerSecond rate of the input pipeline alone (reading and assembling steps)
 * @param epochCheckpoints the kept epoch-end weights, oldest first (insertion order), by name ({@code epoch-<k>})
 */
public record TrainResult(long steps, int epochs, boolean stoppedEarly, long resumedFromStep, Path weights,
                          List<Map<String, Double>> stepMetrics, List<Map<String, Double>> epochMetrics,
                          double stepsPerSecond, double inputWaitSeconds, double inputBatchesPerSecond,
                          Map<String, Path> epochCheckpoints) {
}
