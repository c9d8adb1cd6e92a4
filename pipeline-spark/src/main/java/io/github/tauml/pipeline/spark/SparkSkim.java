package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.Skim;
import io.github.tauml.pipeline.dataset.Skim.Part;
import io.github.tauml.pipeline.dataset.SkimException;
import io.github.tauml.pipeline.dataset.SkimRequest;
import io.github.tauml.pipeline.dataset.SkimResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
        return InOrder.merge(jsc, parts, p -> BatchCodec.encode(Skim.select(spec.request(), p)), BatchCodec::decode,
                batches -> Skim.merge(request, batches, log), e -> unwrap(e, request));
    }

    /**
     * The task's own exception when Spark brought it back (always in local mode): a SkimException as it was, or an
     * I/O failure (a damaged input) as locally; anything else as a SkimException with Spark's message.
     */
    private static SkimException unwrap(TaskFailure e, SkimRequest request) throws IOException {
        SkimException s = e.find(SkimException.class);
        if (s != null) {
            return new SkimException(s.element(), s.getMessage(), s);
        }
        e.rethrowIo();
        return new SkimException("executor", request.sample() + ": the skim failed on Spark: " + e.sparkMessage(),
                e.getCause());
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
}
