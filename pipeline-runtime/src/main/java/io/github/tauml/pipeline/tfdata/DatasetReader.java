package io.github.tauml.pipeline.tfdata;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * Reads one split of a dataset directory written by the dataset stage, shard after shard in spec order, verifying
 * every record's CRCs and densifying the sparse grids. Not thread-safe; open one reader per thread.
 *
 * <pre>{@code
 * try (DatasetReader r = DatasetReader.open(dir, "train")) {
 *     for (DatasetRecord rec : r) { float[] tau = rec.inputs()[0]; ... }
 * }
 * }</pre>
 */
public final class DatasetReader implements AutoCloseable, Iterable<DatasetRecord> {
    private final Path dir;
    private final DatasetSpec spec;
    private final List<String> shards;
    private int shard = -1;
    private TFRecordReader current;
    private DatasetRecord pending;

    private DatasetReader(Path dir, DatasetSpec spec, List<String> shards) {
        this.dir = dir;
        this.spec = spec;
        this.shards = shards;
    }

    /** Opens split {@code split} (e.g. {@code train}, {@code validation}) of the dataset in {@code dir}. */
    public static DatasetReader open(Path dir, String split) throws IOException {
        DatasetSpec spec = DatasetSpec.read(dir);
        DatasetSpec.Split s = spec.splits().get(split);
        if (s == null) {
            throw new IOException(dir + " has no split '" + split + "'; it has " + spec.splits().keySet());
        }
        return new DatasetReader(dir, spec, s.shards());
    }

    public DatasetSpec spec() {
        return spec;
    }

    /** The next record, or {@code null} after the last one. */
    public DatasetRecord next() throws IOException {
        while (true) {
            if (current != null) {
                byte[] bytes = current.next();
                if (bytes != null) {
                    return decode(spec, bytes, dir.resolve(shards.get(shard)) + " record " + (current.records() - 1));
                }
                current.close();
                current = null;
            }
            if (shard + 1 >= shards.size()) {
                return null;
            }
            shard++;
            current = TFRecordReader.open(dir.resolve(shards.get(shard)), spec.gzip());
        }
    }

    /**
     * Fills {@code batch} with up to its capacity of the next records (an adversarial batch of 100 is one mixed
     * batch when the capacity is the spec's {@code batch_size}); returns the number filled, 0 at the end.
     */
    public int next(DatasetBatch batch) throws IOException {
        batch.size = 0;
        while (batch.size < batch.capacity()) {
            DatasetRecord r = next();
            if (r == null) {
                break;
            }
            batch.set(batch.size++, r);
        }
        return batch.size;
    }

    /** Decodes one serialized Example of a dataset with {@code spec}; {@code where} names it in errors. */
    public static DatasetRecord decode(DatasetSpec spec, byte[] bytes, String where) throws IOException {
        Map<String, Feature> f;
        try {
            f = Example.parseFrom(bytes).getFeatures().getFeatureMap();
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(where + ": not a tf.train.Example: " + e.getMessage(), e);
        }
        float[][] inputs = new float[spec.inputs().size()][];
        for (int i = 0; i < inputs.length; i++) {
            DatasetSpec.Input in = spec.inputs().get(i);
            float[] dense = new float[in.denseSize()];
            if (DatasetSpec.Input.DENSE.equals(in.encoding())) {
                List<Float> v = floats(f, in.key(), where);
                if (v.size() != dense.length) {
                    throw new IOException(where + ": '" + in.key() + "' has " + v.size() + " values, the spec says "
                            + dense.length);
                }
                for (int j = 0; j < dense.length; j++) {
                    dense[j] = v.get(j);
                }
            } else {
                List<Long> cells = int64s(f, in.key() + "/cells", where);
                List<Float> values = floats(f, in.key() + "/values", where);
                int ch = in.channels();
                int nCells = dense.length / ch;
                if (values.size() != cells.size() * ch) {
                    throw new IOException(where + ": '" + in.key() + "/values' has " + values.size() + " values for "
                            + cells.size() + " cells of " + ch + " channels");
                }
                for (int c = 0; c < cells.size(); c++) {
                    long cell = cells.get(c);
                    if (cell < 0 || cell >= nCells) {
                        throw new IOException(where + ": '" + in.key() + "/cells' holds cell " + cell + " outside [0, "
                                + nCells + ")");
                    }
                    for (int k = 0; k < ch; k++) {
                        dense[(int) cell * ch + k] = values.get(c * ch + k);
                    }
                }
            }
            inputs[i] = dense;
        }
        boolean adv = spec.adversarial();
        List<Float> y = floats(f, adv ? "label" : "y", where);
        float[] targets = new float[y.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = y.get(i);
        }
        return new DatasetRecord(inputs, targets, floats(f, "weight", where).get(0),
                adv ? int64s(f, "dataset_id", where).get(0) : -1, floats(f, "tau_pt", where).get(0),
                floats(f, "tau_eta", where).get(0), int64s(f, "tau_decayMode", where).get(0),
                int64s(f, "entry", where).get(0),
                f.containsKey("toy_truth_tauType") ? int64s(f, "toy_truth_tauType", where).get(0) : -1);
    }

    private static List<Float> floats(Map<String, Feature> f, String key, String where) throws IOException {
        Feature v = f.get(key);
        if (v == null || (!v.hasFloatList() && v.getKindCase() != Feature.KindCase.KIND_NOT_SET)) {
            throw new IOException(where + ": feature '" + key + "' (FloatList) is missing");
        }
        return v.getFloatList().getValueList();
    }

    private static List<Long> int64s(Map<String, Feature> f, String key, String where) throws IOException {
        Feature v = f.get(key);
        if (v == null || (!v.hasInt64List() && v.getKindCase() != Feature.KindCase.KIND_NOT_SET)) {
            throw new IOException(where + ": feature '" + key + "' (Int64List) is missing");
        }
        return v.getInt64List().getValueList();
    }

    @Override
    public Iterator<DatasetRecord> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (pending == null) {
                    try {
                        pending = DatasetReader.this.next();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return pending != null;
            }

            @Override
            public DatasetRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                DatasetRecord r = pending;
                pending = null;
                return r;
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
