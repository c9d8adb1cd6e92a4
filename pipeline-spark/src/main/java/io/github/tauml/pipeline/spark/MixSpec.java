package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.rootio.compress.Compression;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** A {@link MixRequest} in a form Spark can ship to executors (paths as strings). */
record MixSpec(List<Block> contributions, String weights, String ptBranch, String tauTypeBranch, int trainvalBatches,
               int evaluationBatches, boolean shuffle, long seed, String trainvalOutput, String evaluationOutput,
               String compression, int level, int threads) implements Serializable {

    /** One {@link MixRequest.Contribution}. */
    record Block(String name, String element, String input, String tree, int perBatch, long datasetId, boolean data,
                 String weights) implements Serializable {
    }

    static MixSpec of(MixRequest r) {
        return new MixSpec(r.contributions().stream().map(c -> new Block(c.name(), c.element(), c.input().toString(),
                c.tree(), c.perBatch(), c.datasetId(), c.data(), c.weights())).toList(),
                r.weights() == null ? null : r.weights().toString(), r.ptBranch(), r.tauTypeBranch(),
                r.trainvalBatches(), r.evaluationBatches(), r.shuffle(), r.seed(), r.trainvalOutput().toString(),
                r.evaluationOutput().toString(), r.compression().name(), r.level(), r.threads());
    }

    MixRequest request() {
        return new MixRequest(contributions.stream().map(b -> new MixRequest.Contribution(b.name(), b.element(),
                Path.of(b.input()), b.tree(), b.perBatch(), b.datasetId(), b.data(), b.weights())).toList(),
                weights == null ? null : Path.of(weights), ptBranch, tauTypeBranch, trainvalBatches, evaluationBatches,
                shuffle, seed, Path.of(trainvalOutput), Path.of(evaluationOutput), Compression.valueOf(compression),
                level, threads);
    }
}
