package io.github.tauml.plugin;

import java.util.List;

/**
 * {@code <adversarial>} of the {@code dataset} goal: the adversarial dataset from the mix output. Fields are set by
 * Maven from the pom.
 */
public class DatasetAdversarial {
    /** Mix output ROOT files (tree {@code taus} with {@code tauType}, {@code weight}, {@code dataset_id}). */
    List<String> inputs;
    /** Tree name. */
    String tree = "taus";
    /** Dataset directory. */
    String output;
    /** The scaling file; default: the classification dataset's {@code scaling.json}. */
    String scalingFile;
    /** Candidates per mixed batch. */
    int batchSize = 100;
    /** Mixed batches of the train split (the reference: 750 of 1125). */
    int trainBatches = 750;
    /** Mixed batches of the validation split that follow (the reference: 375). */
    int validationBatches = 375;
    /** The seed the mix used, recorded in the spec. */
    long seed = 1;
}
