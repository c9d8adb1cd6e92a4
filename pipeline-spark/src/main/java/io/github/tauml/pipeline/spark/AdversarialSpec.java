package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.features.FeatureSet;
import io.github.tauml.pipeline.tfdata.AdversarialRequest;
import io.github.tauml.pipeline.tfdata.DatasetOptions;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** An {@link AdversarialRequest} in a form Spark can ship to executors (paths as strings). */
record AdversarialSpec(List<String> inputs, String tree, String output, FeatureSet features, String scalingFile,
                       int batchSize, int trainBatches, int validationBatches, long seed, boolean gzip, int shards,
                       int threads, int batchEntries) implements Serializable {

    static AdversarialSpec of(AdversarialRequest r) {
        DatasetOptions o = r.options();
        return new AdversarialSpec(r.inputs().stream().map(Path::toString).toList(), r.tree(), r.output().toString(),
                r.features(), r.scalingFile().toString(), r.batchSize(), r.trainBatches(), r.validationBatches(),
                r.seed(), o.gzip(), o.shards(), o.threads(), o.batchEntries());
    }

    AdversarialRequest request() {
        return new AdversarialRequest(inputs.stream().map(Path::of).toList(), tree, Path.of(output), features,
                Path.of(scalingFile), batchSize, trainBatches, validationBatches, seed,
                new DatasetOptions(gzip, shards, threads, batchEntries));
    }
}
