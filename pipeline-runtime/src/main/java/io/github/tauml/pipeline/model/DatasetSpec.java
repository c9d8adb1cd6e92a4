package io.github.tauml.pipeline.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.tauml.pipeline.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the trainer needs from a dataset's {@code spec.json} (the dataset contract): its kind, the network inputs
 * (names and shapes), the adversarial batch size and the scaling file.
 *
 * @param kind      {@code classification} or {@code adversarial}
 * @param inputs    the network inputs in spec order
 * @param batchSize records per mixed batch (adversarial), or 0
 * @param scaling   the scaling JSON, or null
 */
public record DatasetSpec(String kind, List<InputSpec> inputs, int batchSize, Path scaling) {

    /**
     * Reads {@code <dataset>/spec.json}.
     *
     * @param element the pom element that names the dataset, for errors
     * @throws ConfigException when the directory holds no complete dataset or the spec is malformed
     */
    public static DatasetSpec read(Path dataset, String element) throws ConfigException {
        Path file = dataset.resolve("spec.json");
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(element, dataset + " holds no complete dataset (no spec.json)",
                    "run the dataset goal first, or point " + element + " at its output directory");
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (!"tauml-tfrecord".equals(root.path("format").asText())) {
                throw new ConfigException(element, file + " is not a tauml-tfrecord dataset spec",
                        "point " + element + " at a dataset written by the dataset goal");
            }
            List<InputSpec> inputs = new ArrayList<>();
            for (JsonNode in : root.path("inputs")) {
                JsonNode shape = in.path("shape");
                int[] s = new int[shape.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = shape.get(i).asInt();
                }
                inputs.add(new InputSpec(in.path("name").asText(), s));
            }
            if (inputs.isEmpty()) {
                throw new ConfigException(element, file + " lists no inputs", "rewrite the dataset");
            }
            Path scaling = root.hasNonNull("scaling") ? dataset.resolve(root.get("scaling").asText()) : null;
            return new DatasetSpec(root.path("kind").asText(), inputs, root.path("batch_size").asInt(0),
                    scaling != null && Files.isRegularFile(scaling) ? scaling : null);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(element, "cannot read " + file + ": " + e.getMessage(),
                    "rewrite the dataset with the dataset goal");
        }
    }
}
