package io.github.tauml.pipeline.tfdata;

import io.github.tauml.pipeline.features.FeatureSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The adversarial dataset (§2.7): the mix's candidates in the mix's order, {@code label} 1 for data
 * ({@code tauType == 8}) and 0 for simulation, the pT {@code weight} and {@code dataset_id} from the mix. Splits are
 * whole mixed batches: train = the first {@code trainBatches}, validation = the next {@code validationBatches}.
 *
 * @param inputs            mix output ROOT files, read in order
 * @param tree              tree name ({@code taus})
 * @param output            dataset directory (published whole)
 * @param features          the input layout (the classification dataset's)
 * @param scalingFile       the scaling file computed on the classification training sample (required)
 * @param batchSize         candidates per mixed batch (100)
 * @param trainBatches      batches in the train split
 * @param validationBatches batches in the validation split
 * @param seed              recorded in the spec (the seed the mix used); no shuffling happens here
 * @param options           output settings
 */
public record AdversarialRequest(List<Path> inputs, String tree, Path output, FeatureSet features, Path scalingFile,
                                 int batchSize, int trainBatches, int validationBatches, long seed,
                                 DatasetOptions options) {
    /** The mix's branches the dataset reads besides the features. */
    public static final String TAU_TYPE = "tauType";
    public static final String WEIGHT = "weight";
    public static final String DATASET_ID = "dataset_id";
    /** {@code tauType} of data candidates after the mix. */
    public static final int DATA = 8;

    public AdversarialRequest {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(scalingFile, "scalingFile");
        Objects.requireNonNull(options, "options");
    }
}
