package io.github.tauml.pipeline.toy;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.write.BranchSpec;
import io.github.tauml.rootio.write.RootWriter;
import io.github.tauml.rootio.write.TemporaryFiles;
import io.github.tauml.rootio.write.TreeWriter;
import io.github.tauml.rootio.write.WriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Generates toy TauTuples. Each sample is cut into chunks of {@link #CHUNK} candidates with their own random
 * stream (derived from the seed, the sample and the chunk index), generated on a thread pool and written in
 * order, so the files are the same byte for byte whatever the number of threads. Each file's settings are recorded
 * beside it ({@link ToySettings}), after the file, so that a later stage can refuse files of two different runs.
 */
public final class ToyNtuples {
    /** Candidates per chunk: one random stream each, and one batch for the writer. */
    public static final int CHUNK = 10_000;
    /** The version of what the generator writes: raise it whenever the same request would write other bytes. */
    public static final int FORMAT_VERSION = 1;

    private ToyNtuples() {
    }

    /** One written sample. */
    public record Result(ToySample sample, Path file, long entries, double seconds) {
        public double rate() {
            return entries / Math.max(seconds, 1e-9);
        }
    }

    public static List<Result> generate(ToyRequest request, Consumer<String> log) throws IOException {
        Files.createDirectories(request.outputDirectory());
        List<Result> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(request.threads(), r -> {
            Thread t = new Thread(r, "toy-ntuples");
            t.setDaemon(true);
            return t;
        });
        try {
            for (ToySample sample : ToySample.values()) {
                Long n = request.entries().get(sample);
                if (n != null) {
                    results.add(writeSample(request, sample, n, pool, log));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    public static List<BranchSpec> branches(boolean particles) {
        List<BranchSpec> out = new ArrayList<>();
        for (TauTupleSchema.Field f : TauTupleSchema.fields()) {
            if (f.shape() == io.github.tauml.rootio.tree.Shape.SCALAR) {
                out.add(BranchSpec.scalar(f.name(), f.type()));
            } else if (particles) {
                out.add(BranchSpec.vector(f.name(), f.type()));
            }
        }
        return out;
    }

    private static Result writeSample(ToyRequest request, ToySample sample, long entries, ExecutorService pool,
                                      Consumer<String> log) throws IOException {
        long start = System.nanoTime();
        Path file = request.outputDirectory().resolve(sample.fileName() + ".root");
        WriterOptions options = WriterOptions.defaults().withCompression(request.compression(), request.level())
                .withBasketEntries(CHUNK);
        long chunks = (entries + CHUNK - 1) / CHUNK;
        for (Path stale : TemporaryFiles.removeStale(file)) {
            log.accept("Removed " + stale.getFileName() + ", left by an earlier run that was stopped while writing");
        }
        try (RootWriter writer = RootWriter.create(file, options)) {
            try {
                TreeWriter tree = writer.tree(TauTupleSchema.TREE, "toy TauTuple: " + sample.fileName(),
                        branches(request.particles()));
                // At most threads + 1 chunks in flight: bounded memory, and the writer never waits long.
                Deque<Future<Map<String, Column>>> inFlight = new ArrayDeque<>();
                long next = 0;
                long written = 0;
                long lastReport = System.nanoTime();
                while (written < chunks) {
                    while (next < chunks && inFlight.size() <= request.threads()) {
                        long chunk = next++;
                        int size = (int) Math.min(CHUNK, entries - chunk * CHUNK);
                        inFlight.add(pool.submit(() -> chunk(request, sample, chunk, size)));
                    }
                    tree.append(inFlight.removeFirst().get());
                    written++;
                    if (System.nanoTime() - lastReport > 10_000_000_000L) {
                        lastReport = System.nanoTime();
                        log.accept(String.format(Locale.ROOT, "%s: %,d / %,d candidates", sample.fileName(),
                                Math.min(written * CHUNK, entries), entries));
                    }
                }
                tree.close();
            } catch (InterruptedException e) {
                writer.abort();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while generating " + sample.fileName(), e);
            } catch (ExecutionException e) {
                writer.abort();
                throw new IOException("generating " + sample.fileName() + " failed: " + e.getCause(), e.getCause());
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
        }
        ToySettings.write(request, sample, entries, file);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format(Locale.ROOT, "%s: %,d candidates in %.1f s (%,.0f /s) -> %s", sample.fileName(),
                entries, seconds, entries / seconds, file));
        return new Result(sample, file, entries, seconds);
    }

    static Map<String, Column> chunk(ToyRequest request, ToySample sample, long chunk, int size) {
        CandidateGenerator g = new CandidateGenerator(sample, request.mismodelling(), request.particles(),
                streamSeed(request.seed(), sample, chunk), size);
        long firstEvent = chunk * CHUNK + 1;
        for (int i = 0; i < size; i++) {
            g.generate(firstEvent + i);
        }
        return g.build();
    }

    /** A well-mixed seed per (seed, sample, chunk) (SplitMix64 finaliser), so streams do not overlap. */
    static long streamSeed(long seed, ToySample sample, long chunk) {
        long z = seed * 0x9E3779B97F4A7C15L + (sample.ordinal() + 1) * 0xBF58476D1CE4E5B9L + chunk * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
