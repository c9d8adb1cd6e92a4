package io.github.tauml.pipeline.tfdata;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shards of a dataset being written into a staging directory, with bounded memory. Records are put by their
 * final position (0 … n−1 over the splits in order; shard k of a split of n records holds [k·n/S, (k+1)·n/S)).
 * In order ({@code ordered}), each record goes straight into its shard. Out of order (a shuffle), each record is
 * spilled with its position to its shard's spill file, and {@link #finish()} sorts one shard at a time in memory.
 */
final class Shards implements AutoCloseable {
    private record Shard(String split, String name, int from, int to) {
    }

    private final Path dir;
    private final boolean gzip;
    private final boolean ordered;
    private final List<Shard> shards = new ArrayList<>();
    private final Map<String, DatasetSpec.Split> splits = new LinkedHashMap<>();
    private final DataOutputStream[] spill;
    private TFRecordWriter current;
    private int currentShard = -1;
    private int expected;
    private long bytes;

    Shards(Path dir, Map<String, int[]> splitRanges, int shardsPerSplit, boolean gzip, boolean ordered) {
        this.dir = dir;
        this.gzip = gzip;
        this.ordered = ordered;
        for (Map.Entry<String, int[]> s : splitRanges.entrySet()) {
            int from = s.getValue()[0];
            int count = s.getValue()[1] - from;
            int k = Math.max(1, Math.min(shardsPerSplit, count));
            List<String> names = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                String name = TFDatasets.shardName(s.getKey(), j, k, gzip);
                names.add(name);
                shards.add(new Shard(s.getKey(), name, from + (int) ((long) count * j / k),
                        from + (int) ((long) count * (j + 1) / k)));
            }
            splits.put(s.getKey(), new DatasetSpec.Split(count, names));
        }
        spill = new DataOutputStream[shards.size()];
    }

    private int shardOf(int position) {
        int lo = 0;
        int hi = shards.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (shards.get(mid).from <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Adds the record at final position {@code position}. */
    void put(int position, byte[] record) throws IOException {
        if (ordered) {
            if (position != expected) {
                throw new IllegalStateException("record " + position + " out of order, expected " + expected);
            }
            expected++;
            while (currentShard < 0 || position >= shards.get(currentShard).to) {
                openNext();
            }
            current.write(record);
            return;
        }
        int s = shardOf(position);
        if (spill[s] == null) {
            spill[s] = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile(s)), 1 << 16));
        }
        spill[s].writeInt(position);
        spill[s].writeInt(record.length);
        spill[s].write(record);
    }

    private void openNext() throws IOException {
        if (current != null) {
            current.close();
            bytes += Files.size(dir.resolve(shards.get(currentShard).name));
        }
        currentShard++;
        current = TFRecordWriter.create(dir.resolve(shards.get(currentShard).name), gzip);
    }

    private Path spillFile(int s) {
        return dir.resolve(".spill-" + s);
    }

    /** Writes every shard that is still open or spilled; returns the spec's splits. */
    Map<String, DatasetSpec.Split> finish() throws IOException {
        if (ordered) {
            while (currentShard < shards.size() - 1) {
                openNext();
            }
            if (current != null) {
                current.close();
                bytes += Files.size(dir.resolve(shards.get(currentShard).name));
                current = null;
            }
            return splits;
        }
        for (int s = 0; s < shards.size(); s++) {
            Shard shard = shards.get(s);
            byte[][] records = new byte[shard.to - shard.from][];
            if (spill[s] != null) {
                spill[s].close();
                spill[s] = null;
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                        Files.newInputStream(spillFile(s)), 1 << 16))) {
                    while (true) {
                        int pos;
                        try {
                            pos = in.readInt();
                        } catch (EOFException end) {
                            break;
                        }
                        byte[] r = new byte[in.readInt()];
                        in.readFully(r);
                        records[pos - shard.from] = r;
                    }
                }
                Files.delete(spillFile(s));
            }
            try (TFRecordWriter w = TFRecordWriter.create(dir.resolve(shard.name), gzip)) {
                for (int i = 0; i < records.length; i++) {
                    if (records[i] == null) {
                        throw new IllegalStateException("record " + (shard.from + i) + " was never written");
                    }
                    w.write(records[i]);
                }
            }
            bytes += Files.size(dir.resolve(shard.name));
        }
        return splits;
    }

    /** Bytes of the finished shards on disk. */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
        for (DataOutputStream s : spill) {
            if (s != null) {
                s.close();
            }
        }
    }
}
