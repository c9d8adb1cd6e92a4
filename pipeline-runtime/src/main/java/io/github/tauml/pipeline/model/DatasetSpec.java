package io.github.tauml.pipeline.model;

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
    /** The kind of a classification dataset. */
    public static final String CLASSIFICATION = io.github.tauml.pipeline.tfdata.DatasetSpec.CLASSIFICATION;
    /** The kind of an adversarial (control-region) dataset. */
    public static final String ADVERSARIAL = io.github.tauml.pipeline.tfdata.DatasetSpec.ADVERSARIAL;

    /**
     * A dataset an earlier execution of the pipeline is declared to write, for checking the training against it
     * before it exists.
     *
     * @param writer who writes it, for messages, e.g. {@code written by dataset (dataset)}, or its directory
     */
    public record Declared(String writer, DatasetSpec spec) {
    }

    /**
     * The spec a dataset will have, from the inputs of its feature set ({@code tfdata.TFDatasets.specInputs}), without
     * a scaling file.
     *
     * @param writer the execution that writes it
     */
    public static Declared declared(String kind, List<io.github.tauml.pipeline.tfdata.DatasetSpec.Input> inputs,
                                    int batchSize, String writer) {
        List<InputSpec> out = new ArrayList<>();
        for (var in : inputs) {
            out.add(new InputSpec(in.name(), in.shape().stream().mapToInt(Integer::intValue).toArray()));
        }
        return new Declared(writer, new DatasetSpec(kind, out, batchSize, null));
    }

    /**
     * How this dataset's network inputs differ from {@code other}'s (names, order, shapes), one phrase per difference,
     * e.g. {@code input_inner_egamma [7, 7, 23] here, [11, 11, 86] there}; empty when the same network can read both.
     */
    public List<String> inputDifferences(DatasetSpec other) {
        List<String> out = new ArrayList<>();
        int n = Math.max(inputs.size(), other.inputs.size());
        for (int i = 0; i < n; i++) {
            InputSpec a = i < inputs.size() ? inputs.get(i) : null;
            InputSpec b = i < other.inputs.size() ? other.inputs.get(i) : null;
            if (a == null || b == null) {
                out.add((a == null ? b.name() : a.name()) + " only " + (a == null ? "there" : "here"));
            } else if (!a.name().equals(b.name())) {
                out.add("input " + (i + 1) + " is " + a.name() + " here, " + b.name() + " there");
            } else if (!java.util.Arrays.equals(a.shape(), b.shape())) {
                out.add(a.name() + " " + java.util.Arrays.toString(a.shape()) + " here, "
                        + java.util.Arrays.toString(b.shape()) + " there");
            }
        }
        return out;
    }

    /**
     * Reads {@code <dataset>/spec.json} through the dataset contract's reader ({@link
     * io.github.tauml.pipeline.tfdata.DatasetSpec#read}) and keeps what the trainer needs.
     *
     * @param element the pom element that names the dataset, for errors
     * @throws ConfigException when the directory holds no complete dataset or the spec is malformed
     */
    public static DatasetSpec read(Path dataset, String element) throws ConfigException {
        Path file = dataset.resolve(io.github.tauml.pipeline.tfdata.DatasetSpec.FILE);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(element, dataset + " holds no complete dataset (no spec.json)",
                    "run the dataset goal first, or point " + element + " at its output directory");
        }
        io.github.tauml.pipeline.tfdata.DatasetSpec spec;
        try {
            spec = io.github.tauml.pipeline.tfdata.DatasetSpec.read(dataset);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(element, "cannot read " + file + ": " + e.getMessage(),
                    "point " + element + " at a dataset written by the dataset goal, or rewrite it");
        }
        if (spec.inputs().isEmpty()) {
            throw new ConfigException(element, file + " lists no inputs", "rewrite the dataset");
        }
        Path scaling = spec.scaling() == null ? null : dataset.resolve(spec.scaling());
        return new DatasetSpec(spec.kind(), declared(spec.kind(), spec.inputs(), 0, "").spec().inputs(),
                spec.batchSize() == null ? 0 : spec.batchSize(),
                scaling != null && Files.isRegularFile(scaling) ? scaling : null);
    }
}
