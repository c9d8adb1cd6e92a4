package io.github.tauml.pipeline.model;

import java.io.IOException;
import java.util.List;

/**
 * Dense float32 batches for training: the input side of the trainer, implemented over the TFRecord datasets and, in
 * tests, over synthetic arrays. A source is deterministic: after {@link #rewind()} it yields the same batches in the
 * same order; like TauMLTools' adversarial iterator it restarts from the beginning when exhausted.
 */
public interface BatchSource extends AutoCloseable {
    /** The network inputs the batches carry, in order. */
    List<InputSpec> inputs();

    /** The next batch; restarts at the first batch after the last one. */
    Batch next() throws IOException;

    /** Back to the first batch. */
    void rewind() throws IOException;

    /** Skips {@code n} batches (used to resume a run at the step it stopped). */
    default void skip(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            next();
        }
    }

    @Override
    default void close() throws IOException {
    }
}
