package io.github.tauml.rootio.compress;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * ROOT's compressed-record framing: a record is a sequence of chunks, each a 9-byte header (two-letter algorithm
 * tag, a method byte, compressed and uncompressed sizes as 3-byte little-endian numbers) and a block of that
 * algorithm. A record that would not shrink is stored raw, which readers recognise by objlen == stored length.
 * Instances are not thread-safe (they reuse inflaters); use one per thread.
 */
public final class Codec {
    /** ROOT never puts more than this into one chunk (3-byte size fields). */
    public static final int MAX_CHUNK = 0xFFFFFF;
    private static final int HEADER = 9;
    private static final int LZ4_CHECKSUM = 8;

    private final Inflater inflater = new Inflater();
    private final Lz4Decompressor lz4 = new Lz4Decompressor();
    private final ZstdDecompressor zstd = new ZstdDecompressor();

    /**
     * Decompresses {@code src[off, off+len)} into exactly {@code objlen} bytes. Raw records (len == objlen) are
     * copied. Every size is checked against the header, so a corrupt record fails here, not later.
     */
    public byte[] decompress(byte[] src, int off, int len, int objlen) throws CompressionException {
        if (objlen < 0) {
            throw new CompressionException("negative uncompressed size " + objlen);
        }
        if (len == objlen) {
            return Arrays.copyOfRange(src, off, off + len);
        }
        checkChunkSizes(src, off, len, objlen);
        byte[] out = new byte[objlen];
        decompressChunks(src, off, len, out, 0, objlen);
        return out;
    }

