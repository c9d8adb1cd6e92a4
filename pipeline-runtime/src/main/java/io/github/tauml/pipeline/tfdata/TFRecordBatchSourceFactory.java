package io.github.tauml.pipeline.tfdata;

import io.github.tauml.pipeline.model.Batch;
import io.github.tauml.pipeline.model.BatchSource;
import io.github.tauml.pipeline.model.BatchSourceFactory;
import io.github.tauml.pipeline.model.InputSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training's input side over a TFRecord dataset (docs/dataset-format.md): the split's serialized records are
 * kept in memory as they are stored (sparse grids, about 1.5 kB a record with the small preset, 3.4 kB with v2p5)
 * and densified batch by batch, so that memory stays at the dataset's size on disk rather than the ~44 kB (small) or
 * ~420 kB (v2p5) of a dense record.
 *
 * <p>Batches are whole: a last, incomplete batch is left out, as the reference drops incomplete batches
 * (reference workflow §7, item 7). A shuffled source draws a new order every pass with a generator seeded from
 * {@code seed} and the pass number, so a run, and a resumed run that skips to its step, sees the same batches. An
 * unshuffled source keeps the stored order: an adversarial batch of the dataset's {@code batch_size} is one mixed
 * batch of the mix.
 */
public final class TFRecordBatchSourceFactory implements BatchSourceFactory {
    @Override
    public BatchSource open(Path dataset, String split, int batchSize, boolean shuffle, long seed)
            throws IOException {
        DatasetSpec spec = DatasetSpec.read(dataset);
        DatasetSpec.Split s = spec.splits().get(split);
        if (s == null) {
            throw new IOException(dataset + " has no split '" + split + "'; it has " + spec.splits().keySet());
        }
        List<byte[]> records = new ArrayList<>();
        for (String shard : s.shards()) {
            try (TFRecordReader r = TFRecordReader.open(dataset.resolve(shard), spec.gzip())) {
                for (byte[] b; (b = r.next()) != null; ) {
                    records.add(b);
                }
            }
        }
        if (records.size() < batchSize) {
            throw new IOException(dataset + ", split " + split + ": " + records.size() + " records, fewer than one"
                    + " batch of " + batchSize);
        }
        return new Source(dataset + " (" + split + ")", spec, records, batchSize, shuffle, seed);
    }

    private static final class Source implements BatchSource {
        private final String name;
        private final DatasetSpec spec;
        private final List<byte[]> records;
        private final int batchSize;
        private final boolean shuffle;
        private final long seed;
        private final List<InputSpec> inputs;
        private final int batchesPerPass;
        private int[] order;
        private long pass;
        private int batch;

        Source(String name, DatasetSpec spec, List<byte[]> records, int batchSize, boolean shuffle, long seed) {
            this.name = name;
            this.spec = spec;
            this.records = records;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            this.seed = seed;
            this.inputs = spec.inputs().stream().map(i -> new InputSpec(i.name(),
                    i.shape().stream().mapToInt(Integer::intValue).toArray())).toList();
            this.batchesPerPass = records.size() / batchSize;
            order(0);
        }

        private void order(long p) {
            pass = p;
            batch = 0;
            order = new int[records.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            if (shuffle) {
                SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + p);
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
        }

        @Override
        public List<InputSpec> inputs() {
            return inputs;
        }

        @Override
        public Batch next() throws IOException {
            if (batch == batchesPerPass) {
                order(pass + 1);
            }
            float[][] x = new float[inputs.size()][];
            int[] size = new int[inputs.size()];
            for (int i = 0; i < x.length; i++) {
                size[i] = inputs.get(i).rowSize();
                x[i] = new float[batchSize * size[i]];
            }
            boolean adversarial = spec.adversarial();
            float[] y = adversarial ? null : new float[batchSize * 4];
            float[] label = adversarial ? new float[batchSize] : null;
            float[] weight = new float[batchSize];
            for (int row = 0; row < batchSize; row++) {
                int index = order[batch * batchSize + row];
                DatasetRecord r = DatasetReader.decode(spec, records.get(index), name + " record " + index);
                for (int i = 0; i < x.length; i++) {
                    System.arraycopy(r.inputs()[i], 0, x[i], row * size[i], size[i]);
                }
                if (adversarial) {
                    label[row] = r.targets()[0];
                } else {
                    System.arraycopy(r.targets(), 0, y, row * 4, 4);
                }
                weight[row] = r.weight();
            }
            batch++;
            return new Batch(batchSize, x, y, weight, label);
        }

        @Override
        public void rewind() {
            order(0);
        }

        @Override
        public void skip(long n) {
            long total = pass * batchesPerPass + batch + n;
            order(total / batchesPerPass);
            batch = (int) (total % batchesPerPass);
        }
    }
}
