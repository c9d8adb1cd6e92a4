package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.CompressionException;
import io.github.tauml.rootio.io.RBuffer;
import java.io.IOException;

/**
 * Turns one basket into a column: reads its record, decompresses it and interprets the bytes by branch shape.
 * A {@link Scratch} carries the record and decompression buffers from one basket to the next, so a branch read
 * allocates them once; the values are always decoded into new arrays, never left in the scratch buffers.
 */
final class BasketDecoder {
    private static final int STL_HEADER = 10; // byte count (4), version (2), size (4)
    private static final ThreadLocal<Codec> CODEC = ThreadLocal.withInitial(Codec::new);
    private static final byte[] EMPTY = new byte[0];

    private BasketDecoder() {
    }

    /** Buffers reused from basket to basket by one reader (one thread at a time). */
    static final class Scratch {
        private byte[] record = EMPTY;
        private byte[] data = EMPTY;

        /** {@code b} if it holds {@code n} bytes, else a new buffer of at least {@code n} (doubling). */
        private static byte[] grow(byte[] b, int n) {
            if (b.length >= n) {
                return b;
            }
            return new byte[(int) Math.max(n, Math.min(2L * b.length, Integer.MAX_VALUE - 8))];
        }
    }

    /**
     * A basket's bytes, read and decompressed: the entries are {@code data[off, off+len)}; entry offsets (record
     * positions, as ROOT stores them) or null; {@code data} may be a scratch buffer, valid until the next load.
     */
    record Payload(byte[] data, int off, int len, int keylen, int[] entryOffsets, int entries) {
    }

    /**
     * The counter values of a jagged branch's entries in one basket, for baskets written without entry offsets
     * (TIOFeatures kGenerateOffsetMap), whose entry boundaries follow from the counter branch.
     */
    interface Counts {
        long[] of(Basket bk) throws IOException;
    }

    static Column decode(RootFile file, String treeName, Branch br, Basket bk, Scratch scratch, Counts counts)
            throws IOException {
        Payload p = load(file, treeName, br, bk, scratch);
        long[] n = null;
        if (p.entryOffsets == null && br.shape() == Shape.JAGGED) {
            n = counts.of(bk);
        }
        try {
            return interpret(br, p.data, p.off, p.len, p.keylen, p.entryOffsets, p.entries, n);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw RootIOException.of(file.path(), where(treeName, br, bk), "basket content does not match a "
                    + br.typeName() + " branch", e);
        }
    }

    /**
     * Entries [from, to) of a scalar or fixed-size basket straight into {@code out} at {@code outPos} (flattened
     * values), without an intermediate column.
     */
    static void decodeInto(RootFile file, String treeName, Branch br, Basket bk, Scratch scratch, int from, int to,
                           Object out, int outPos) throws IOException {
        decodeInto(file, treeName, br, bk, load(file, treeName, br, bk, scratch), from, to, out, outPos);
    }

    /** As above, from a payload already loaded. */
    static void decodeInto(RootFile file, String treeName, Branch br, Basket bk, Payload p, int from, int to,
                           Object out, int outPos) throws IOException {
        try {
            decodeFixed(br, p.data, p.off, p.len, p.entries, from, to, out, outPos);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw RootIOException.of(file.path(), where(treeName, br, bk), "basket content does not match a "
                    + br.typeName() + " branch", e);
        }
    }

    static boolean isFixedWidth(Branch br) {
        return (br.shape() == Shape.SCALAR || br.shape() == Shape.FIXED) && br.type() != null
                && br.type() != LeafType.STRING;
    }

    /** Bytes one entry of a scalar or fixed-size branch takes (the whole leaf list's entry for a leaf of one). */
    private static int stride(Branch br) {
        Layout l = br.layout();
        return l.isLeafList() ? l.entryBytes() : br.fixedLength() * l.width(br.type());
    }

