package io.github.tauml.pipeline.tfdata;

import io.github.tauml.pipeline.features.FeatureSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The classification dataset (§2.8, §3.1): every candidate of the training sample whose τ type is 0 (e), 1 (μ),
 * 2 (τ) or 3 (jet), with its DeepTau inputs, the one-hot {@code y} and the (|η|, pT) class weight, shuffled with
 * {@code seed} and split into train and validation.
 *
 * @param inputs             training-sample ROOT files, read in order
 * @param tree               tree name ({@code taus})
 * @param tauTypeBranch      the τ-type column ({@code tauType}, or {@code mytauType} after a skim)
 * @param output             dataset directory (published whole)
 * @param features           the input layout
 * @param scalingFile        a TauMLTools scaling file to use, or {@code null} to compute it from this sample
 * @param seed               shuffle seed
 * @param validationFraction fraction of the shuffled records in the validation split, in [0, 1)
 * @param weightThreshold    {@code weight_thr}: the largest max/min class weight ratio accepted (1e5)
 * @param options            output settings
 */
public record ClassificationRequest(List<Path> inputs, String tree, String tauTypeBranch, Path output,
                                    FeatureSet features, Path scalingFile, long seed, double validationFraction,
                                    double weightThreshold, DatasetOptions options) {
    public ClassificationRequest {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(tauTypeBranch, "tauTypeBranch");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(options, "options");
    }
}
