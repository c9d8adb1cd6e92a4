package io.github.tauml.pipeline.tfdata;

import java.nio.file.Path;

/**
 * What a dataset stage wrote.
 *
 * @param directory  the published dataset directory
 * @param spec       its {@code spec.json}
 * @param read       candidates read from the inputs
 * @param skipped    candidates not written (classification: τ type outside e, μ, τ, jet)
 * @param bytes      bytes of the shards on disk
 * @param seconds    wall time
 * @param timings    seconds spent reading, filling grids and features, encoding, and writing (compressing)
 */
public record DatasetResult(Path directory, DatasetSpec spec, long read, long skipped, long bytes, double seconds,
                            Timings timings) {
    /** Where the time went, in seconds. */
    public record Timings(double read, double features, double encode, double write) {
    }

    /** Records written over all splits. */
    public long records() {
        return spec.splits().values().stream().mapToLong(DatasetSpec.Split::records).sum();
    }
}