    private static void checkFixedWidth(Branch br, int len, int n) {
        int stride = stride(br);
        if ((long) n * stride != len) {
            throw new IllegalArgumentException(n + " entries of " + stride + " bytes need " + ((long) n * stride)
                    + " bytes, the basket has " + len);
        }
    }

    /** Entries [from, to) of a scalar/fixed branch (plain, packed or a leaf of a leaf list) into {@code out}. */
    private static void decodeFixed(Branch br, byte[] data, int off, int len, int n, int from, int to, Object out,
                                    int outPos) {
        checkFixedWidth(br, len, n);
        Layout l = br.layout();
        int per = br.fixedLength();
        int stride = stride(br);
        if (!l.isLeafList() && l.packing() == null) {
            Values.decode(br.type(), data, off + from * stride, (to - from) * per, out, outPos);
        } else if (l.packing() == null) {
            Values.decodeStrided(br.type(), data, off + from * stride + l.leafOffset(), stride, to - from, per, out,
                    outPos);
        } else {
            int w = l.packing().width();
            for (int e = from; e < to; e++) {
                int base = off + e * stride + l.leafOffset();
                for (int k = 0; k < per; k++) {
                    put(l.packing().decode(data, base + k * w), out, outPos + (e - from) * per + k);
                }
            }
        }
    }

