package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.Reweight;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The reweight's observed spectra as a Spark aggregation (reference §2.5): the input's entries cut into ranges, each
 * task counts its range's entries per bin ({@link Reweight#count(TTree, String, double[], long, long, int)}, ROOT's
 * FindBin), and the counts are added bin by bin. Counts are integers, so the sum is the local one whatever the order:
 * the weights file is byte for byte the local executor's.
 */
public final class SparkSpectra implements Reweight.SpectrumCounter {
    /** Entries per task at most. */
    static final long RANGE = 1L << 20;

    private final SparkSession spark;

    public SparkSpectra(SparkSession spark) {
        this.spark = spark;
    }

    @Override
    public long[] count(Path input, String tree, String branch, double[] edges, int threads) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long entries;
        try (RootFile f = RootFile.open(input)) {
            entries = f.tree(tree).entries();
        }
        int parallelism = Math.max(1, jsc.defaultParallelism());
        long step = Math.max(1, Math.min(RANGE, (entries + 3L * parallelism - 1) / (3L * parallelism)));
        List<long[]> ranges = new ArrayList<>();
        for (long a = 0; a < entries; a += step) {
            ranges.add(new long[] {a, Math.min(entries, a + step)});
        }
        if (ranges.isEmpty()) {
            return new long[edges.length + 1];
        }
        String path = input.toString();
        double[] e = edges.clone();
        try {
            return jsc.parallelize(ranges, ranges.size()).map(r -> {
                try (RootFile f = RootFile.open(Path.of(path))) {
                    return Reweight.count(f.tree(tree), branch, e, r[0], r[1], 1);
                }
            }).reduce(SparkSpectra::add);
        } catch (Exception x) {
            for (Throwable t = x; t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            throw new IOException(input + ": filling the spectrum of '" + branch + "' on Spark failed: "
                    + (x instanceof SparkException ? x.getMessage() : x.toString()), x);
        }
    }

    static long[] add(long[] a, long[] b) {
        long[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}