    /**
     * As {@link #decompress(byte[], int, int, int)}, into {@code dst[dstOff, dstOff+objlen)}: readers that decode
     * the bytes right away reuse one buffer instead of allocating one per record.
     *
     * @throws IllegalArgumentException when {@code dst} has no room for {@code objlen} bytes at {@code dstOff}
     */
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int objlen)
            throws CompressionException {
        if (objlen < 0) {
            throw new CompressionException("negative uncompressed size " + objlen);
        }
        if (dstOff < 0 || objlen > dst.length - dstOff) {
            throw new IllegalArgumentException("no room for " + objlen + " bytes at " + dstOff + " in a buffer of "
                    + dst.length);
        }
        if (len == objlen) {
            System.arraycopy(src, off, dst, dstOff, len);
            return;
        }
        checkChunkSizes(src, off, len, objlen);
        decompressChunks(src, off, len, dst, dstOff, objlen);
    }

    /**
     * Checks that the chunk headers of {@code src[off, off+len)} add up to {@code objlen} uncompressed bytes, without
     * decompressing: a reader calls it before growing a buffer to a size that a corrupt key may claim.
     */
    public static void checkSizes(byte[] src, int off, int len, int objlen) throws CompressionException {
        if (objlen < 0) {
            throw new CompressionException("negative uncompressed size " + objlen);
        }
        if (len != objlen) {
            checkChunkSizes(src, off, len, objlen);
        }
    }

    /** The chunk loop; the sizes were checked by {@link #checkChunkSizes}. */
    private void decompressChunks(byte[] src, int off, int len, byte[] out, int outOff, int objlen)
            throws CompressionException {
        int in = off;
        int end = off + len;
        int outPos = 0;
        while (outPos < objlen) {
            if (in + HEADER > end) {
                throw new CompressionException("record ends after " + outPos + " of " + objlen
                        + " uncompressed bytes, inside a chunk header");
            }
            int csize = le24(src, in + 3);
            int usize = le24(src, in + 6);
            int block = in + HEADER;
            if (block + csize > end) {
                throw new CompressionException("chunk '" + tag(src, in) + "' claims " + csize + " compressed bytes "
                        + "but only " + (end - block) + " remain in the record");
            }
            if (usize > objlen - outPos) {
                throw new CompressionException("chunk '" + tag(src, in) + "' claims " + usize + " uncompressed bytes "
                        + "but the record has room for " + (objlen - outPos) + " more (objlen " + objlen + ")");
            }
            int a = src[in] & 0xFF;
            int b = src[in + 1] & 0xFF;
            int got;
            if (a == 'Z' && b == 'L') {
                got = inflate(src, block, csize, out, outOff + outPos, usize);
            } else if (a == 'L' && b == '4') {
                got = unlz4(src, block, csize, out, outOff + outPos, usize);
            } else if (a == 'Z' && b == 'S') {
                got = unzstd(src, block, csize, out, outOff + outPos, usize);
            } else if (a == 'X' && b == 'Z') {
                got = unxz(src, block, csize, out, outOff + outPos, usize);
            } else if (a == 'C' && b == 'S') {
                throw new CompressionException(
                        "chunk uses ROOT's pre-5.x 'CS' algorithm, which this reader does not support");
            } else {
                throw new CompressionException(String.format(
                        "unknown compression tag 0x%02x%02x at chunk offset %d", src[in], src[in + 1], in - off));
            }
            if (got != usize) {
                throw new CompressionException("chunk '" + tag(src, in) + "' decompressed to " + got + " bytes but "
                        + "its header says " + usize);
            }
            outPos += usize;
            in = block + csize;
        }
    }

    private static String tag(byte[] src, int in) {
        return new String(new char[] {(char) (src[in] & 0xFF), (char) (src[in + 1] & 0xFF)});
    }

    /**
     * Walks the chunk headers before anything is allocated: a corrupt size in a key header must not make us
     * allocate gigabytes or read past the record.
     */
    private static void checkChunkSizes(byte[] src, int off, int len, int objlen) throws CompressionException {
        long total = 0;
        int in = off;
        int end = off + len;
        while (in < end) {
            if (in + HEADER > end) {
                throw new CompressionException("record has " + (end - in) + " trailing bytes after its last chunk");
            }
            int csize = le24(src, in + 3);
            total += le24(src, in + 6);
            in += HEADER + csize;
        }
        if (in != end || total != objlen) {
            throw new CompressionException("chunk headers add up to " + total + " uncompressed bytes in "
                    + (in - off) + " stored bytes, but the key says " + objlen + " in " + len);
        }
    }

    private int inflate(byte[] src, int off, int len, byte[] out, int outOff, int usize) throws CompressionException {
        inflater.reset();
        inflater.setInput(src, off, len);
        try {
            int n = 0;
            while (n < usize) {
                int k = inflater.inflate(out, outOff + n, usize - n);
                if (k == 0) {
                    break; // finished early, starved of input or wants a dictionary: the caller reports the size
                }
                n += k;
            }
            return n;
        } catch (DataFormatException e) {
            throw new CompressionException("corrupt zlib stream", e);
        }
    }

    private static int unxz(byte[] src, int off, int len, byte[] out, int outOff, int usize)
            throws CompressionException {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(src, off, len))) {
            int n = in.readNBytes(out, outOff, usize);
            if (n == usize && in.read() != -1) {
                throw new CompressionException("xz stream holds more than the " + usize + " bytes its header says");
            }
            return n;
        } catch (IOException e) {
            throw new CompressionException("corrupt xz stream", e);
        }
    }

    private int unlz4(byte[] src, int off, int len, byte[] out, int outOff, int usize) throws CompressionException {
        if (len < LZ4_CHECKSUM) {
            throw new CompressionException("lz4 chunk shorter than its checksum");
        }
        long stored = 0;
        for (int i = 0; i < LZ4_CHECKSUM; i++) {
            stored = (stored << 8) | (src[off + i] & 0xFF);
        }
        long actual = XxHash64.hash(src, off + LZ4_CHECKSUM, len - LZ4_CHECKSUM);
        if (stored != actual) {
            throw new CompressionException(String.format("lz4 checksum mismatch: stored %016x, computed %016x",
                    stored, actual));
        }
        try {
            return lz4.decompress(src, off + LZ4_CHECKSUM, len - LZ4_CHECKSUM, out, outOff, usize);
        } catch (MalformedInputException | IndexOutOfBoundsException e) {
            throw new CompressionException("corrupt lz4 block", e);
        }
    }

    private int unzstd(byte[] src, int off, int len, byte[] out, int outOff, int usize) throws CompressionException {
        try {
            return zstd.decompress(src, off, len, out, outOff, usize);
        } catch (MalformedInputException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new CompressionException("corrupt zstd frame", e);
        }
    }

    /**
     * Compresses a record as ROOT does: chunks of at most {@link #MAX_CHUNK} bytes. Returns {@code null} when the
     * result would not be smaller than the input, in which case the caller stores the record raw.
     */
    public static byte[] compress(byte[] src, int off, int len, Compression algorithm, int level) {
        if (algorithm == Compression.NONE || level <= 0 || len == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
        for (int p = off; p < off + len; p += MAX_CHUNK) {
            int n = Math.min(MAX_CHUNK, off + len - p);
            byte[] block = switch (algorithm) {
                case ZLIB -> deflate(src, p, n, level);
                case LZMA -> xz(src, p, n, level);
                case LZ4 -> lz4(src, p, n);
                case ZSTD -> zstd(src, p, n);
                case NONE -> throw new AssertionError();
            };
            if (block.length > MAX_CHUNK) {
                return null;
            }
            out.write(algorithm.tag().charAt(0));
            out.write(algorithm.tag().charAt(1));
            out.write(methodByte(algorithm));
            writeLe24(out, block.length);
            writeLe24(out, n);
            out.write(block, 0, block.length);
            if (out.size() >= len) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static int methodByte(Compression algorithm) {
        return switch (algorithm) {
            case ZLIB -> Deflater.DEFLATED;
            case LZ4, ZSTD -> 1;
            default -> 0;
        };
    }

    private static byte[] deflate(byte[] src, int off, int len, int level) {
        Deflater d = new Deflater(Math.min(level, 9));
        try {
            d.setInput(src, off, len);
            d.finish();
            byte[] buf = new byte[len + len / 100 + 64];
            int n = 0;
            while (!d.finished()) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                n += d.deflate(buf, n, buf.length - n);
            }
            return Arrays.copyOf(buf, n);
        } finally {
            d.end();
        }
    }

    private static byte[] xz(byte[] src, int off, int len, int level) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream(len / 2 + 64);
            LZMA2Options options = new LZMA2Options(Math.min(level, 9));
            // A dictionary larger than the input compresses no better; the presets' 8 MiB would be allocated for
            // every (often 32 kB) record.
            options.setDictSize(Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(options.getDictSize(), len)));
            try (XZOutputStream xz = new XZOutputStream(bos, options, XZ.CHECK_CRC32)) {
                xz.write(src, off, len);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("xz compression failed in memory", e);
        }
    }

    private static byte[] lz4(byte[] src, int off, int len) {
        Lz4Compressor c = new Lz4Compressor();
        byte[] buf = new byte[LZ4_CHECKSUM + c.maxCompressedLength(len)];
        int n = c.compress(src, off, len, buf, LZ4_CHECKSUM, buf.length - LZ4_CHECKSUM);
        long h = XxHash64.hash(buf, LZ4_CHECKSUM, n);
        for (int i = 0; i < LZ4_CHECKSUM; i++) {
            buf[i] = (byte) (h >>> (56 - 8 * i));
        }
        return Arrays.copyOf(buf, LZ4_CHECKSUM + n);
    }

    private static byte[] zstd(byte[] src, int off, int len) {
        ZstdCompressor c = new ZstdCompressor();
        byte[] buf = new byte[c.maxCompressedLength(len)];
        int n = c.compress(src, off, len, buf, 0, buf.length);
        return Arrays.copyOf(buf, n);
    }

    private static int le24(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16;
    }

    private static void writeLe24(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
    }
}
