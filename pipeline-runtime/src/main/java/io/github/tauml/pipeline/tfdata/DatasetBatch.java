package io.github.tauml.pipeline.tfdata;

/**
 * Up to {@code capacity} consecutive records of a split as dense, row-major arrays, ready to become TF tensors of
 * shape {@code [size, ...spec shape]} (the reference's element structure). Filled by {@link DatasetReader#next(DatasetBatch)},
 * reused between calls; only the first {@link #size()} rows are valid.
 */
public final class DatasetBatch {
    private final DatasetSpec spec;
    private final int capacity;
    private final int[] inputSize;
    /** One array per spec input: {@code capacity × denseSize}, row-major. */
    final float[][] inputs;
    /** {@code capacity × targets}: the one-hot y (4) or the label (1). */
    final float[] targets;
    final int targetWidth;
    final float[] weights;
    final long[] datasetIds;
    final long[] entries;
    final float[] tauPt;
    final float[] tauEta;
    final long[] decayModes;
    int size;

    public DatasetBatch(DatasetSpec spec, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.spec = spec;
        this.capacity = capacity;
        inputSize = spec.inputs().stream().mapToInt(DatasetSpec.Input::denseSize).toArray();
        inputs = new float[inputSize.length][];
        for (int i = 0; i < inputSize.length; i++) {
            inputs[i] = new float[Math.multiplyExact(capacity, inputSize[i])];
        }
        targetWidth = spec.adversarial() ? 1 : 4;
        targets = new float[capacity * targetWidth];
        weights = new float[capacity];
        datasetIds = new long[capacity];
        entries = new long[capacity];
        tauPt = new float[capacity];
        tauEta = new float[capacity];
        decayModes = new long[capacity];
    }

    void set(int row, DatasetRecord r) {
        for (int i = 0; i < inputSize.length; i++) {
            System.arraycopy(r.inputs()[i], 0, inputs[i], row * inputSize[i], inputSize[i]);
        }
        System.arraycopy(r.targets(), 0, targets, row * targetWidth, targetWidth);
        weights[row] = r.weight();
        datasetIds[row] = r.datasetId();
        entries[row] = r.entry();
        tauPt[row] = r.tauPt();
        tauEta[row] = r.tauEta();
        decayModes[row] = r.decayMode();
    }

    public DatasetSpec spec() {
        return spec;
    }

    public int capacity() {
        return capacity;
    }

    /** Valid rows. */
    public int size() {
        return size;
    }

    /** Dense input {@code i} (spec order), {@code capacity × denseSize} floats, rows beyond {@link #size()} stale. */
    public float[] input(int i) {
        return inputs[i];
    }

    /** The targets, {@code capacity × (4 | 1)}. */
    public float[] targets() {
        return targets;
    }

    public int targetWidth() {
        return targetWidth;
    }

    public float[] weights() {
        return weights;
    }

    public long[] datasetIds() {
        return datasetIds;
    }

    public long[] entries() {
        return entries;
    }

    public float[] tauPt() {
        return tauPt;
    }

    public float[] tauEta() {
        return tauEta;
    }

    public long[] decayModes() {
        return decayModes;
    }
}
