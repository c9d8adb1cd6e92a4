package io.github.tauml.rootio.write;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * A TTree being written, fed with batches of columns. Entries are cut into clusters of a fixed number of entries;
 * each cluster becomes one basket per branch, written as soon as it is full. The TTree record itself is written by
 * {@link #close()} (or when the file closes).
 *
 * <p>By default a full cluster's baskets are compressed in parallel on the common pool while {@link #append} waits.
 * {@link #compressOn} moves compression to a given executor with several clusters in flight, so that appending
 * (and whatever produces the batches) overlaps with compressing; baskets are still written in cluster order and
 * branch order, so the file is byte-identical in every mode.
 */
public final class TreeWriter implements AutoCloseable {
    private final RootWriter file;
    private final DirectoryNode dir;
    private final String name;
    private final String title;
    private final List<BranchWriter> branches = new ArrayList<>();
    private final Map<String, BranchWriter> byName = new LinkedHashMap<>();
    private final Set<String> counters = new HashSet<>();
    /** Column names a batch must hold: branch names, and {@code branch.leaf} for the leaves of leaf lists. */
    private final Set<String> columnNames = new java.util.LinkedHashSet<>();
    private int clusterSize;
    private int inCluster;
    private long entries;
    private long flushedBytes;
    private boolean closed;
    /** Where baskets are compressed, or null for the common pool with append waiting; see {@link #compressOn}. */
    private Executor compressor;
    private int clustersInFlight;
    /** Clusters sealed and handed to {@link #compressor}, oldest first, not yet written. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    /** A sealed cluster: one compression per branch, in branch order. */
    private record Pending(List<CompletableFuture<BranchWriter.Prepared>> baskets, boolean full) {
        boolean done() {
            return baskets.stream().allMatch(CompletableFuture::isDone);
        }
    }

    TreeWriter(RootWriter file, DirectoryNode dir, String name, String title, List<BranchSpec> specs) {
        this.file = file;
        this.dir = dir;
        this.name = name;
        this.title = title;
        this.clusterSize = file.options().basketEntries();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(where() + ": a tree needs at least one branch");
        }
        for (BranchSpec s : specs) {
            if (s.shape() == Shape.JAGGED) {
                // As in ROOT, where a leaf-count array can only be created once its counter exists.
                BranchWriter c = byName.get(s.counter());
                if (c == null || c.spec.shape() != Shape.SCALAR || !c.spec.type().isInteger()) {
                    throw new IllegalArgumentException(where() + ", branch '" + s.name() + "': its counter '"
                            + s.counter() + "' must be a scalar integer branch declared before it");
                }
                counters.add(c.name());
            }
            if (byName.putIfAbsent(s.name(), new BranchWriter(s, name)) != null) {
                throw new IllegalArgumentException(where() + ": branch '" + s.name() + "' is declared twice");
            }
            branches.add(byName.get(s.name()));
            if (s.isLeafList()) {
                for (BranchSpec l : s.leaves()) {
                    columnNames.add(s.name() + "." + l.name());
                }
            } else {
                columnNames.add(s.name());
            }
        }
    }

    /**
     * Compresses baskets on {@code executor} instead of the common pool: a full cluster is sealed (its bytes copied
     * out), one compression task per branch is submitted, and {@link #append} returns while up to
     * {@code clustersInFlight} clusters are being compressed; it waits for the oldest when more are. Finished clusters
     * are written in the order they were sealed, so the bytes are those of the default mode. With
     * {@code Runnable::run} and 0 clusters in flight everything happens in the appending thread (one core).
     * Memory: the uncompressed baskets of {@code clustersInFlight + 1} clusters. Call before the first append. Anything
     * else written to the file (another tree's baskets, a histogram, a directory) first writes the clusters in
     * flight, so the bytes stay those of the default mode however trees and objects are interleaved.
     *
     * @throws IllegalStateException after the first append
     */
    public TreeWriter compressOn(Executor executor, int clustersInFlight) {
        if (entries > 0 || inCluster > 0) {
            throw new IllegalStateException(where() + ": compressOn must be called before the first append");
        }
        if (clustersInFlight < 0) {
            throw new IllegalArgumentException("clustersInFlight must be >= 0, got " + clustersInFlight);
        }
        this.compressor = java.util.Objects.requireNonNull(executor, "executor");
        this.clustersInFlight = clustersInFlight;
        return this;
    }

    /** The tree's path in the file, e.g. "taus" or "dir/taus". */
    public String path() {
        return dir.path().isEmpty() ? name : dir.path() + "/" + name;
    }

    public long entries() {
        return entries;
    }

    /**
     * Appends one batch: a column for every branch (keyed by branch name), all with the same number of entries.
     * Columns are checked against the branch declarations (type, shape, fixed length, and for jagged arrays their
     * counter's values) before anything is written; a rejected batch aborts the file like any other failure.
     */
    public void append(Map<String, Column> batch) throws IOException {
        file.run(() -> {
            int n = validate(batch);
            if (clusterSize == 0 && n > 0) {
                clusterSize = automaticClusterSize(batch, n);
            }
            int pos = 0;
            while (pos < n) {
                int take = Math.min(n - pos, clusterSize - inCluster);
                for (BranchWriter b : branches) {
                    if (b.spec.isLeafList()) {
                        b.appendLeafList(leafColumns(b.spec, batch), pos, pos + take);
                        continue;
                    }
                    Column c = batch.get(b.name());
                    b.append(c, pos, pos + take);
                    if (counters.contains(b.name())) {
                        b.trackMaximum(c, pos, pos + take);
                    }
                }
                pos += take;
                inCluster += take;
                entries += take;
                if (inCluster == clusterSize) {
                    flush(true);
                }
            }
            return null;
        });
    }

    /** Writes the last, partial cluster and the TTree record. Does nothing when closed or the file was aborted. */
    @Override
    public void close() throws IOException {
        if (closed || !file.isOpen()) {
            return;
        }
        file.run(() -> {
            if (inCluster > 0) {
                flush(false);
            }
            drain(true);
            TreeSerializer.TreeState state = new TreeSerializer.TreeState(name, title, entries,
                    clusterSize > 0 ? clusterSize : TreeSerializer.DEFAULT_AUTO_FLUSH, flushedBytes,
                    file.options().setting(), branches, byName, counters);
            file.writeObject(dir, "TTree", name, title, keylen -> TreeSerializer.payload(state, keylen));
            closed = true;
            file.treeClosed(this);
            return null;
        });
    }

    /**
     * Closes one basket per branch and writes them, in branch order, so the file does not depend on thread timing.
     * By default compression runs for all branches in parallel and the baskets are written at once; with
     * {@link #compressOn} they are written by a later {@link #drain}. {@code full}: a whole cluster, which ROOT counts
     * in fFlushedBytes (the last, partial one is flushed by the tree's own write instead).
     */
    private void flush(boolean full) throws IOException {
        WriterOptions o = file.options();
        List<BranchWriter.Sealed> sealed = new ArrayList<>(branches.size());
        for (BranchWriter b : branches) {
            sealed.add(b.seal());
        }
        inCluster = 0;
        file.drainTrees(this);
        if (compressor == null) {
            List<BranchWriter.Prepared> prepared = sealed.parallelStream()
                    .map(s -> s.compress(o.compression(), o.level())).toList();
            commit(prepared, full);
            return;
        }
        List<CompletableFuture<BranchWriter.Prepared>> baskets = new ArrayList<>(sealed.size());
        for (BranchWriter.Sealed s : sealed) {
            baskets.add(CompletableFuture.supplyAsync(() -> s.compress(o.compression(), o.level()), compressor));
        }
        pending.add(new Pending(baskets, full));
        drain(false);
    }

    /**
     * Writes finished clusters, oldest first: all of them ({@code all}), else those already compressed and, waiting
     * for them, as many as exceed the clusters allowed in flight.
     */
    void drain(boolean all) throws IOException {
        while (!pending.isEmpty() && (all || pending.size() > clustersInFlight || pending.peek().done())) {
            Pending p = pending.poll();
            List<BranchWriter.Prepared> prepared = new ArrayList<>(p.baskets().size());
            for (CompletableFuture<BranchWriter.Prepared> f : p.baskets()) {
                try {
                    prepared.add(f.join());
                } catch (CompletionException e) {
                    pending.clear();
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
            commit(prepared, p.full());
        }
    }

    private void commit(List<BranchWriter.Prepared> prepared, boolean full) throws IOException {
        for (int i = 0; i < branches.size(); i++) {
            BranchWriter b = branches.get(i);
            long before = b.zipBytes();
            b.commit(prepared.get(i), file.sink(), file.datime(), dir.seekDir);
            if (full) {
                flushedBytes += b.zipBytes() - before;
            }
        }
    }

    /** About 32 kB for the widest branch, from the bytes per entry of the first batch. */
    private int automaticClusterSize(Map<String, Column> batch, int n) {
        double widest = 1;
        for (BranchWriter b : branches) {
            if (b.spec.isLeafList()) {
                widest = Math.max(widest, b.spec.entryBytes());
                continue;
            }
            Column c = batch.get(b.name());
            double bytes = (double) c.valueCount() * b.spec.type().width();
            if (b.spec.shape() == Shape.VECTOR) {
                bytes += (double) BranchWriter.VECTOR_HEADER * n;
            } else if (b.spec.shape() == Shape.VECTOR_VECTOR) {
                bytes += (double) BranchWriter.VECTOR_HEADER * n + 4.0 * (c.innerOffsets().length - 1);
            }
            widest = Math.max(widest, bytes / n);
        }
        return (int) Math.max(1, BranchWriter.BASKET_SIZE / widest);
    }

    /** Checks a batch against the declarations; returns its number of entries. */
    private int validate(Map<String, Column> batch) {
        if (closed) {
            throw new IllegalStateException(where() + ": the tree is closed");
        }
        for (String key : batch.keySet()) {
            if (!columnNames.contains(key)) {
                throw new IllegalArgumentException(where() + ": no branch '" + key + "'; the branches are "
                        + columnNames);
            }
        }
        int n = -1;
        String first = null;
        for (BranchWriter b : branches) {
            List<BranchSpec> parts = b.spec.isLeafList() ? b.spec.leaves() : List.of(b.spec);
            for (BranchSpec part : parts) {
                String column = b.spec.isLeafList() ? b.name() + "." + part.name() : b.name();
                Column c = batch.get(column);
                if (c == null) {
                    throw new IllegalArgumentException(where() + ": the batch has no column for branch '" + column
                            + "'");
                }
                checkColumn(part, c);
                if (n < 0) {
                    n = c.entries();
                    first = column;
                } else if (c.entries() != n) {
                    throw new IllegalArgumentException(where() + ": column '" + column + "' has " + c.entries()
                            + " entries but column '" + first + "' has " + n);
                }
            }
        }
        for (BranchWriter b : branches) {
            if (b.spec.shape() == Shape.JAGGED) {
                checkCounts(b.spec, batch.get(b.name()), batch.get(b.spec.counter()));
            }
        }
        return n;
    }

    private static Column[] leafColumns(BranchSpec s, Map<String, Column> batch) {
        Column[] out = new Column[s.leaves().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = batch.get(s.name() + "." + s.leaves().get(i).name());
        }
        return out;
    }

    private void checkColumn(BranchSpec s, Column c) {
        String at = where() + ", branch '" + s.name() + "': ";
        if (c.type() != s.type()) {
            throw new IllegalArgumentException(at + "the column holds " + c.type().displayName()
                    + " values but the branch is declared " + s.type().displayName());
        }
        boolean variable = s.shape() == Shape.JAGGED || s.isStl();
        if ((s.shape() == Shape.VECTOR_VECTOR) != (c.shape() == Shape.VECTOR_VECTOR)) {
            throw new IllegalArgumentException(at + "a " + s.shape() + " branch needs a "
                    + (s.shape() == Shape.VECTOR_VECTOR ? "doubly-jagged" : "singly-jagged or flat")
                    + " column, got a " + c.shape() + " column");
        }
        if (variable != c.isJagged()) {
            throw new IllegalArgumentException(at + "a " + s.shape() + " branch needs a column "
                    + (variable ? "with" : "without") + " entry offsets, got a " + c.shape() + " column");
        }
        if (!variable && c.fixedLength() != s.fixedLength()) {
            throw new IllegalArgumentException(at + "the column has " + c.fixedLength() + " values per entry, the "
                    + "branch " + s.fixedLength());
        }
    }

    private void checkCounts(BranchSpec s, Column values, Column counter) {
        for (int i = 0; i < values.entries(); i++) {
            long count = counter.getLong(i);
            if (count < 0 || values.size(i) != count * s.fixedLength()) {
                throw new IllegalArgumentException(where() + ", branch '" + s.name() + "': entry " + i
                        + " of the batch has " + values.size(i) + " values but its counter '" + s.counter()
                        + "' is " + count + (s.fixedLength() > 1 ? " (times " + s.fixedLength() + ")" : ""));
            }
        }
    }

    private String where() {
        return file.path() + ": tree '" + path() + "'";
    }
}
