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

    static Column decode(RootFile file, String treeName, Branch br, Basket bk) throws IOException {
        return decode(file, treeName, br, bk, new Scratch());
    }

    static Column decode(RootFile file, String treeName, Branch br, Basket bk, Scratch scratch) throws IOException {
        Payload p = load(file, treeName, br, bk, scratch);
        try {
            return interpret(br, p.data, p.off, p.len, p.keylen, p.entryOffsets, p.entries);
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
            checkFixedWidth(br, p.len, p.entries);
            int per = br.fixedLength();
            Values.decode(br.type(), p.data, p.off + from * per * br.type().width(), (to - from) * per, out, outPos);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw RootIOException.of(file.path(), where(treeName, br, bk), "basket content does not match a "
                    + br.typeName() + " branch", e);
        }
    }

    static boolean isFixedWidth(Branch br) {
        return (br.shape() == Shape.SCALAR || br.shape() == Shape.FIXED) && br.type() != null
                && br.type() != LeafType.STRING;
    }

    private static void checkFixedWidth(Branch br, int len, int n) {
        long count = (long) n * br.fixedLength();
        if (count * br.type().width() != len) {
            throw new IllegalArgumentException(n + " entries of " + br.fixedLength() + " x " + br.type().width()
                    + " bytes need " + (count * br.type().width()) + " bytes, the basket has " + len);
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
                int flag = h.i8();
                if (flag >= 80 && br.shape() != Shape.SCALAR && br.shape() != Shape.FIXED) {
                    throw RootIOException.of(file.path(), where(treeName, br, bk), "basket relies on generated "
                            + "entry offsets (TIOFeatures kGenerateOffsetMap), which this reader does not support");
                }
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
                                    int n) throws RootIOException {
        LeafType t = br.type();
        switch (br.shape()) {
            case SCALAR, FIXED -> {
                checkFixedWidth(br, len, n);
                int count = n * br.fixedLength();
                return new Column(br.name(), t, br.shape(), Values.decode(t, data, off, count), null,
                        br.fixedLength());
            }
            default -> {
                int[] starts = entryStarts(entryOffsets, n, keylen, len, br);
                return switch (br.shape()) {
                    case JAGGED -> jagged(br, data, off, len, starts, n);
                    case VECTOR -> vector(br, data, off, starts, n);
                    case STRING -> strings(br, data, off, starts, n);
                    default -> vectorOfStrings(br, data, off, starts, n);
                };
            }
        }
    }

    /** Entry start positions relative to the data, plus the end of the data as the last element. */
    private static int[] entryStarts(int[] entryOffsets, int n, int keylen, int len, Branch br) {
        if (entryOffsets == null || entryOffsets.length < n) {
            throw new IllegalArgumentException("a " + br.typeName() + " basket needs an entry offset table");
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
        int w = br.type().width();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int bytes = starts[i + 1] - starts[i];
            if (bytes % w != 0) {
                throw new IllegalArgumentException("entry " + i + " has " + bytes + " bytes, not a multiple of " + w);
            }
            offsets[i + 1] = offsets[i] + bytes / w;
        }
        Object values = Values.decode(br.type(), data, off + starts[0], offsets[n]);
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
