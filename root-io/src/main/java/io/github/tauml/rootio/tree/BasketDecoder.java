package io.github.tauml.rootio.tree;

import io.github.tauml.rootio.Key;
import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.RootIOException;
import io.github.tauml.rootio.compress.Codec;
import io.github.tauml.rootio.compress.CompressionException;
import io.github.tauml.rootio.io.RBuffer;
import java.io.IOException;

/** Turns one basket into a column: reads its record, decompresses it and interprets the bytes by branch shape. */
final class BasketDecoder {
    private static final int STL_HEADER = 10; // byte count (4), version (2), size (4)
    private static final ThreadLocal<Codec> CODEC = ThreadLocal.withInitial(Codec::new);

    private BasketDecoder() {
    }

    static Column decode(RootFile file, String treeName, Branch br, Basket bk) throws IOException {
        String where = "tree '" + treeName + "', branch '" + br.name() + "', basket " + bk.index() + " (entries "
                + bk.firstEntry() + ".." + (bk.endEntry() - 1) + ")";
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
            byte[] record = file.record(bk.seek(), bk.bytes(), where);
            RBuffer h = new RBuffer(record);
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
                    throw RootIOException.of(file.path(), where, "basket relies on generated entry offsets "
                            + "(TIOFeatures kGenerateOffsetMap), which this reader does not support");
                }
            } catch (RBuffer.BufferUnderrunException e) {
                throw RootIOException.of(file.path(), where, "corrupt basket key", e);
            }
            keylen = key.keylen();
            if (key.nbytes() != bk.bytes() || !"TBasket".equals(key.className())) {
                throw RootIOException.of(file.path(), where, "the record at byte " + bk.seek() + " is a "
                        + key.className() + " of " + key.nbytes() + " bytes, not the TBasket of " + bk.bytes()
                        + " bytes the branch points to");
            }
            if (last < keylen || last - keylen > key.objlen()) {
                throw RootIOException.of(file.path(), where, "basket header says its data ends at " + last
                        + " but it holds " + key.objlen() + " bytes after a " + keylen + "-byte key");
            }
            try {
                data = CODEC.get().decompress(record, keylen, record.length - keylen, key.objlen());
            } catch (CompressionException e) {
                throw RootIOException.of(file.path(), where, "cannot decompress", e);
            }
            dataOff = 0;
            dataLen = last - keylen;
            entryOffsets = null;
            if (key.objlen() > dataLen + 4) {
                RBuffer ob = new RBuffer(data, dataLen, data.length, 0);
                int n = ob.i32();
                if (n < 0 || (long) n * 4 > ob.remaining()) {
                    throw RootIOException.of(file.path(), where, "corrupt entry offset table (" + n + " entries)");
                }
                entryOffsets = new int[n];
                for (int i = 0; i < n; i++) {
                    entryOffsets[i] = ob.i32();
                }
            }
        }
        if (nevBuf != bk.entryCount()) {
            throw RootIOException.of(file.path(), where, "basket holds " + nevBuf + " entries but the branch "
                    + "index says " + bk.entryCount());
        }
        try {
            return interpret(br, data, dataOff, dataLen, keylen, entryOffsets, nevBuf);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw RootIOException.of(file.path(), where, "basket content does not match a " + br.typeName()
                    + " branch", e);
        }
    }

    private static Column interpret(Branch br, byte[] data, int off, int len, int keylen, int[] entryOffsets,
                                    int n) throws RootIOException {
        LeafType t = br.type();
        switch (br.shape()) {
            case SCALAR, FIXED -> {
                int count = n * br.fixedLength();
                if ((long) count * t.width() != len) {
                    throw new IllegalArgumentException(n + " entries of " + br.fixedLength() + " x " + t.width()
                            + " bytes need " + ((long) count * t.width()) + " bytes, the basket has " + len);
                }
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
