package io.github.tauml.plugin;

import java.util.List;

/**
 * {@code <classification>} of the {@code dataset} goal: the classification dataset from a training sample.
 * Fields are set by Maven from the pom.
 */
public class DatasetClassification {
    /** Training-sample ROOT files, read in order. */
    List<String> inputs;
    /** Tree name. */
    String tree = "taus";
    /** The τ-type column: {@code tauType}, or {@code mytauType} after a skim. */
    String tauTypeBranch = "tauType";
    /** Dataset directory. */
    String output;
    /** A TauMLTools scaling file to use instead of computing one from this sample. */
    String scalingFile;
    /** Shuffle seed. */
    long seed = 1;
    /** Fraction of the shuffled records in the validation split. */
    double validationFraction = 0.3;
    /** {@code weight_thr}: the largest max/min class-weight ratio accepted. */
    double weightThr = 1e5;
}
