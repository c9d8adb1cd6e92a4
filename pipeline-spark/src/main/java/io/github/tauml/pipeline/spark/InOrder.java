package io.github.tauml.pipeline.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The results of an RDD's partitions <b>in partition order</b>, whatever order the tasks finish in: windows of
 * {@code window} partitions collected with one Spark job each, the next window started before the current one is
 * handed out, so the driver holds at most two windows. Each partition's results are byte arrays (one per part), each
 * decoded into a list of items. A failed job surfaces as a {@link TaskFailure} from {@link #hasNext}.
 */
final class InOrder<T> implements Iterator<T> {
    private final JavaRDD<byte[]> rdd;
    private final int partitions;
    private final int window;
    private final Function<byte[], List<T>> decode;
    private int nextStart;
    private CompletableFuture<List<byte[]>> pending;
    private final List<T> current = new ArrayList<>();
    private int position;

    InOrder(JavaRDD<byte[]> rdd, int partitions, int window, Function<byte[], List<T>> decode) {
        this.rdd = rdd;
        this.partitions = partitions;
        this.window = Math.max(1, window);
        this.decode = decode;
        this.pending = submit();
    }

    private CompletableFuture<List<byte[]>> submit() {
        if (nextStart >= partitions) {
            return null;
        }
        int from = nextStart;
        int to = Math.min(partitions, from + window);
        nextStart = to;
        int[] ids = IntStream.range(from, to).toArray();
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
                current.addAll(decode.apply(b));
            }
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(position++);
    }

    /**
     * One task per unit of work, each returning its results as byte arrays, handed out in unit order (two windows of
     * two units per core at most on the driver).
     *
     * @param task runs on an executor: encodes what one unit gives
     */
    static <U, T> InOrder<T> of(JavaSparkContext jsc, List<U> units,
                                org.apache.spark.api.java.function.Function<U, byte[]> task,
                                Function<byte[], List<T>> decode) {
        int parallelism = Math.max(1, jsc.defaultParallelism());
        JavaRDD<byte[]> rdd = jsc.parallelize(units, Math.max(1, units.size())).map(task);
        return new InOrder<>(rdd, units.size(), 2 * parallelism, decode);
    }

    /** The driver's merge of a stage's ordered task results. */
    @FunctionalInterface
    interface Merge<T, R, E extends Exception> {
        R merge(Iterator<T> ordered) throws E, IOException;
    }

    /** A failed task as the stage's own error (or its I/O failure, rethrown as it was). */
    @FunctionalInterface
    interface OnFailure<E extends Exception> {
        E map(TaskFailure failure) throws IOException;
    }

    /**
     * A stage on Spark: {@link #of the tasks}, merged in unit order on the driver; a failed task becomes the stage's
     * error through {@code onFailure}, and on any failure the jobs still running (the next window) are cancelled,
     * since nothing will read them.
     */
    static <U, T, R, E extends Exception> R merge(JavaSparkContext jsc, List<U> units,
                                                  org.apache.spark.api.java.function.Function<U, byte[]> task,
                                                  Function<byte[], List<T>> decode, Merge<T, R, E> merge,
                                                  OnFailure<E> onFailure) throws E, IOException {
        boolean done = false;
        try {
            R result = merge.merge(of(jsc, units, task, decode));
            done = true;
            return result;
        } catch (TaskFailure e) {
            throw onFailure.map(e);
        } finally {
            if (!done) {
                jsc.sc().cancelAllJobs();
            }
        }
    }
}
