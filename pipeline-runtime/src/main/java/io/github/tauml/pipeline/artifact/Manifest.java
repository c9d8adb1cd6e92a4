package io.github.tauml.pipeline.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code model-manifest.json}, the first entry of a model artifact: what a consumer needs to use the model without
 * opening anything else.
 *
 * @param format        always {@value ModelArtifact#FORMAT}
 * @param formatVersion always {@value ModelArtifact#FORMAT_VERSION}
 * @param model         the model's name ({@code default}, {@code adversarial}, ...)
 * @param mode          the training mode recorded in {@code settings.json}
 * @param producer      provenance: the plugin and the project that built it
 * @param savedModel    the SavedModel directory inside the zip (tag {@code serve})
 * @param signature     the SavedModel's serving signature ({@code serving_default})
 * @param frozenGraph   the frozen GraphDef inside the zip (as CMSSW's {@code DeepTauId} loads)
 * @param inputs        the network inputs in Keras order, with shapes of one record and, where the dataset spec was
 *                      given, the feature (channel) names
 * @param outputs       {@code main_output} [batch, 4] (e, μ, τ, jet) and, for an adversarial model,
 *                      {@code adv_output} [batch, 1]
 * @param network       the layer settings (tau_net, comp_net, ...) and training settings from {@code settings.json}
 * @param metrics       this model's metrics from the evaluation's {@code metrics.json}; null when none was packaged
 * @param entries       every other file of the zip, with size and SHA-256, in zip order
 */
@JsonPropertyOrder({"format", "format_version", "model", "mode", "producer", "saved_model", "signature",
        "frozen_graph", "inputs", "outputs", "network", "metrics", "entries"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String format, @JsonProperty("format_version") int formatVersion, String model, String mode,
                       Map<String, String> producer, @JsonProperty("saved_model") String savedModel,
                       String signature, @JsonProperty("frozen_graph") String frozenGraph, List<Input> inputs,
                       List<String> outputs, JsonNode network, JsonNode metrics, List<Entry> entries) {

    /**
     * One network input.
     *
     * @param name     Keras input name, e.g. {@code input_tau}
     * @param shape    the shape of one record: {@code [N]} or {@code [width, width, channels]}
     * @param features the channel names in order, or null when no dataset spec was given
     */
    @JsonPropertyOrder({"name", "shape", "features"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String name, List<Integer> shape, List<String> features) {
    }

    /** One file of the zip: its path inside the zip, size in bytes and SHA-256 (hex). */
    @JsonPropertyOrder({"path", "size", "sha256"})
    public record Entry(String path, long size, String sha256) {
    }
}
