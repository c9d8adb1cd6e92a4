package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.config.ConfigException;
import io.github.tauml.pipeline.dataset.Mix;
import io.github.tauml.pipeline.dataset.MixRequest;
import io.github.tauml.pipeline.dataset.MixResult;
import io.github.tauml.pipeline.dataset.Skim.PartBatch;
import io.github.tauml.rootio.tree.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The mix on Spark (reference §2.6). The driver checks every input as the local mix does, then cuts both outputs
 * (train/validation first) into segments on the local mix's write grid (the batches it appends together, about
 * 20,000 entries). Each task opens the inputs, reads each contribution's entries for its segment (they follow from the
 * segment's first batch: {@code perBatch} entries per batch before it), adds {@code dataset_id}, {@code tauType} and
 * {@code weight} and interleaves the batches; the driver appends the segments <b>in output order</b>
 * ({@link Mix#merge}), so both files are the local executor's byte for byte.
 *
 * <p>The mix reads each input once, sequentially, and its output compression stays on the driver: Spark gains
 * little here unless the inputs are large. With {@code <shuffle>true</shuffle>} each task must hold the needed
 * branches of every whole input (the permutation spans the file), so the work is cut into one segment per core, each
 * reading all inputs: correct, same bytes, but no faster than locally.
 */
public final class SparkMix {
    /** Appends (about 20,000 entries each) per segment at most. */
    static final int MAX_CHUNKS_PER_SEGMENT = 4;

    private SparkMix() {
    }

    /**
     * Runs {@code request} on {@code spark}; the result and the two files are those of {@link Mix#run}.
     *
     * @throws ConfigException every problem of the inputs (found on the driver before any task runs), or a task that
     *                         failed for a reason other than its input (named at {@code <executor>})
     * @throws IOException     an input cannot be read; neither output is written
     */
    public static MixResult run(SparkSession spark, MixRequest request, Consumer<String> log)
            throws ConfigException, IOException {
        long start = System.nanoTime();
        Mix.validate(request);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int parallelism = Math.max(1, jsc.defaultParallelism());
        int chunks = Mix.segments(request, 1).size();
        int perSegment = request.shuffle()
                ? Math.max(1, (chunks + parallelism - 1) / parallelism)
                : (int) Math.max(1, Math.min(MAX_CHUNKS_PER_SEGMENT, chunks / (3L * parallelism)));
        List<Mix.Segment> segments = Mix.segments(request, perSegment);
        log.accept(String.format(Locale.ROOT, "mix: %,d segments of up to %,d batches on Spark %s (%s, %d cores)",
                segments.size(), perSegment * Math.max(1, 20_000 / request.batchSize()), spark.version(), jsc.master(),
                parallelism));
        MixSpec spec = MixSpec.of(request);
        MixResult r = InOrder.merge(jsc, segments, g -> encode(Mix.segment(spec.request(), g)), SparkMix::decode,
                ordered -> Mix.merge(request, ordered, log),
                e -> e.toConfigException("<executor> (adversarial.mix.executor)", "the mix", "run the same mix with"
                        + " <executor>local</executor> to tell a problem of the inputs from one of the cluster"));
        return new MixResult(r.trainval(), r.trainvalBatches(), r.evaluation(), r.evaluationBatches(),
                r.batchSize(), r.taken(), r.branches(), r.notes(), (System.nanoTime() - start) / 1e9);
    }

    /** A segment's appends as skim batches (entries, entries, columns): the codec's exact encoding. */
    static byte[] encode(List<Map<String, Column>> chunks) {
        List<PartBatch> batches = new ArrayList<>();
        for (Map<String, Column> c : chunks) {
            int n = c.values().iterator().next().entries();
            batches.add(new PartBatch(n, n, c));
        }
        return BatchCodec.encode(batches);
    }

    static List<Map<String, Column>> decode(byte[] data) {
        return BatchCodec.decode(data).stream().map(PartBatch::columns).toList();
    }
}
