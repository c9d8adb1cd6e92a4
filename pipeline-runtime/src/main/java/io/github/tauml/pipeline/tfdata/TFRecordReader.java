package io.github.tauml.pipeline.tfdata;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * Reads a TFRecord file written by {@link TFRecordWriter} or by TensorFlow, verifying the masked CRC-32C of every
 * length field and every payload. A corrupt or truncated file fails with an {@link IOException} naming the file,
 * the record number and the byte offset (in the uncompressed stream).
 */
public final class TFRecordReader implements AutoCloseable {
    /** Records larger than this are refused before allocation (a corrupt length field). */
    static final long MAX_RECORD = 1L << 30;

    private final Path file;
    private final InputStream in;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long record;
    private long offset;

    private TFRecordReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens {@code file}; {@code gzip} when it is one gzip stream (the {@code .tfrecord.gz} shards). */
    public static TFRecordReader open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (gzip) {
            raw = new GZIPInputStream(raw, 1 << 16);
        }
        return new TFRecordReader(file, raw);
    }

    /** The next record's payload, or {@code null} at the end of the file. */
    public byte[] next() throws IOException {
        int got = readFully(header, 12, true);
        if (got == 0) {
            return null;
        }
        long len = TFRecordReader.getLongLE(header, 0);
        crc.reset();
        crc.update(header, 0, 8);
        if (TFRecordWriter.mask((int) crc.getValue()) != getIntLE(header, 8)) {
            throw corrupt("the length field's CRC-32C does not match");
        }
        if (len < 0 || len > MAX_RECORD) {
            throw corrupt("record length " + len + " is out of range");
        }
        byte[] data = new byte[(int) len];
        readFully(data, data.length, false);
        readFully(footer, 4, false);
        crc.reset();
        crc.update(data, 0, data.length);
        if (TFRecordWriter.mask((int) crc.getValue()) != getIntLE(footer, 0)) {
            throw corrupt("the data CRC-32C does not match");
        }
        record++;
        offset += 16 + len;
        return data;
    }

    /** Records read so far. */
    public long records() {
        return record;
    }

    private int readFully(byte[] b, int len, boolean atBoundary) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, n, len - n);
            if (r < 0) {
                if (n == 0 && atBoundary) {
                    return 0;
                }
                throw new EOFException(file + ": truncated TFRecord at record " + record + " (byte " + offset + ")");
            }
            n += r;
        }
        return n;
    }

    private IOException corrupt(String what) {
        return new IOException(file + ": corrupt TFRecord at record " + record + " (byte " + offset + "): " + what);
    }

    static long getLongLE(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    static int getIntLE(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
