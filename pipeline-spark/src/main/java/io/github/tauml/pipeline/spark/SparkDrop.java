package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.DropRequest;
import io.github.tauml.pipeline.dataset.DropResult;
import io.github.tauml.pipeline.dataset.EventDrop;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The event drop on Spark (reference §2.4). The observed {@code tau_pt} histogram of the whole input is a Spark
 * aggregation of per-task bin counts ({@link SparkSpectra}: integers, the local counts whatever the order). The keep
 * decisions need TRandom3's sequential stream, one draw per examined entry: the driver cuts the examined entries into
 * parts on the local drop's 16,384-entry batch grid and draws the stream up to each part's first entry (cheap: about
 * 5 ns per entry on one core, against decoding every branch of the entry), so each task starts from a copy of the
 * generator at exactly the position the sequential drop has there. Each task decodes its part and returns the kept
 * entries of every branch per batch; the driver appends them <b>in entry order</b> ({@link EventDrop#merge}), so the
 * output holds the local drop's entries, baskets and bytes.
 */
public final class SparkDrop {
    /** Batches of 16,384 entries per part at most: 131,072 entries, about a Spark file split. */
    static final int MAX_BATCHES_PER_PART = 8;

    private SparkDrop() {
    }

    /**
     * Runs {@code request} on {@code spark}; the result and the output file are those of {@link EventDrop#run}.
     *
     * @throws ConfigException the request cannot run (as locally), or a task failed for a reason other than its
     *                         input (named at {@code <executor>}, with Spark's message)
     * @throws IOException     an input cannot be read (a task's I/O failure is the local one); nothing is written
     */
    public static DropResult run(SparkSession spark, DropRequest request, Consumer<String> log)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, jsc.defaultParallelism());
        EventDrop.Plan plan = EventDrop.plan(request, new SparkSpectra(spark));
        long batches = (plan.examined() + 16_383) / 16_384;
        int perPart = (int) Math.max(1, Math.min(MAX_BATCHES_PER_PART, batches / (3L * parallelism)));
        List<EventDrop.Part> parts = EventDrop.parts(request, plan, perPart);
        log.accept(String.format(Locale.ROOT, "%s: the drop in %,d parts of up to %,d entries on Spark %s (%s, %d"
                + " cores)", request.sample(), parts.size(), perPart * 16_384L, spark.version(), jsc.master(),
                parallelism));
        EventDrop.Selection selection = plan.selection(request);
        DropResult result = InOrder.merge(jsc, parts, p -> BatchCodec.encode(EventDrop.select(selection, p)),
                BatchCodec::decode, ordered -> EventDrop.merge(request, plan, ordered, log),
                e -> e.toConfigException("<executor> (adversarial.drop.executor)", request.sample() + ": the drop",
                        "run the same drop with <executor>local</executor> to tell a problem of the input from one"
                        + " of the cluster"));
        return new DropResult(result.sample(), result.output(), result.examined(), result.kept(), result.bins(),
                (System.nanoTime() - start) / 1e9);
    }
}
