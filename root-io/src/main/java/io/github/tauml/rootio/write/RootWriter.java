package io.github.tauml.rootio.write;

import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.hist.TH1;
import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Writes a ROOT file: any number of TTrees and TH1D histograms, in the top directory or in subdirectories, laid out
 * as ROOT 6.20 lays them out, so that ROOT, uproot and jsroot read them.
 *
 * <pre>{@code
 * try (RootWriter w = RootWriter.create(path)) {
 *     TreeWriter t = w.tree("taus", "", List.of(BranchSpec.scalar("pt", LeafType.FLOAT32)));
 *     t.append(Map.of("pt", ptColumn));
 *     w.histogram("mt_inclusive/EMB", h);
 * }
 * }</pre>
 *
 * <p>The file is written to a temporary sibling, {@code <name>.tmp-<random>}, and moved into place when
 * {@link #close()} succeeds, so the target never holds a partial file. Any exception thrown by the writer (or by one
 * of its trees), an I/O error as much as a rejected batch, aborts the file: the temporary file is deleted and later
 * calls fail. Code that fails between {@code create} and {@code close} for its own reasons should call
 * {@link #abort()}, or the partial content is published by {@code close()}.
 *
 * <p>Equal inputs and options give byte-identical files: the UUID is all zeros and every timestamp is the one of
 * {@link WriterOptions#timestamp()} (by default 1995-01-01 00:00:00, the earliest date ROOT's TDatime can hold).
 * Baskets stream to disk as they fill; memory is about one basket per branch of each open tree.
 * Not thread-safe.
 */
public final class RootWriter implements AutoCloseable {
    private enum State { OPEN, CLOSED, FAILED }

    /** The time stored in files written without an explicit timestamp: TDatime's earliest date. */
    private static final Instant DEFAULT_TIME = Instant.parse("1995-01-01T00:00:00Z");

    private final Path target;
    private final Path temp;
    private final WriterOptions options;
    private final boolean forceLarge;
    private final int datime;
    private final FileSink sink;
    private final String fileName;
    private final DirectoryNode top;
    private final List<TreeWriter> openTrees = new ArrayList<>();
    /** Classes streamed so far, for the StreamerInfo record: catalogue roots and ready-made STL collections. */
    private final Set<String> streamedClasses = new LinkedHashSet<>();
    private final Map<String, ClassInfo> streamedCollections = new LinkedHashMap<>();
    private State state = State.OPEN;

    private RootWriter(Path target, WriterOptions options, boolean forceLarge) throws IOException {
        this.target = target.toAbsolutePath();
        this.options = Objects.requireNonNull(options, "options");
        this.forceLarge = forceLarge;
        this.datime = Records.datime(options.timestamp() == null ? DEFAULT_TIME : options.timestamp());
        this.fileName = this.target.getFileName().toString();
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.temp = this.target.resolveSibling(fileName + ".tmp-" + HexFormat.of().formatHex(random));
        TemporaryFiles.register(temp);
        this.sink = new FileSink(temp);
        try {
            sink.append(new byte[Records.BEGIN]); // the header, written last
            // The top directory's key is created while the file is empty, so it keeps 32-bit seeks (as in ROOT).
            int keylen = Records.keyLength(false, "TFile", fileName, "");
            int nbytesName = keylen + Records.tstringLength(fileName) + Records.tstringLength("");
            this.top = new DirectoryNode(fileName, null, Records.BEGIN, keylen, nbytesName);
            sink.append(topDirectoryRecord(0, 0));
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Starts a file at {@code path} with {@link WriterOptions#defaults()}. */
    public static RootWriter create(Path path) throws IOException {
        return create(path, WriterOptions.defaults());
    }

    public static RootWriter create(Path path, WriterOptions options) throws IOException {
        return new RootWriter(path, options, false);
    }

    /** As {@link #create(Path, WriterOptions)}, with 64-bit seeks everywhere, as a file past 2 GB has: for tests. */
    static RootWriter createLarge(Path path, WriterOptions options) throws IOException {
        return new RootWriter(path, options, true);
    }

    /** The file this writer publishes on {@link #close()}. */
    public Path path() {
        return target;
    }

    /**
     * Starts a tree at {@code path} ("taus" or "dir/sub/taus"; directories are created as needed). Append batches of
     * columns to it; it is written out when closed, at the latest when this writer closes.
     */
    public TreeWriter tree(String path, String title, List<BranchSpec> branches) throws IOException {
        return run(() -> {
            String[] parts = splitPath(path);
            DirectoryNode dir = directory(parts, parts.length - 1);
            String name = parts[parts.length - 1];
            TreeWriter t = new TreeWriter(this, dir, name, title == null ? "" : title, branches);
            dir.reserve(name, "a tree");
            streamedClasses.add("TTree");
            streamedClasses.add("TBranch");
            for (BranchSpec b : branches) {
                if (b.shape() == Shape.VECTOR || b.shape() == Shape.VECTOR_VECTOR) {
                    streamedClasses.add("TBranchElement");
                    streamedClasses.add("TLeafElement");
                    ClassInfo vector = StreamerCatalog.vectorOf(b.type());
                    streamedCollections.putIfAbsent(vector.name(), vector);
                    if (b.shape() == Shape.VECTOR_VECTOR) {
                        ClassInfo nested = StreamerCatalog.vectorOfVectors(b.type());
                        streamedCollections.putIfAbsent(nested.name(), nested);
                    }
                } else if (b.isLeafList()) {
                    for (BranchSpec l : b.leaves()) {
                        streamedClasses.add(l.type().leafClass());
                    }
                } else {
                    streamedClasses.add(b.type().leafClass());
                }
            }
            openTrees.add(t);
            return t;
        });
    }

    /**
     * Writes a histogram as a TH1D at {@code path} (e.g. "mt_inclusive/EMB"): its bins, contents with under- and
     * overflow, sum of squared weights and entries. The key and the histogram take the last path element as name,
     * whatever {@link TH1#name()} says; the statistics sums are recomputed from the bins.
     */
    public void histogram(String path, TH1 h) throws IOException {
        Objects.requireNonNull(h, "histogram");
        run(() -> {
            String[] parts = splitPath(path);
            DirectoryNode dir = directory(parts, parts.length - 1);
            String name = parts[parts.length - 1];
            dir.reserve(name, "a histogram");
            streamedClasses.add("TH1D");
            writeObject(dir, "TH1D", name, h.title(), keylen -> HistogramSerializer.payload(h, name, keylen));
            return null;
        });
    }

    /**
     * Closes open trees, writes the StreamerInfo, the key lists and the header, and moves the file into place.
     * Does nothing after {@link #abort()} or a failure, or when already closed.
     */
    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        run(() -> {
            for (TreeWriter t : List.copyOf(openTrees)) {
                t.close();
            }
            finish();
            return null;
        });
        state = State.CLOSED;
    }

    /** Gives up the file: deletes the temporary file and leaves the target untouched. Safe to call repeatedly. */
    public void abort() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.FAILED;
        try {
            sink.close();
        } catch (IOException | RuntimeException ignored) {
            // The file is deleted next; a failing close changes nothing for the caller.
        }
        try {
            Files.deleteIfExists(temp);
            TemporaryFiles.done(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary file " + temp, e);
        }
    }

    @FunctionalInterface
    interface Step<T> {
        T run() throws IOException;
    }

    /** Runs a step of writing; any exception aborts the file before it propagates. */
    <T> T run(Step<T> step) throws IOException {
        if (state != State.OPEN) {
            throw new IllegalStateException(target + ": the writer is " + (state == State.CLOSED ? "closed"
                    : "aborted (the file was not written)"));
        }
        try {
            return step.run();
        } catch (IOException | RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    WriterOptions options() {
        return options;
    }

    int datime() {
        return datime;
    }

    FileSink sink() {
        return sink;
    }

    /**
     * Writes the baskets every open tree but {@code except} still has in flight (see {@link TreeWriter#compressOn}),
     * so that records written next come after them, as they would without asynchronous compression.
     */
    void drainTrees(TreeWriter except) throws IOException {
        for (TreeWriter t : openTrees) {
            if (t != except) {
                t.drain(true);
            }
        }
    }

    void treeClosed(TreeWriter t) {
        openTrees.remove(t);
    }

    /** Keys get 64-bit seeks once the file has passed 2 GB (or always, for the forced large layout). */
    private boolean largeKeys() {
        return forceLarge || sink.end() > Records.START_BIG_FILE;
    }

    /**
     * Appends an object record at the end of the file and lists it in {@code dir}. The payload is built for the
     * final key length, since references inside it count from the start of the record. ROOT leaves payloads of
     * up to 256 bytes uncompressed, and stores any payload raw that compression would not shrink.
     */
    void writeObject(DirectoryNode dir, String className, String name, String title, IntFunction<byte[]> payload)
            throws IOException {
        dir.keys.add(appendRecord(dir, className, name, title, payload, true));
    }

    private Key appendRecord(DirectoryNode dir, String className, String name, String title,
                             IntFunction<byte[]> payload, boolean compress) throws IOException {
        drainTrees(null);
        boolean large = largeKeys();
        int keylen = Records.keyLength(large, className, name, title);
        byte[] object = payload.apply(keylen);
        byte[] zipped = compress && object.length > 256
                ? Codec.compress(object, 0, object.length, options.compression(), options.level()) : null;
        byte[] stored = zipped != null ? zipped : object;
        Key key = new Key(keylen + stored.length, Records.KEY_VERSION + (large ? Records.LARGE : 0), object.length,
                datime, keylen, 1, sink.end(), dir.seekDir, className, name, title);
        sink.append(Records.keyBytes(key), stored);
        return key;
    }

    private static String[] splitPath(String path) {
        Objects.requireNonNull(path, "path");
        String[] parts = path.split("/", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.contains(";")) {
                throw new IllegalArgumentException("bad object path '" + path + "': use names like 'taus' or "
                        + "'dir/taus', without empty parts or ';'");
            }
        }
        return parts;
    }

    /** The directory named by {@code parts[0..n)}, created (key and record) on first use. */
    private DirectoryNode directory(String[] parts, int n) throws IOException {
        DirectoryNode dir = top;
        for (int i = 0; i < n; i++) {
            DirectoryNode child = dir.children.get(parts[i]);
            if (child == null) {
                child = createDirectory(dir, parts[i]);
            }
            dir = child;
        }
        return dir;
    }

    /** A subdirectory: a "TDirectory" key whose payload is the TDirectory record, rewritten when the file closes. */
    private DirectoryNode createDirectory(DirectoryNode parent, String name) throws IOException {
        parent.reserve(name, "a directory");
        drainTrees(null);
        long seek = sink.end();
        boolean large = largeKeys();
        // ROOT gives a directory created without a title its name as title.
        Key key = appendRecord(parent, "TDirectory", name, name, keylen -> directoryRecord(keylen, large, 0, seek,
                parent.seekDir, 0), false);
        parent.keys.add(key);
        DirectoryNode child = new DirectoryNode(name, parent, seek, key.keylen(), key.keylen());
        parent.children.put(name, child);
        return child;
    }

    private byte[] directoryRecord(int nbytesName, boolean large, int nbytesKeys, long seekDir, long seekParent,
                                   long seekKeys) {
        WBuffer b = new WBuffer(0, Records.DIRECTORY_BYTES);
        Records.writeDirectory(b, large, datime, nbytesKeys, nbytesName, seekDir, seekParent, seekKeys);
        return b.toByteArray();
    }

    /** The record at fBEGIN: the file's key ("TFile"), its name and title, and the top TDirectory. */
    private byte[] topDirectoryRecord(int nbytesKeys, long seekKeys) {
        int objlen = top.nbytesName - top.keylen + Records.DIRECTORY_BYTES;
        Key key = new Key(top.keylen + objlen, Records.KEY_VERSION, objlen, datime, top.keylen, 1, Records.BEGIN, 0,
                "TFile", fileName, "");
        WBuffer b = new WBuffer(0, top.keylen + objlen);
        Records.writeKey(b, key);
        b.tstring(fileName).tstring("");
        Records.writeDirectory(b, forceLarge || seekKeys > Records.START_BIG_FILE, datime, nbytesKeys,
                top.nbytesName, Records.BEGIN, 0, seekKeys);
        return b.toByteArray();
    }

    private void finish() throws IOException {
        for (DirectoryNode dir : top.withDescendants()) {
            if (dir != top) {
                Key list = writeKeyList(dir);
                boolean large = forceLarge || list.seekKey() > Records.START_BIG_FILE
                        || dir.seekDir > Records.START_BIG_FILE;
                sink.writeAt(dir.seekDir + dir.keylen, directoryRecord(dir.nbytesName, large, list.nbytes(),
                        dir.seekDir, dir.parent.seekDir, list.seekKey()));
            }
        }
        List<ClassInfo> classes = StreamerCatalog.closure(streamedClasses, streamedCollections.values());
        Key info = appendRecord(top, "TList", "StreamerInfo", "Doubly linked list",
                keylen -> StreamerInfoWriter.payload(classes, keylen), true);
        Key keys = writeKeyList(top);
        long seekFree = sink.end();
        Key free = appendRecord(top, "TFile", fileName, "", keylen -> Records.freeSegments(seekFree + keylen,
                forceLarge), false);
        long end = sink.end();
        sink.writeAt(Records.BEGIN, topDirectoryRecord(keys.nbytes(), keys.seekKey()));
        sink.writeAt(0, Records.header(forceLarge || end > Records.START_BIG_FILE, end, free, info, top.nbytesName,
                options.setting()));
        sink.sync();
        sink.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        TemporaryFiles.done(temp);
    }

    /** A directory's key list: the number of keys, then a copy of each key header. Never compressed. */
    private Key writeKeyList(DirectoryNode dir) throws IOException {
        boolean isTop = dir == top;
        return appendRecord(dir, isTop ? "TFile" : "TDirectory", dir.name, isTop ? "" : dir.name, keylen -> {
            WBuffer b = new WBuffer(0, 4 + 64 * dir.keys.size());
            b.i32(dir.keys.size());
            for (Key k : dir.keys) {
                Records.writeKey(b, k);
            }
            return b.toByteArray();
        }, false);
    }
}
