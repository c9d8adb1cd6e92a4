package io.github.tauml.pipeline.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Export of a trained model.
 *
 * @param network     the network settings it was trained with
 * @param inputs      its inputs (the dataset spec's)
 * @param adversarial whether it has the adversarial head
 * @param weights     the trained weights ({@link Trainer#FINAL})
 * @param scaling     the dataset's scaling JSON, copied beside the model (or null)
 * @param settings    the training settings, written as {@code settings.json}
 * @param output      the model directory, published atomically
 * @param checkpoints earlier weights to publish as {@code checkpoints/<name>/saved_model} (e.g. the last epoch ends,
 *                    {@link TrainResult#epochCheckpoints}), in order; empty for none
 */
public record ExportRequest(NetworkSettings network, List<InputSpec> inputs, boolean adversarial, Path weights,
                            Path scaling, Map<String, Object> settings, Path output, Map<String, Path> checkpoints) {
    public ExportRequest {
        checkpoints = checkpoints == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(checkpoints));
    }
}
