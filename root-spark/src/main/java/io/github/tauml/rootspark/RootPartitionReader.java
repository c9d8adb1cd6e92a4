package io.github.tauml.rootspark;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.BranchReader;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads one partition's entries in batches of {@code batchEntries}. Each batch is a {@link ColumnarBatch} of
 * {@link RootColumnVector}s that wrap root-io's primitive arrays without copying. With pushed filters, the
 * filter's branches are decoded first; a batch where no entry can pass is skipped without decoding the other
 * branches (their baskets wholly inside skipped batches are never read), and a partly passing batch keeps only
 * the entries that may pass.
 */
final class RootPartitionReader implements PartitionReader<ColumnarBatch> {
    private final RootInputPartition partition;
    private final StructType schema;
    private final EntryFilter filter;
    private final int batchEntries;
    private final RootFile file;
    private final Map<String, BranchReader> readers = new LinkedHashMap<>();
    private long position;
    private ColumnarBatch current;

    RootPartitionReader(RootInputPartition partition, StructType schema, EntryFilter filter, int batchEntries) {
        this.partition = partition;
        this.schema = schema;
        this.filter = filter;
        this.batchEntries = batchEntries;
        this.position = partition.start();
        try {
            this.file = RootFile.open(Path.of(partition.file()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        try {
            TTree tree = file.tree(partition.tree());
            for (StructField f : schema.fields()) {
                readers.put(f.name(), BranchReader.of(tree, f.name()));
            }
            if (filter != null) {
                for (String b : filter.branches()) {
                    if (!readers.containsKey(b)) {
                        readers.put(b, BranchReader.of(tree, b));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                file.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof IOException io) {
                throw new java.io.UncheckedIOException(io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    @Override
    public boolean next() throws IOException {
        while (position < partition.end()) {
            long from = position;
            // Without columns (count()) and without a filter, one batch holds the whole range.
            long step = schema.fields().length == 0 && filter == null ? Integer.MAX_VALUE : batchEntries;
            long to = Math.min(partition.end(), from + step);
            position = to;
            int n = (int) (to - from);
            Map<String, Column> columns = new HashMap<>();
            boolean[] mask = null;
            int kept = n;
            if (filter != null) {
                for (String b : filter.branches()) {
                    columns.put(b, readers.get(b).read(from, to));
                }
                mask = filter.evaluate(columns, n);
                kept = 0;
                for (boolean m : mask) {
                    if (m) {
                        kept++;
                    }
                }
                if (kept == 0) {
                    continue;
                }
            }
            ColumnVector[] vectors = new ColumnVector[schema.fields().length];
            for (int i = 0; i < vectors.length; i++) {
                StructField f = schema.fields()[i];
                Column c = columns.get(f.name());
                if (c == null) {
                    c = readers.get(f.name()).read(from, to);
                }
                if (kept < n) {
                    c = c.select(mask);
                }
                vectors[i] = RootColumnVector.of(f.dataType(), c);
            }
            current = new ColumnarBatch(vectors, kept);
            return true;
        }
        return false;
    }

    @Override
    public ColumnarBatch get() {
        return current;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
