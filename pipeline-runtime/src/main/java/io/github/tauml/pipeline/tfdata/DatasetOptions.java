package io.github.tauml.pipeline.tfdata;

/**
 * Output and execution settings shared by both dataset kinds.
 *
 * @param gzip         write {@code .tfrecord.gz} shards (one gzip stream each, TF's {@code compression_type="GZIP"})
 * @param shards       shards per split (at least 1; a split with fewer records than shards gets fewer shards)
 * @param threads      threads decoding the ROOT baskets; the output does not depend on it
 * @param batchEntries entries read and processed per batch
 */
public record DatasetOptions(boolean gzip, int shards, int threads, int batchEntries) {
    public DatasetOptions {
        if (shards < 1) {
            throw new IllegalArgumentException("shards must be at least 1, got " + shards);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (batchEntries < 1) {
            throw new IllegalArgumentException("batchEntries must be at least 1, got " + batchEntries);
        }
    }

    public static DatasetOptions defaults() {
        return new DatasetOptions(false, 1, 1, 4096);
    }
}
