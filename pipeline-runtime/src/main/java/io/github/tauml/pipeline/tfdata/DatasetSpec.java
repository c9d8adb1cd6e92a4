package io.github.tauml.pipeline.tfdata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.json} of a TFRecord dataset directory (docs/dataset-format.md): what the shards hold and how the sparse
 * grids map to dense tensors. Written last, so its presence marks a complete dataset.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion always {@value #VERSION}
 * @param kind          {@code classification} or {@code adversarial}
 * @param compression   {@code GZIP} or {@code NONE}
 * @param inputs        the network inputs in Keras order ({@code input_tau}, then the six grids)
 * @param targets       {@code [y, weight]} or {@code [label, weight, dataset_id]}
 * @param splits        per split (train, validation): records and shard file names, in reading order
 * @param batchSize     adversarial only: records per mixed batch; {@code null} otherwise
 * @param scaling       the scaling file, relative to the dataset directory
 * @param seed          the shuffle seed (classification) or the seed the mix used
 * @param source        the ROOT files the records came from, relative to the dataset directory (absolute for files
 *                      that share no directory with it but the root)
 */
@JsonPropertyOrder({"format", "format_version", "kind", "compression", "inputs", "targets", "splits", "batch_size",
        "scaling", "seed", "source"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetSpec(String format, @JsonProperty("format_version") int formatVersion, String kind,
                          String compression, List<Input> inputs, List<String> targets, Map<String, Split> splits,
                          @JsonProperty("batch_size") Integer batchSize, String scaling, long seed,
                          List<String> source) {
    public static final String FORMAT = "tauml-tfrecord";
    public static final int VERSION = 1;
    public static final String FILE = "spec.json";
    public static final String CLASSIFICATION = "classification";
    public static final String ADVERSARIAL = "adversarial";

    public DatasetSpec {
        inputs = List.copyOf(inputs);
        targets = List.copyOf(targets);
        splits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splits));
        source = List.copyOf(source);
    }

    /**
     * One network input.
     *
     * @param name     Keras input name, e.g. {@code input_inner_egamma}
     * @param key      feature key prefix in the Examples, e.g. {@code inner_egamma} ({@code tau} for the flat input)
     * @param shape    the dense shape of one record: {@code [N]} or {@code [width, width, channels]}
     * @param encoding {@code dense} or {@code sparse_cells}
     * @param features the channel names in order
     */
    @JsonPropertyOrder({"name", "key", "shape", "encoding", "features"})
    public record Input(String name, String key, List<Integer> shape, String encoding, List<String> features) {
        public static final String DENSE = "dense";
        public static final String SPARSE = "sparse_cells";

        public Input {
            shape = List.copyOf(shape);
            features = List.copyOf(features);
        }

        /** Number of floats of the dense tensor of one record. */
        public int denseSize() {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        /** Channels (last dimension). */
        public int channels() {
            return shape.get(shape.size() - 1);
        }
    }

    /** One split: how many records and in which shards (reading order). */
    @JsonPropertyOrder({"records", "shards"})
    public record Split(long records, List<String> shards) {
        public Split {
            shards = List.copyOf(shards);
        }
    }

    public boolean gzip() {
        return "GZIP".equals(compression);
    }

    public boolean adversarial() {
        return ADVERSARIAL.equals(kind);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    /** Reads {@code dir/spec.json}; a missing or foreign file fails naming the directory. */
    public static DatasetSpec read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a complete dataset: " + FILE + " is missing (the dataset goal writes"
                    + " it last; rerun the dataset goal)");
        }
        DatasetSpec spec = JSON.readValue(file.toFile(), DatasetSpec.class);
        if (!FORMAT.equals(spec.format()) || spec.formatVersion() != VERSION) {
            throw new IOException(file + ": format " + spec.format() + " version " + spec.formatVersion()
                    + ", expected " + FORMAT + " version " + VERSION);
        }
        return spec;
    }
}
