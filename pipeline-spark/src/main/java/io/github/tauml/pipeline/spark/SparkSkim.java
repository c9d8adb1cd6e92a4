package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.Skim.Part;
import io.github.tauml.pipeline.dataset.Skim.PartBatch;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The skim on Spark. The driver cuts the inputs (after the input range) into parts on the local skim's batch grid
 * ({@link Skim#parts}); each Spark task decodes, computes (τ type, columns) and selects one part on one core
 * ({@link Skim#select}) and returns its passing entries as column batches; the driver merges the parts <b>in input
 * order</b> ({@link Skim#merge}): it applies the output range over the passing entries, appends the same batches the
 * local skim appends, and writes one file whose bytes equal the local executor's. Results are fetched a window of
 * partitions at a time, the next window computed while the current one is written, so the driver holds at most two
 * windows of selected entries.
 *
 * <p>Inputs must be paths every executor sees at the same place (a shared file system); the output is written by
 * the driver.
 */
public final class SparkSkim {
    /** Batches of {@code 16,384} entries per part at most: 131,072 entries, about the size of a Spark file split. */
    static final int MAX_BATCHES_PER_PART = 8;

    private SparkSkim() {
    }

    /**
     * Runs {@code request} on {@code spark}; the result and the output file are those of {@link Skim#run}.
     *
     * @throws SkimException the request cannot run, or a task failed on one (the message is the task's)
     */
    public static SkimResult run(SparkSession spark, SkimRequest request, Consumer<String> log)
            throws SkimException, IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, jsc.defaultParallelism());
        List<Part> single = Skim.parts(request, 1);
        // Enough parts to keep every core busy (3 per core), none larger than MAX_BATCHES_PER_PART batches.
        int perPart = (int) Math.max(1, Math.min(MAX_BATCHES_PER_PART, single.size() / (3L * parallelism)));
        List<Part> parts = group(single, perPart);
        log.accept(String.format("%s: %,d parts of up to %,d entries on Spark %s (%s, %d cores)", request.sample(),
                parts.size(), perPart * 16_384L, spark.version(), jsc.master(), parallelism));
        SkimSpec spec = SkimSpec.of(request);
        JavaRDD<byte[]> selected = jsc.parallelize(parts, Math.max(1, parts.size()))
                .map(p -> BatchCodec.encode(Skim.select(spec.request(), p)));
        Iterator<PartBatch> batches = new Windows(selected, parts.size(), 2 * parallelism);
        boolean done = false;
        try {
            SkimResult result = Skim.merge(request, batches, log);
            done = true;
            return result;
        } catch (TaskFailure e) {
            throw e.unwrap(request);
        } finally {
            if (!done) {
                // The next window may still be running: nothing will read it.
                jsc.sc().cancelAllJobs();
            }
        }
    }

    /** Consecutive single-batch parts of the same file, joined {@code n} at a time. */
    static List<Part> group(List<Part> single, int n) {
        List<Part> out = new ArrayList<>();
        Part open = null;
        int count = 0;
        for (Part p : single) {
            if (open != null && open.file() == p.file() && open.to() == p.from() && count < n) {
                open = new Part(open.file(), open.path(), open.first(), open.from(), p.to());
                count++;
            } else {
                if (open != null) {
                    out.add(open);
                }
                open = p;
                count = 1;
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    /**
     * The parts' batches in partition order: windows of {@code window} partitions collected with one Spark job each,
     * the next window started before the current one is handed out.
     */
    private static final class Windows implements Iterator<PartBatch> {
        private final JavaRDD<byte[]> rdd;
        private final int partitions;
        private final int window;
        private int nextStart;
        private CompletableFuture<List<byte[]>> pending;
        private final List<PartBatch> current = new ArrayList<>();
        private int position;

        Windows(JavaRDD<byte[]> rdd, int partitions, int window) {
            this.rdd = rdd;
            this.partitions = partitions;
            this.window = Math.max(1, window);
            this.pending = submit();
        }

        private CompletableFuture<List<byte[]>> submit() {
            if (nextStart >= partitions) {
                return null;
            }
            int from = nextStart;
            int to = Math.min(partitions, from + window);
            nextStart = to;
            int[] ids = java.util.stream.IntStream.range(from, to).toArray();
            return CompletableFuture.supplyAsync(() -> {
                List<byte[]>[] per = rdd.collectPartitions(ids);
                List<byte[]> all = new ArrayList<>();
                for (List<byte[]> l : per) {
                    all.addAll(l);
                }
                return all;
            });
        }

        @Override
        public boolean hasNext() {
            while (position >= current.size()) {
                if (pending == null) {
                    return false;
                }
                List<byte[]> got;
                try {
                    got = pending.join();
                } catch (CompletionException e) {
                    throw new TaskFailure(e.getCause());
                }
                pending = submit();
                current.clear();
                position = 0;
                for (byte[] b : got) {
                    current.addAll(BatchCodec.decode(b));
                }
            }
            return true;
        }

        @Override
        public PartBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.get(position++);
        }
    }

    /** A Spark job that failed, carried through the merge's iterator. */
    private static final class TaskFailure extends RuntimeException {
        TaskFailure(Throwable cause) {
            super(cause);
        }

        /**
         * The task's own exception when Spark brought it back (always in local mode): a SkimException as it was, or
         * an I/O failure (a damaged input) as locally; anything else as a SkimException with Spark's message.
         */
        SkimException unwrap(SkimRequest request) throws IOException {
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (t instanceof SkimException s) {
                    return new SkimException(s.element(), s.getMessage(), s);
                }
            }
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            String message = getCause() instanceof SparkException s ? s.getMessage() : String.valueOf(getCause());
            return new SkimException("executor", request.sample() + ": the skim failed on Spark: " + message,
                    getCause());
        }
    }
}
