package io.github.tauml.rootio.write;

import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.Compression;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.Shape;
import java.io.IOException;
import java.util.Arrays;

/**
 * One branch being written: the current basket's bytes and, for every basket already on disk, its size, first
 * entry and position (the TBranch's fBasketBytes, fBasketEntry and fBasketSeek). Memory is one basket.
 */
final class BranchWriter {
    /** fBasketSize: ROOT's default basket buffer size. */
    static final int BASKET_SIZE = 32000;
    /** A std::vector entry starts with a byte count (4), the collection version (2) and the size (4). */
    static final int VECTOR_HEADER = 10;
    /** The version ROOT 6.20 writes before each std::vector in a basket. */
    private static final int VECTOR_VERSION = 9;
    private static final int BASKET_VERSION = 3;
    /** TBasket's header after its key: version, fBufferSize, fNevBufSize, fNevBuf, fLast, flag. */
    private static final int BASKET_HEADER = 19;
    /** TTree::fDefaultEntryOffsetLen: the initial entry offset table size of a variable-size branch. */
    static final int DEFAULT_ENTRY_OFFSET_LEN = 1000;

    final BranchSpec spec;
    /** The identity of this branch's leaf in a TTree record, which refers back to it (fLeaves, fLeafCount). */
    final Object leaf = new Object();
    /** The identities of a leaf list's leaves (the first is {@link #leaf}). */
    final Object[] leaves;
    private final String treeName;
    private final int keylen;
    private final WBuffer data;
    private final boolean variable;
    private int[] starts = new int[64];
    private int pending;

    private int baskets;
    private int[] basketBytes = new int[16];
    private long[] basketEntry = new long[16];
    private long[] basketSeek = new long[16];
    private long entries;
    private long totBytes;
    private long zipBytes;
    private int entryOffsetLen;
    /** The largest value appended, for a counter leaf (TLeaf::fMaximum of a leaf-count leaf). */
    private long maximum;

    /**
     * One closed basket before compression: its uncompressed bytes (exactly {@code objlen} long) and what its TBasket
     * header and the branch's tables record. Made by {@link #seal()} in the appending thread; compressing it touches
     * nothing else, so it may run on any thread.
     */
    record Sealed(byte[] raw, int objlen, int last, int entries, int nevBufSize, long firstEntry) {
        /** Compresses the basket (or keeps it raw when that is not smaller). */
        Prepared compress(Compression algorithm, int level) {
            byte[] zipped = Codec.compress(raw, 0, objlen, algorithm, level);
            return new Prepared(zipped != null ? zipped : raw, objlen, last, entries, nevBufSize, firstEntry);
        }
    }

    /** The bytes of one basket, compressed (or raw when that is not smaller), before they get a place on disk. */
    record Prepared(byte[] stored, int objlen, int last, int entries, int nevBufSize, long firstEntry) {
    }

    BranchWriter(BranchSpec spec, String treeName) {
        this.spec = spec;
        this.treeName = treeName;
        this.variable = spec.shape() == Shape.JAGGED || spec.isStl();
        // Baskets always use 64-bit key seeks, as ROOT does (TBasket adds 1000 to the key version).
        this.keylen = Records.keyLength(true, "TBasket", spec.name(), treeName) + BASKET_HEADER;
        this.data = new WBuffer(keylen, 4096);
        this.entryOffsetLen = variable ? DEFAULT_ENTRY_OFFSET_LEN : 0;
        this.leaves = new Object[Math.max(1, spec.leaves().size())];
        this.leaves[0] = leaf;
        for (int i = 1; i < leaves.length; i++) {
            leaves[i] = new Object();
        }
    }

    /** Adds entries [from, to) of a validated column to the current basket. */
    void append(Column c, int from, int to) {
        Object values = c.values();
        switch (spec.shape()) {
            case SCALAR, FIXED -> {
                data.values(values, c.start(from), c.start(to));
                pending += to - from;
            }
            case JAGGED -> {
                for (int i = from; i < to; i++) {
                    mark();
                    data.values(values, c.start(i), c.start(i + 1));
                }
            }
            case VECTOR_VECTOR -> {
                int width = spec.type().width();
                int[] outer = c.offsets();
                int[] inner = c.innerOffsets();
                for (int i = from; i < to; i++) {
                    mark();
                    long bytes = VECTOR_HEADER - 4;
                    for (int k = outer[i]; k < outer[i + 1]; k++) {
                        bytes += 4 + (long) (inner[k + 1] - inner[k]) * width;
                    }
                    if (bytes > 0x3FFFFFFEL) {
                        throw new IllegalArgumentException("branch '" + spec.name() + "': entry " + i + " needs "
                                + bytes + " bytes, more than one ROOT object may hold");
                    }
                    data.i32(0x40000000 | (int) bytes).i16(VECTOR_VERSION).i32(outer[i + 1] - outer[i]);
                    for (int k = outer[i]; k < outer[i + 1]; k++) {
                        data.i32(inner[k + 1] - inner[k]);
                        data.values(values, inner[k], inner[k + 1]);
                    }
                }
            }
            default -> {
                int width = spec.type().width();
                for (int i = from; i < to; i++) {
                    mark();
                    int n = c.size(i);
                    // A byte count of what follows it (version, size, values), as for any streamed object.
                    data.i32(0x40000000 | (VECTOR_HEADER - 4 + n * width)).i16(VECTOR_VERSION).i32(n);
                    data.values(values, c.start(i), c.start(i + 1));
                }
            }
        }
        entries += to - from;
    }

