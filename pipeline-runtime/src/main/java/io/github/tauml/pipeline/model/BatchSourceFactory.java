package io.github.tauml.pipeline.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a split of a dataset directory (the TFRecord layout of the dataset contract: {@code spec.json}, shards) as a
 * {@link BatchSource}. The TFRecord reader implements it; the {@code train} goal finds it with
 * {@link java.util.ServiceLoader}.
 */
public interface BatchSourceFactory {
    /**
     * @param dataset   the dataset directory
     * @param split     {@code train} or {@code validation}
     * @param batchSize rows per batch ({@code n_tau}, or the adversarial dataset's {@code batch_size})
     * @param shuffle   whether to shuffle (classification training) or keep the order (adversarial: one mixed batch
     *                  = consecutive records)
     * @param seed      the shuffle seed
     */
    BatchSource open(Path dataset, String split, int batchSize, boolean shuffle, long seed) throws IOException;
}
