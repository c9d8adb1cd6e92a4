package io.github.tauml.pipeline.artifact;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the {@code package-model} goal zips (architecture: the model artifact, classifier {@code model}).
 *
 * @param modelDirectory      a model directory as the {@code train} goal publishes it ({@code saved_model/},
 *                            {@code frozen_graph.pb}, {@code weights.ckpt}, {@code scaling.json}, {@code settings.json})
 * @param name                the model's name in the manifest and its key in {@code metrics.json}; null: the
 *                            {@code mode} recorded in {@code settings.json} ({@code default} or {@code adversarial})
 * @param evaluationDirectory the {@code evaluate} goal's output directory; its {@code metrics.json} and
 *                            {@code report.html} are included when present; null: none
 * @param datasetSpec         the training dataset's {@code spec.json}, whose per-input feature names go into the
 *                            manifest when present; null: none
 * @param baseDirectory       the analysis directory: absolute paths under it inside {@code settings.json} are written
 *                            relative to it, so that the zip does not depend on where the project was checked out
 * @param producer            provenance shown in the manifest (e.g. {@code plugin}, {@code project}), in order
 * @param timestamp           the modification time of every entry (Maven's {@code project.build.outputTimestamp})
 * @param output              the zip file to publish
 */
public record ModelArtifactRequest(Path modelDirectory, String name, Path evaluationDirectory, Path datasetSpec,
                                   Path baseDirectory, Map<String, String> producer, Instant timestamp, Path output) {
    public ModelArtifactRequest {
        producer = producer == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(producer));
    }
}
