package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.RootIOException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Consecutive batches of entries over several branches. Memory is bounded by the batch plus the baskets in flight
 * (at most one or two per branch). With more than one thread, the branches of a batch are decoded in parallel.
 * I/O errors surface as {@link UncheckedIOException} wrapping a {@link RootIOException} that names the file,
 * tree, branch and basket.
 */
public final class ColumnBatches implements Iterator<Columns>, AutoCloseable {
    private final List<BranchCursor> cursors = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final long end;
    private final int batchEntries;
    private final ExecutorService pool;
    private long position;

    ColumnBatches(TTree tree, List<Branch> branches, long start, long end, int batchEntries, int threads) {
        if (batchEntries <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchEntries);
        }
        // Leaves of one leaf list share a cursor, so that each basket is decompressed once for all of them.
        Map<Object, List<Branch>> groups = new LinkedHashMap<>();
        for (Branch b : branches) {
            Object key = b.layout().isLeafList() ? new Same(b.baskets()) : new Same(b);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
        }
        for (List<Branch> g : groups.values()) {
            cursors.add(new BranchCursor(tree, g));
        }
        for (Branch b : branches) {
            names.add(b.name());
        }
        this.position = start;
        this.end = end;
        this.batchEntries = batchEntries;
        this.pool = threads > 1 && cursors.size() > 1
                ? Executors.newFixedThreadPool(Math.min(threads, cursors.size()), r -> {
                    Thread t = new Thread(r, "root-io-decode");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    @Override
    public boolean hasNext() {
        return position < end;
    }

    @Override
    public Columns next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long from = position;
        long to = Math.min(end, from + batchEntries);
        Map<String, Column> read = new java.util.HashMap<>();
        try {
            if (pool == null) {
                for (BranchCursor c : cursors) {
                    read.putAll(c.readGroup(from, to));
                }
            } else {
                List<Future<Map<String, Column>>> futures = new ArrayList<>();
                for (BranchCursor c : cursors) {
                    futures.add(pool.submit(() -> c.readGroup(from, to)));
                }
                for (Future<Map<String, Column>> f : futures) {
                    read.putAll(f.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(e.getCause());
        }
        position = to;
        Map<String, Column> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, read.get(n));
        }
        return new Columns(from, to - from, out);
    }

    /** Identity as a map key. */
    private record Same(Object o) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Same s && s.o == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(o);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