    private static void put(double v, Object out, int i) {
        if (out instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) out)[i] = v;
        }
    }

    /** {@code count} values of the branch's type at {@code data[off..]}, unpacking Double32/Float16. */
    private static void decodeValues(Branch br, byte[] data, int off, int count, Object out, int outPos) {
        var p = br.layout().packing();
        if (p == null) {
            Values.decode(br.type(), data, off, count, out, outPos);
            return;
        }
        for (int k = 0; k < count; k++) {
            put(p.decode(data, off + k * p.width()), out, outPos + k);
        }
    }

    private static String where(String treeName, Branch br, Basket bk) {
        return "tree '" + treeName + "', branch '" + br.name() + "', basket " + bk.index() + " (entries "
                + bk.firstEntry() + ".." + (bk.endEntry() - 1) + ")";
    }

    /** Reads, checks and decompresses one basket. */
    static Payload load(RootFile file, String treeName, Branch br, Basket bk, Scratch scratch) throws IOException {
        byte[] data;
        int dataOff;
        int dataLen;
        int keylen;
        int[] entryOffsets;
        int nevBuf;
        if (bk.embedded() != null) {
            Basket.Embedded e = bk.embedded();
            data = e.buffer();
            keylen = e.keylen();
            dataOff = keylen;
            dataLen = e.last() - keylen;
            entryOffsets = e.entryOffsets();
            nevBuf = (int) bk.entryCount();
        } else {
            int size = bk.bytes();
            if (bk.seek() < 0 || size < 0 || size > file.size() - bk.seek()) {
                // Checked before any buffer grows; the file reports the impossible range, naming the basket.
                file.record(bk.seek(), size, where(treeName, br, bk));
            }
            byte[] record = scratch.record = Scratch.grow(scratch.record, size);
            file.record(bk.seek(), size, "TBasket", record); // the range was checked above
            RBuffer h = new RBuffer(record, 0, size, 0);
            Key key;
            int last;
            try {
                key = Key.read(h);
                h.i16(); // basket version
                h.i32(); // fBufferSize
                int nevBufSize = h.i32();
                if (nevBufSize < 0) {
                    h.i8(); // fIOBits
                }
                nevBuf = h.i32();
                last = h.i32();
                h.i8(); // flag; >= 80: written without entry offsets (kGenerateOffsetMap), rebuilt when interpreted
            } catch (RBuffer.BufferUnderrunException e) {
                throw RootIOException.of(file.path(), where(treeName, br, bk), "corrupt basket key", e);
            }
            keylen = key.keylen();
            if (key.nbytes() != bk.bytes() || !"TBasket".equals(key.className())) {
                throw RootIOException.of(file.path(), where(treeName, br, bk), "the record at byte " + bk.seek()
                        + " is a " + key.className() + " of " + key.nbytes() + " bytes, not the TBasket of "
                        + bk.bytes() + " bytes the branch points to");
            }
            if (last < keylen || last - keylen > key.objlen()) {
                throw RootIOException.of(file.path(), where(treeName, br, bk), "basket header says its data ends at "
                        + last + " but it holds " + key.objlen() + " bytes after a " + keylen + "-byte key");
            }
            int stored = size - keylen;
            if (keylen < 0 || stored < 0) {
                throw RootIOException.of(file.path(), where(treeName, br, bk), "cannot decompress",
                        new CompressionException("a " + keylen + "-byte key in a " + size + "-byte record"));
            }
            if (stored == key.objlen()) {
                // Stored raw (incompressible): decode straight from the record.
                data = record;
                dataOff = keylen;
            } else {
                try {
                    // The chunk headers are checked before the buffer grows to the size the key claims.
                    Codec.checkSizes(record, keylen, stored, key.objlen());
                    data = scratch.data = Scratch.grow(scratch.data, key.objlen());
                    CODEC.get().decompress(record, keylen, stored, data, 0, key.objlen());
                } catch (CompressionException e) {
                    throw RootIOException.of(file.path(), where(treeName, br, bk), "cannot decompress", e);
                }
                dataOff = 0;
            }
            dataLen = last - keylen;
            entryOffsets = null;
            if (key.objlen() > dataLen + 4) {
                RBuffer ob = new RBuffer(data, dataOff + dataLen, dataOff + key.objlen(), 0);
                int n = ob.i32();
                if (n < 0 || (long) n * 4 > ob.remaining()) {
                    throw RootIOException.of(file.path(), where(treeName, br, bk), "corrupt entry offset table ("
                            + n + " entries)");
                }
                entryOffsets = new int[n];
                for (int i = 0; i < n; i++) {
                    entryOffsets[i] = ob.i32();
                }
            }
        }
        if (nevBuf != bk.entryCount()) {
            throw RootIOException.of(file.path(), where(treeName, br, bk), "basket holds " + nevBuf + " entries but "
                    + "the branch index says " + bk.entryCount());
        }
        return new Payload(data, dataOff, dataLen, keylen, entryOffsets, nevBuf);
    }

    private static Column interpret(Branch br, byte[] data, int off, int len, int keylen, int[] entryOffsets,
                                    int n, long[] counts) throws RootIOException {
        LeafType t = br.type();
        switch (br.shape()) {
            case SCALAR, FIXED -> {
                Object out = Column.newArray(t, n * br.fixedLength());
                decodeFixed(br, data, off, len, n, 0, n, out, 0);
                return new Column(br.name(), t, br.shape(), out, null, br.fixedLength());
            }
            default -> {
                int[] starts = entryOffsets != null ? entryStarts(entryOffsets, n, keylen, len, br)
                        : rebuildStarts(br, data, off, len, n, counts);
                return switch (br.shape()) {
                    case JAGGED -> jagged(br, data, off, len, starts, n);
                    case VECTOR -> vector(br, data, off, starts, n);
                    case VECTOR_VECTOR -> vectorOfVectors(br, data, off, starts, n);
                    case STRING -> strings(br, data, off, starts, n);
                    default -> vectorOfStrings(br, data, off, starts, n);
                };
            }
        }
    }

    /**
     * Entry boundaries of a basket written without an entry offset table (TIOFeatures kGenerateOffsetMap, ROOT
     * 6.12+): a jagged branch's from its counter values, STL containers' from their byte counts, strings' from their
     * length bytes.
     */
    private static int[] rebuildStarts(Branch br, byte[] data, int off, int len, int n, long[] counts) {
        int[] starts = new int[n + 1];
        if (br.shape() == Shape.JAGGED) {
            if (counts == null || counts.length != n) {
                throw new IllegalArgumentException("the counter branch '" + br.counter() + "' gave "
                        + (counts == null ? "no" : counts.length) + " values for " + n + " entries");
            }
            long unit = (long) br.fixedLength() * br.layout().width(br.type());
            long pos = 0;
            for (int i = 0; i < n; i++) {
                if (counts[i] < 0) {
                    throw new IllegalArgumentException("counter '" + br.counter() + "' is " + counts[i]
                            + " at entry " + i);
                }
                starts[i] = (int) pos;
                pos += counts[i] * unit;
                if (pos > len) {
                    throw new IllegalArgumentException("counter '" + br.counter() + "' asks for " + pos
                            + " bytes by entry " + i + " but the basket holds " + len);
                }
            }
            if (pos != len) {
                throw new IllegalArgumentException("counter '" + br.counter() + "' accounts for " + pos
                        + " bytes but the basket holds " + len);
            }
        } else {
            int pos = 0;
            for (int i = 0; i < n; i++) {
                starts[i] = pos;
                if (br.shape() == Shape.STRING) {
                    int m = data[off + pos] & 0xFF;
                    pos += m == 255 ? 5 + RBuffer.getInt(data, off + pos + 1) : 1 + m;
                } else {
                    int count = RBuffer.getInt(data, off + pos);
                    if ((count & 0x40000000) == 0) {
                        throw new IllegalArgumentException("entry " + i + " has no byte count to find its end");
                    }
                    pos += 4 + (count & ~0x40000000);
                }
                if (pos < 0 || pos > len) {
                    throw new IllegalArgumentException("entry " + i + " runs past the end of the basket");
                }
            }
            if (pos != len) {
                throw new IllegalArgumentException(n + " entries end at byte " + pos + " of " + len);
            }
        }
        starts[n] = len;
        return starts;
    }

    /** Entry start positions relative to the data, plus the end of the data as the last element. */
    private static int[] entryStarts(int[] entryOffsets, int n, int keylen, int len, Branch br) {
        if (entryOffsets.length < n) {
            throw new IllegalArgumentException("a " + br.typeName() + " basket has " + entryOffsets.length
                    + " entry offsets for " + n + " entries");
        }
        int[] starts = new int[n + 1];
        for (int i = 0; i < n; i++) {
            starts[i] = entryOffsets[i] - keylen;
            if (starts[i] < 0 || starts[i] > len || (i > 0 && starts[i] < starts[i - 1])) {
                throw new IllegalArgumentException("entry offset " + entryOffsets[i] + " of entry " + i
                        + " lies outside the basket data");
            }
        }
        starts[n] = len;
        return starts;
    }

    private static Column jagged(Branch br, byte[] data, int off, int len, int[] starts, int n) {
        int w = br.layout().width(br.type());
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int bytes = starts[i + 1] - starts[i];
            if (bytes % w != 0) {
                throw new IllegalArgumentException("entry " + i + " has " + bytes + " bytes, not a multiple of " + w);
            }
            offsets[i + 1] = offsets[i] + bytes / w;
        }
        Object values = Column.newArray(br.type(), offsets[n]);
        decodeValues(br, data, off + starts[0], offsets[n], values, 0);
        return new Column(br.name(), br.type(), Shape.JAGGED, values, offsets, br.fixedLength());
    }

    private static Column vector(Branch br, byte[] data, int off, int[] starts, int n) {
        int w = br.type().width();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int size = RBuffer.getInt(data, off + starts[i] + 6);
            int bytes = starts[i + 1] - starts[i] - STL_HEADER;
            if (size < 0 || (long) size * w != bytes) {
                throw new IllegalArgumentException("entry " + i + " says it holds " + size + " values in "
                        + bytes + " bytes");
            }
            offsets[i + 1] = offsets[i] + size;
        }
        Object values = Column.newArray(br.type(), offsets[n]);
        for (int i = 0; i < n; i++) {
            Values.decode(br.type(), data, off + starts[i] + STL_HEADER, offsets[i + 1] - offsets[i], values,
                    offsets[i]);
        }
        return new Column(br.name(), br.type(), Shape.VECTOR, values, offsets, 1);
    }

    /**
     * {@code vector<vector<T>>}: per entry the STL header (byte count, version) and the outer size, then each inner
     * vector as its size and its values, without a header of its own.
     */
    private static Column vectorOfVectors(Branch br, byte[] data, int off, int[] starts, int n) {
        int w = br.type().width();
        int[] outer = new int[n + 1];
        int lists = 0;
        int values = 0;
        for (int i = 0; i < n; i++) {
            int end = off + starts[i + 1];
            int p = off + starts[i] + STL_HEADER;
            if (p > end) {
                throw new IllegalArgumentException("entry " + i + " is shorter than its header");
            }
            int size = RBuffer.getInt(data, p - 4);
            if (size < 0 || (long) size * 4 > end - p) {
                throw new IllegalArgumentException("entry " + i + " claims " + size + " inner vectors in "
                        + (end - p) + " bytes");
            }
            for (int k = 0; k < size; k++) {
                int m = RBuffer.getInt(data, p);
                if (m < 0 || (long) m * w > end - p - 4) {
                    throw new IllegalArgumentException("entry " + i + ", inner vector " + k + " claims " + m
                            + " values in " + (end - p - 4) + " bytes");
                }
                p += 4 + m * w;
                values += m;
            }
            if (p != end) {
                throw new IllegalArgumentException("entry " + i + " ends at byte " + (p - off) + " but its successor "
                        + "starts at " + starts[i + 1]);
            }
            lists += size;
            outer[i + 1] = lists;
        }
        int[] inner = new int[lists + 1];
        Object out = Column.newArray(br.type(), values);
        int l = 0;
        int v = 0;
        for (int i = 0; i < n; i++) {
            int p = off + starts[i] + STL_HEADER;
            int size = outer[i + 1] - outer[i];
            for (int k = 0; k < size; k++) {
                int m = RBuffer.getInt(data, p);
                Values.decodeDirect(br.type(), data, p + 4, m, out, v);
                p += 4 + m * w;
                v += m;
                inner[++l] = v;
            }
        }
        return Column.doublyJagged(br.name(), br.type(), out, outer, inner);
    }

    private static Column strings(Branch br, byte[] data, int off, int[] starts, int n) {
        String[] values = new String[n];
        int[] pos = new int[1];
        // std::string members of a TBranchElement carry no header; TString and TLeafC neither.
        for (int i = 0; i < n; i++) {
            pos[0] = off + starts[i];
            values[i] = Values.string(data, pos, off + starts[i + 1]);
        }
        return new Column(br.name(), LeafType.STRING, Shape.STRING, values, null, 1);
    }

    private static Column vectorOfStrings(Branch br, byte[] data, int off, int[] starts, int n) {
        String[][] perEntry = new String[n][];
        int[] offsets = new int[n + 1];
        int[] pos = new int[1];
        for (int i = 0; i < n; i++) {
            int size = RBuffer.getInt(data, off + starts[i] + 6);
            if (size < 0 || size > starts[i + 1] - starts[i]) {
                throw new IllegalArgumentException("entry " + i + " claims " + size + " strings");
            }
            pos[0] = off + starts[i] + STL_HEADER;
            perEntry[i] = new String[size];
            for (int j = 0; j < size; j++) {
                perEntry[i][j] = Values.string(data, pos, off + starts[i + 1]);
            }
            offsets[i + 1] = offsets[i] + size;
        }
        String[] values = new String[offsets[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(perEntry[i], 0, values, offsets[i], perEntry[i].length);
        }
        return new Column(br.name(), LeafType.STRING, Shape.VECTOR_STRING, values, offsets, 1);
    }
}
