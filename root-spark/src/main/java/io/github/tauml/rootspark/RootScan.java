package io.github.tauml.rootspark;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Plans the read: each file's entries are cut into partitions at cluster boundaries (entries where every read
 * branch starts a basket, {@link TTree#clusterBoundaries}), consecutive clusters grouped until a partition holds
 * about {@code partitionEntries} entries, or else about min(partitionBytes, max(1 MiB, input bytes / Spark's default
 * parallelism)) uncompressed bytes of the read branches (Spark's rule for files, so that a small input still uses
 * every core). A
 * partition therefore never shares a basket with another one. Every file is checked against the schema here, on
 * the driver, so a file whose branches differ fails before any task runs.
 */
final class RootScan implements Scan, Batch {
    /** The smallest partition the byte target makes when it spreads a small input over the cores. */
    static final long MIN_PARTITION_BYTES = 1L << 20;

    private final RootOptions options;
    private final StructType schema;
    private final Filter[] pushed;

    RootScan(RootOptions options, StructType schema, Filter[] pushed) {
        this.options = options;
        this.schema = schema;
        this.pushed = pushed;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "RootScan tree=" + options.tree() + " files=" + options.files().size() + " branches=["
                + Arrays.stream(schema.fields()).map(StructField::name).collect(Collectors.joining(", "))
                + "] pushedFilters=" + Arrays.toString(pushed);
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<String> read = Arrays.stream(schema.fields()).map(StructField::name).toList();
        // As Spark does for files: spread a small input over the cores, with a floor against tiny partitions.
        long total = 0;
        for (String file : options.files()) {
            try (RootFile f = RootFile.open(Path.of(file))) {
                TTree tree = f.tree(options.tree());
                RootSchema.check(tree, file, options.tree(), schema);
                total += bytes(tree, basis(tree, read));
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        int parallelism = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().defaultParallelism() : 1;
        long targetBytes = Math.min(options.partitionBytes(), Math.max(MIN_PARTITION_BYTES, total / parallelism));
        List<InputPartition> out = new ArrayList<>();
        for (String file : options.files()) {
            try (RootFile f = RootFile.open(Path.of(file))) {
                for (long[] range : ranges(f.tree(options.tree()), read, options.partitionEntries(), targetBytes)) {
                    out.add(new RootInputPartition(file, options.tree(), range[0], range[1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return out.toArray(new InputPartition[0]);
    }

    /** The branches whose clusters and bytes shape the partitions: the read ones, or every readable one. */
    private static List<String> basis(TTree tree, List<String> read) {
        if (!read.isEmpty()) {
            return read;
        }
        return tree.branches().stream().filter(b -> RootSchema.typeOf(b) != null).map(Branch::name).toList();
    }

    private static long bytes(TTree tree, List<String> branches) throws IOException {
        long bytes = 0;
        for (String n : branches) {
            bytes += Math.max(0, tree.branch(n).totBytes());
        }
        return bytes;
    }

    /** As {@link #ranges(TTree, List, long, long)} with the options' targets (no spreading over cores). */
    static List<long[]> ranges(TTree tree, List<String> read, RootOptions options) throws IOException {
        return ranges(tree, read, options.partitionEntries(), options.partitionBytes());
    }

    /**
     * The entry ranges [start, end) of one file's partitions: whole clusters of the read branches (of every
     * readable branch when none is read, as for {@code count()}), grouped until a partition holds
     * {@code targetEntries} entries (when positive) or {@code targetBytes} uncompressed bytes.
     */
    static List<long[]> ranges(TTree tree, List<String> read, long targetEntries, long targetBytes)
            throws IOException {
        long entries = tree.entries();
        List<long[]> out = new ArrayList<>();
        if (entries == 0) {
            return out;
        }
        List<String> basis = basis(tree, read);
        long target = targetEntries;
        if (target <= 0) {
            double perEntry = Math.max(1.0, bytes(tree, basis) / (double) entries);
            target = Math.max(1, (long) (targetBytes / perEntry));
        }
        long[] bounds = basis.isEmpty() ? new long[] {0, entries} : tree.clusterBoundaries(basis);
        long start = 0;
        for (int i = 1; i < bounds.length; i++) {
            boolean last = i == bounds.length - 1;
            if (bounds[i] - start >= target || last) {
                out.add(new long[] {start, bounds[i]});
                start = bounds[i];
            }
        }
        return out;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new RootReaderFactory(schema, EntryFilter.of(pushed, schema), options.batchEntries());
    }
}
