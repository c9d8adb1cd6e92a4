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
