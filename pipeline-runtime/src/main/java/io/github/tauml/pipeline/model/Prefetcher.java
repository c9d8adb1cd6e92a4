package io.github.tauml.pipeline.model;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Keeps the training step fed: a background thread reads the main (and control-region) batches and assembles the
 * step's rows ({@link StepBatch}) into a queue of {@code depth} (4, as the reference's prefetch), in source order,
 * so the order, and with it the training, stays deterministic. The time the step waits for input is measured.
 */
final class Prefetcher implements AutoCloseable {
    private record Item(StepBatch batch, Exception error) {
    }

    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private long waitNanos;
    private long produced;
    private volatile long produceNanos;

    Prefetcher(BatchSource main, BatchSource adv, List<InputSpec> inputs, int depth) {
        queue = new ArrayBlockingQueue<>(depth);
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long t0 = System.nanoTime();
                    Batch m = main.next();
                    StepBatch b = adv == null ? StepBatch.classification(m) : StepBatch.mixed(m, adv.next(), inputs);
                    produceNanos += System.nanoTime() - t0;
                    queue.put(new Item(b, null));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                try {
                    queue.put(new Item(null, e));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "tauml-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    StepBatch take() throws TrainingException {
        long t0 = System.nanoTime();
        Item item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("interrupted while waiting for input", e);
        }
        waitNanos += System.nanoTime() - t0;
        if (item.error() != null) {
            throw new TrainingException("reading the training input failed: " + item.error().getMessage(),
                    item.error());
        }
        produced++;
        return item.batch();
    }

    /** Seconds the training step spent waiting for input. */
    double waitSeconds() {
        return waitNanos / 1e9;
    }

    /** Seconds the producer spent reading and assembling batches (its own rate). */
    double produceSeconds() {
        return produceNanos / 1e9;
    }

    long taken() {
        return produced;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
