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
 * about {@code partitionEntries} entries, or {@code partitionBytes} uncompressed bytes of the read branches. A
 * partition therefore never shares a basket with another one. Every file is checked against the schema here, on
 * the driver, so a file whose branches differ fails before any task runs.
 */
final class RootScan implements Scan, Batch {
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
        List<InputPartition> out = new ArrayList<>();
        List<String> read = Arrays.stream(schema.fields()).map(StructField::name).toList();
        for (String file : options.files()) {
            try (RootFile f = RootFile.open(Path.of(file))) {
                TTree tree = f.tree(options.tree());
                RootSchema.check(tree, file, options.tree(), schema);
                for (long[] range : ranges(tree, read, options)) {
                    out.add(new RootInputPartition(file, options.tree(), range[0], range[1]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
        return out.toArray(new InputPartition[0]);
    }

    /**
     * The entry ranges [start, end) of one file's partitions: whole clusters of the read branches (of every
     * readable branch when none is read, as for {@code count()}).
     */
    static List<long[]> ranges(TTree tree, List<String> read, RootOptions options) throws IOException {
        long entries = tree.entries();
        List<long[]> out = new ArrayList<>();
        if (entries == 0) {
            return out;
        }
        List<String> basis = read;
        if (basis.isEmpty()) {
            basis = tree.branches().stream().filter(b -> RootSchema.typeOf(b) != null).map(Branch::name).toList();
        }
        long target = options.partitionEntries();
        if (target == 0) {
            long bytes = 0;
            for (String n : basis) {
                bytes += Math.max(0, tree.branch(n).totBytes());
            }
            double perEntry = Math.max(1.0, bytes / (double) entries);
            target = Math.max(1, (long) (options.partitionBytes() / perEntry));
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
