package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.tfdata.ClassificationRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** A {@link ClassificationRequest} in a form Spark can ship to executors (paths as strings). */
record ClassificationSpec(List<String> inputs, String tree, String tauTypeBranch, String output, FeatureSet features,
                          String scalingFile, long seed, double validationFraction, double weightThreshold,
                          boolean gzip, int shards, int threads, int batchEntries) implements Serializable {

    static ClassificationSpec of(ClassificationRequest r) {
        DatasetOptions o = r.options();
        return new ClassificationSpec(r.inputs().stream().map(Path::toString).toList(), r.tree(), r.tauTypeBranch(),
                r.output().toString(), r.features(), r.scalingFile() == null ? null : r.scalingFile().toString(),
                r.seed(), r.validationFraction(), r.weightThreshold(), o.gzip(), o.shards(), o.threads(),
                o.batchEntries());
    }

    ClassificationRequest request() {
        return new ClassificationRequest(inputs.stream().map(Path::of).toList(), tree, tauTypeBranch, Path.of(output),
                features, scalingFile == null ? null : Path.of(scalingFile), seed, validationFraction,
                weightThreshold, new DatasetOptions(gzip, shards, threads, batchEntries));
    }
}