    /** Adds entries [from, to) of a leaf list: for each entry, every leaf's values in turn. */
    void appendLeafList(Column[] columns, int from, int to) {
        for (int i = from; i < to; i++) {
            for (Column c : columns) {
                data.values(c.values(), c.start(i), c.start(i + 1));
            }
        }
        pending += to - from;
        entries += to - from;
    }

    /** Records the largest value of a counter column (called for counter branches only). */
    void trackMaximum(Column c, int from, int to) {
        for (int i = from; i < to; i++) {
            maximum = Math.max(maximum, c.getLong(i));
        }
    }

    /** Starts an entry of a variable-size branch: remembers where it begins, as a record position. */
    private void mark() {
        if (pending == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[pending++] = data.recordPosition();
    }

    /**
     * Closes the current basket: appends the entry offset table of a variable-size branch (nevBuf + 1 ints, the
     * last one 0, as ROOT writes it), copies its bytes out and starts an empty basket. The next basket's offset table
     * size follows from this one's entries (TBranch::WriteBasketImpl), so baskets may then be compressed and
     * committed later without changing a byte.
     */
    Sealed seal() {
        int last = data.recordPosition();
        int nevBufSize;
        if (variable) {
            nevBufSize = offsetTableSize(entryOffsetLen, pending);
            data.i32(pending + 1);
            for (int i = 0; i < pending; i++) {
                data.i32(starts[i]);
            }
            data.i32(0);
        } else {
            nevBufSize = spec.entryBytes();
        }
        int objlen = data.size();
        Sealed s = new Sealed(Arrays.copyOf(data.array(), objlen), objlen, last, pending, nevBufSize,
                entries - pending);
        entryOffsetLen = nextEntryOffsetLen(entryOffsetLen, pending);
        data.reset();
        pending = 0;
        return s;
    }

    /**
     * Writes a prepared basket as a TBasket key at the end of the file. Baskets of one branch must be committed in
     * the order they were sealed.
     */
    void commit(Prepared p, FileSink sink, int datime, long seekPdir) throws IOException {
        long seek = sink.end();
        int nbytes = keylen + p.stored().length;
        Key key = new Key(nbytes, Records.KEY_VERSION + Records.LARGE, p.objlen(), datime, keylen, baskets, seek,
                seekPdir, "TBasket", spec.name(), treeName);
        WBuffer h = new WBuffer(0, keylen);
        Records.writeKey(h, key);
        h.i16(BASKET_VERSION).i32(Math.max(BASKET_SIZE, keylen + p.objlen())).i32(p.nevBufSize()).i32(p.entries())
                .i32(p.last()).i8(0);
        sink.append(h.toByteArray(), p.stored());
        if (baskets + 1 >= basketBytes.length) {
            basketBytes = Arrays.copyOf(basketBytes, basketBytes.length * 2);
            basketEntry = Arrays.copyOf(basketEntry, basketEntry.length * 2);
            basketSeek = Arrays.copyOf(basketSeek, basketSeek.length * 2);
        }
        basketBytes[baskets] = nbytes;
        basketEntry[baskets] = p.firstEntry();
        basketSeek[baskets] = seek;
        baskets++;
        totBytes += keylen + p.objlen();
        zipBytes += nbytes;
    }

    /** TBasket grows its offset table to twice its size whenever it is full (TBasket::Update). */
    private static int offsetTableSize(int initial, int entries) {
        int size = initial;
        while (entries >= size) {
            size = Math.max(10, 2 * size);
        }
        return size;
    }

    /** TBranch::WriteBasketImpl sizes the next basket's offset table from the last one's entries. */
    private static int nextEntryOffsetLen(int current, int entries) {
        if (current > 10 && 4 * entries < current) {
            return entries < 3 ? 10 : 4 * entries;
        }
        if (current > 0 && entries > current) {
            return 2 * entries;
        }
        return current;
    }

    String name() {
        return spec.name();
    }

    long entries() {
        return entries;
    }

    long totBytes() {
        return totBytes;
    }

    long zipBytes() {
        return zipBytes;
    }

    int entryOffsetLen() {
        return entryOffsetLen;
    }

    long maximum() {
        return maximum;
    }

    int baskets() {
        return baskets;
    }

    int basketBytes(int i) {
        return basketBytes[i];
    }

    long basketEntry(int i) {
        return basketEntry[i];
    }

    long basketSeek(int i) {
        return basketSeek[i];
    }
}
