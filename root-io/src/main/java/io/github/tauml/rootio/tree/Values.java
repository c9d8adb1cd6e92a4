package io.github.tauml.rootio.tree;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Big-endian bulk decoding of basket bytes into primitive arrays. */
final class Values {
    private Values() {
    }

    /** Decodes {@code count} values of {@code type} from {@code b[off..]} into {@code out} at {@code outPos}. */
    static void decode(LeafType type, byte[] b, int off, int count, Object out, int outPos) {
        ByteBuffer bb = ByteBuffer.wrap(b, off, count * type.width()).order(ByteOrder.BIG_ENDIAN);
        switch (type) {
            case BOOL -> {
                boolean[] a = (boolean[]) out;
                for (int i = 0; i < count; i++) {
                    a[outPos + i] = b[off + i] != 0;
                }
            }
            case INT8, UINT8 -> System.arraycopy(b, off, out, outPos, count);
            case INT16, UINT16 -> bb.asShortBuffer().get((short[]) out, outPos, count);
            case INT32, UINT32 -> bb.asIntBuffer().get((int[]) out, outPos, count);
            case INT64, UINT64 -> bb.asLongBuffer().get((long[]) out, outPos, count);
            case FLOAT32 -> bb.asFloatBuffer().get((float[]) out, outPos, count);
            case FLOAT64 -> bb.asDoubleBuffer().get((double[]) out, outPos, count);
            case STRING -> throw new IllegalArgumentException("strings are not fixed-width");
        }
    }

    /**
     * {@code entries} groups of {@code per} values, group e starting at {@code b[off + e * stride]} (one leaf of a
     * leaf list, whose entries interleave with the other leaves'), into {@code out} from {@code outPos}.
     */
    static void decodeStrided(LeafType type, byte[] b, int off, int stride, int entries, int per, Object out,
                              int outPos) {
        int w = type.width();
        if (off < 0 || entries > 0 && (long) off + (long) (entries - 1) * stride + (long) per * w > b.length) {
            throw new IndexOutOfBoundsException("leaf values run past the end of the basket");
        }
        if (per == 1) {
            // One value per entry (the common leaf): the type switch stays outside the loop.
            switch (type) {
                case BOOL -> {
                    boolean[] a = (boolean[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = b[p] != 0;
                    }
                }
                case INT8, UINT8 -> {
                    byte[] a = (byte[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = b[p];
                    }
                }
                case INT16, UINT16 -> {
                    short[] a = (short[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
                    }
                }
                case INT32, UINT32 -> {
                    int[] a = (int[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = RBufferInts.i32(b, p);
                    }
                }
                case INT64, UINT64 -> {
                    long[] a = (long[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = RBufferInts.i64(b, p);
                    }
                }
                case FLOAT32 -> {
                    float[] a = (float[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = Float.intBitsToFloat(RBufferInts.i32(b, p));
                    }
                }
                case FLOAT64 -> {
                    double[] a = (double[]) out;
                    for (int e = 0, p = off; e < entries; e++, p += stride) {
                        a[outPos + e] = Double.longBitsToDouble(RBufferInts.i64(b, p));
                    }
                }
                case STRING -> throw new IllegalArgumentException("strings are not fixed-width");
            }
            return;
        }
        for (int e = 0; e < entries; e++) {
            decodeDirect(type, b, off + e * stride, per, out, outPos + e * per);
        }
    }

    /**
     * {@code count} big-endian values without a ByteBuffer: cheaper than {@link #decode} for the few values of one
     * inner vector or one array leaf.
     */
    static void decodeDirect(LeafType type, byte[] b, int off, int count, Object out, int outPos) {
        if (off < 0 || (long) off + (long) count * type.width() > b.length) {
            throw new IndexOutOfBoundsException("values run past the end of the basket");
        }
        switch (type) {
            case BOOL -> {
                boolean[] a = (boolean[]) out;
                for (int k = 0; k < count; k++) {
                    a[outPos + k] = b[off + k] != 0;
                }
            }
            case INT8, UINT8 -> System.arraycopy(b, off, out, outPos, count);
            case INT16, UINT16 -> {
                short[] a = (short[]) out;
                for (int k = 0, p = off; k < count; k++, p += 2) {
                    a[outPos + k] = (short) (((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF));
                }
            }
            case INT32, UINT32 -> {
                int[] a = (int[]) out;
                for (int k = 0, p = off; k < count; k++, p += 4) {
                    a[outPos + k] = RBufferInts.i32(b, p);
                }
            }
            case INT64, UINT64 -> {
                long[] a = (long[]) out;
                for (int k = 0, p = off; k < count; k++, p += 8) {
                    a[outPos + k] = RBufferInts.i64(b, p);
                }
            }
            case FLOAT32 -> {
                float[] a = (float[]) out;
                for (int k = 0, p = off; k < count; k++, p += 4) {
                    a[outPos + k] = Float.intBitsToFloat(RBufferInts.i32(b, p));
                }
            }
            case FLOAT64 -> {
                double[] a = (double[]) out;
                for (int k = 0, p = off; k < count; k++, p += 8) {
                    a[outPos + k] = Double.longBitsToDouble(RBufferInts.i64(b, p));
                }
            }
            case STRING -> throw new IllegalArgumentException("strings are not fixed-width");
        }
    }

    /** Big-endian integer reads from a byte array. */
    private static final class RBufferInts {
        static int i32(byte[] b, int p) {
            return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
        }

        static long i64(byte[] b, int p) {
            return ((long) i32(b, p) << 32) | (i32(b, p + 4) & 0xFFFFFFFFL);
        }
    }

    static Object decode(LeafType type, byte[] b, int off, int count) {
        Object out = Column.newArray(type, count);
        decode(type, b, off, count, out, 0);
        return out;
    }

    /** A string as ROOT streams it: one length byte, or 255 and a 4-byte length, then the characters. */
    static String string(byte[] b, int[] pos, int end) {
        int p = pos[0];
        if (p >= end) {
            throw new IndexOutOfBoundsException("string length byte past the end of the entry");
        }
        int n = b[p++] & 0xFF;
        if (n == 255) {
            if (p + 4 > end) {
                throw new IndexOutOfBoundsException("string length past the end of the entry");
            }
            n = ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
            p += 4;
        }
        if (n < 0 || p + n > end) {
            throw new IndexOutOfBoundsException("string of " + n + " bytes runs past the end of the entry");
        }
        pos[0] = p + n;
        return new String(b, p, n, StandardCharsets.UTF_8);
    }
}
