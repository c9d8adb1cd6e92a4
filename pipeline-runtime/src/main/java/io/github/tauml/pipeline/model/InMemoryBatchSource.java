package io.github.tauml.pipeline.model;

import java.util.List;

/** A {@link BatchSource} over batches held in memory, cycled in order. */
public final class InMemoryBatchSource implements BatchSource {
    private final List<InputSpec> inputs;
    private final List<Batch> batches;
    private int next;

    public InMemoryBatchSource(List<InputSpec> inputs, List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batches");
        }
        for (Batch b : batches) {
            if (b.x().length != inputs.size()) {
                throw new IllegalArgumentException("a batch has " + b.x().length + " inputs, the spec " + inputs.size());
            }
            for (int i = 0; i < inputs.size(); i++) {
                if (b.x()[i].length != b.rows() * inputs.get(i).rowSize()) {
                    throw new IllegalArgumentException("input " + inputs.get(i) + ": " + b.x()[i].length
                            + " floats for " + b.rows() + " rows");
                }
            }
        }
        this.inputs = List.copyOf(inputs);
        this.batches = List.copyOf(batches);
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    @Override
    public Batch next() {
        Batch b = batches.get(next);
        next = (next + 1) % batches.size();
        return b;
    }

    @Override
    public void rewind() {
        next = 0;
    }

    @Override
    public void skip(long n) {
        next = (int) ((next + n) % batches.size());
    }

    public int size() {
        return batches.size();
    }
}
