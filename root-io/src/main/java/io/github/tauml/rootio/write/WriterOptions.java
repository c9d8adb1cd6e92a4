package io.github.tauml.rootio.write;

import io.github.tauml.rootio.compress.Compression;
import java.time.Instant;
import java.util.Objects;

/**
 * How a file is written.
 *
 * @param compression   the algorithm for every record (baskets, trees, histograms, StreamerInfo); records that
 *                      would not shrink are stored raw
 * @param level         1..9, or 0 to store everything raw; {@code fCompress = 100 * algorithm + level}
 * @param basketEntries entries per basket (and per cluster: all branches of a tree start a new basket together);
 *                      0 picks about 32 kB for the widest branch, estimated from the first batch appended
 * @param timestamp     the time stored in every key and directory, or null for the fixed 1995-01-01 00:00:00 UTC
 *                      (so that equal inputs give byte-identical files)
 */
public record WriterOptions(Compression compression, int level, int basketEntries, Instant timestamp) {
    public WriterOptions {
        Objects.requireNonNull(compression, "compression");
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0..9, got " + level);
        }
        if (basketEntries < 0) {
            throw new IllegalArgumentException("basketEntries must be >= 0 (0 = automatic), got " + basketEntries);
        }
    }

    /** zlib level 1 (ROOT's fCompress 101), automatic basket size, fixed timestamp. */
    public static WriterOptions defaults() {
        return new WriterOptions(Compression.ZLIB, 1, 0, null);
    }

    public WriterOptions withCompression(Compression algorithm, int compressionLevel) {
        return new WriterOptions(algorithm, compressionLevel, basketEntries, timestamp);
    }

    public WriterOptions withBasketEntries(int entries) {
        return new WriterOptions(compression, level, entries, timestamp);
    }

    public WriterOptions withTimestamp(Instant time) {
        return new WriterOptions(compression, level, basketEntries, time);
    }

    /** ROOT's fCompress: 0 when nothing is compressed. */
    int setting() {
        return compression == Compression.NONE ? 0 : 100 * compression.code() + level;
    }
}
