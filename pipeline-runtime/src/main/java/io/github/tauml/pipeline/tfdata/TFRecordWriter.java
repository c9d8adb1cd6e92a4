package io.github.tauml.pipeline.tfdata;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a TFRecord file as TensorFlow's {@code TFRecordWriter} does: per record a little-endian uint64 length, the
 * masked CRC-32C of those 8 bytes, the payload, and the masked CRC-32C of the payload. With {@code gzip} the whole
 * file is one gzip stream, which {@code tf.data.TFRecordDataset(..., compression_type="GZIP")} reads. The gzip header
 * carries no time stamp, so the bytes depend only on the records.
 */
public final class TFRecordWriter implements AutoCloseable {
    private static final int MASK_DELTA = 0xa282ead8;

    private final OutputStream out;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long records;
    private long bytes;

    private TFRecordWriter(OutputStream out) {
        this.out = out;
    }

    /** Creates (or replaces) {@code file}; {@code gzip} wraps the file in one gzip stream. */
    public static TFRecordWriter create(Path file, boolean gzip) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (gzip) {
            raw = new GZIPOutputStream(raw, 1 << 16) {
                {
                    def.setLevel(Deflater.DEFAULT_COMPRESSION);
                }
            };
        }
        return new TFRecordWriter(raw);
    }

    /** TensorFlow's masked CRC-32C ({@code crc32c::Mask}): rotate right by 15 bits and add a constant. */
    public static int maskedCrc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return mask((int) c.getValue());
    }

    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** Appends one record holding {@code data[off, off + len)}. */
    public void write(byte[] data, int off, int len) throws IOException {
        putLongLE(header, 0, len);
        crc.reset();
        crc.update(header, 0, 8);
        putIntLE(header, 8, mask((int) crc.getValue()));
        out.write(header);
        out.write(data, off, len);
        crc.reset();
        crc.update(data, off, len);
        putIntLE(footer, 0, mask((int) crc.getValue()));
        out.write(footer);
        records++;
        bytes += 16L + len;
    }

    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** Uncompressed bytes written so far (framing included). */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void putLongLE(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putIntLE(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
