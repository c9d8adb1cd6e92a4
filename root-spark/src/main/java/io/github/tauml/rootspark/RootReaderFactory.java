package io.github.tauml.rootspark;

import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Sent to the executors: opens each partition's file and reads its entry range as columnar batches. */
final class RootReaderFactory implements PartitionReaderFactory {
    private final StructType schema;
    private final EntryFilter filter;
    private final int batchEntries;

    RootReaderFactory(StructType schema, EntryFilter filter, int batchEntries) {
        this.schema = schema;
        this.filter = filter;
        this.batchEntries = batchEntries;
    }

    @Override
    public boolean supportColumnarReads(InputPartition partition) {
        return true;
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
        return new RootPartitionReader((RootInputPartition) partition, schema, filter, batchEntries);
    }

    /** Row by row over the same batches, for callers that ask for rows. */
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        RootPartitionReader batches = new RootPartitionReader((RootInputPartition) partition, schema, filter,
                batchEntries);
        return new PartitionReader<>() {
            private Iterator<InternalRow> rows;
            private InternalRow row;

            @Override
            public boolean next() throws IOException {
                while (rows == null || !rows.hasNext()) {
                    if (!batches.next()) {
                        return false;
                    }
                    rows = batches.get().rowIterator();
                }
                row = rows.next();
                return true;
            }

            @Override
            public InternalRow get() {
                return row;
            }

            @Override
            public void close() throws IOException {
                batches.close();
            }
        };
    }
}
