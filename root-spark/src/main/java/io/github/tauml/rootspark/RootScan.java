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
        // One pass over the files: check each against the schema and note its clusters and bytes.
        List<Layout> layouts = new ArrayList<>();
        long total = 0;
        for (String file : options.files()) {
            try (RootFile f = RootFile.open(Path.of(file))) {
                TTree tree = f.tree(options.tree());
                RootSchema.check(tree, file, options.tree(), schema);
                Layout l = Layout.of(file, tree, read);
                layouts.add(l);
                total += l.bytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        // As Spark does for files: spread a small input over the cores, with a floor against tiny partitions.
        int parallelism = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().defaultParallelism() : 1;
        long targetBytes = Math.min(options.partitionBytes(), Math.max(MIN_PARTITION_BYTES, total / parallelism));
        List<InputPartition> out = new ArrayList<>();
        for (Layout l : layouts) {
            for (long[] range : l.ranges(options.partitionEntries(), targetBytes)) {
                out.add(new RootInputPartition(l.file(), options.tree(), range[0], range[1]));
            }
        }
        return out.toArray(new InputPartition[0]);
    }

    /**
     * What partitioning needs of one file: its entries, the cluster boundaries and the uncompressed bytes
     * (fTotBytes) of the branches that shape the partitions (the read ones, or every readable one for
     * {@code count()}).
     */
    record Layout(String file, long entries, long[] bounds, long bytes) {
        static Layout of(String file, TTree tree, List<String> read) throws IOException {
            List<String> basis = read;
            if (basis.isEmpty()) {
                basis = tree.branches().stream().filter(b -> RootSchema.typeOf(b) != null).map(Branch::name)
                        .toList();
            }
            long bytes = 0;
            for (String n : basis) {
                bytes += Math.max(0, tree.branch(n).totBytes());
            }
            long[] bounds = basis.isEmpty() ? new long[] {0, tree.entries()} : tree.clusterBoundaries(basis);
            return new Layout(file, tree.entries(), bounds, bytes);
        }

        /**
         * The entry ranges [start, end) of the file's partitions: whole clusters grouped until a partition holds
         * {@code targetEntries} entries (when positive) or about {@code targetBytes} uncompressed bytes.
         */
        List<long[]> ranges(long targetEntries, long targetBytes) {
            List<long[]> out = new ArrayList<>();
            if (entries == 0) {
                return out;
            }
            long target = targetEntries;
            if (target <= 0) {
                double perEntry = Math.max(1.0, bytes / (double) entries);
                target = Math.max(1, (long) (targetBytes / perEntry));
            }
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
    }

    /** One file's ranges with the options' targets as given (no spreading over cores). */
    static List<long[]> ranges(TTree tree, List<String> read, RootOptions options) throws IOException {
        return Layout.of(tree.file().path().toString(), tree, read).ranges(options.partitionEntries(),
                options.partitionBytes());
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new RootReaderFactory(schema, EntryFilter.of(pushed, schema), options.batchEntries());
    }
}
