package io.github.tauml.rootio.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A growable big-endian write buffer with ROOT's TBufferFile conventions: byte counts, versions and the tag maps
 * that let a pointer refer back to an object or class already written in the same record. {@code origin} is the
 * record position of the buffer's first byte (the key length for an object record): tags are record positions.
 */
final class WBuffer {
    private static final int BYTE_COUNT = 0x40000000;
    private static final int CLASS_TAG = 0x80000000;
    private static final int NEW_CLASS = 0xFFFFFFFF;
    private static final int MAP_OFFSET = 2;
    private static final VarHandle SHORT = handle(short[].class);
    private static final VarHandle INT = handle(int[].class);
    private static final VarHandle LONG = handle(long[].class);
    private static final VarHandle FLOAT = handle(float[].class);
    private static final VarHandle DOUBLE = handle(double[].class);

    private final int origin;
    private byte[] buf;
    private int pos;
    private final Map<Object, Integer> objectTags = new IdentityHashMap<>();
    private final Map<String, Integer> classTags = new HashMap<>();

    WBuffer(int origin, int capacity) {
        this.origin = origin;
        this.buf = new byte[Math.max(16, capacity)];
    }

    private static VarHandle handle(Class<?> arrayClass) {
        return MethodHandles.byteArrayViewVarHandle(arrayClass, ByteOrder.BIG_ENDIAN);
    }

    int size() {
        return pos;
    }

    /** The record position of the next byte (what ROOT stores in entry offsets and tags). */
    int recordPosition() {
        return origin + pos;
    }

    byte[] array() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    void reset() {
        pos = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) pos + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a single ROOT record cannot exceed 2 GB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    WBuffer i8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    WBuffer bool(boolean v) {
        return i8(v ? 1 : 0);
    }

    WBuffer i16(int v) {
        ensure(2);
        SHORT.set(buf, pos, (short) v);
        pos += 2;
        return this;
    }

    WBuffer i32(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    WBuffer i64(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
        return this;
    }

    WBuffer f32(float v) {
        ensure(4);
        FLOAT.set(buf, pos, v);
        pos += 4;
        return this;
    }

    WBuffer f64(double v) {
        ensure(8);
        DOUBLE.set(buf, pos, v);
        pos += 8;
        return this;
    }

    WBuffer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Primitive values {@code [from, to)} of a Java array, as ROOT stores them (booleans as one byte). */
    void values(Object array, int from, int to) {
        int n = to - from;
        if (array instanceof boolean[] a) {
            ensure(n);
            for (int i = from; i < to; i++) {
                buf[pos++] = (byte) (a[i] ? 1 : 0);
            }
        } else if (array instanceof byte[] a) {
            bytes(a, from, n);
        } else if (array instanceof short[] a) {
            ensure(2 * n);
            for (int i = from; i < to; i++, pos += 2) {
                SHORT.set(buf, pos, a[i]);
            }
        } else if (array instanceof int[] a) {
            ensure(4 * n);
            for (int i = from; i < to; i++, pos += 4) {
                INT.set(buf, pos, a[i]);
            }
        } else if (array instanceof long[] a) {
            ensure(8 * n);
            for (int i = from; i < to; i++, pos += 8) {
                LONG.set(buf, pos, a[i]);
            }
        } else if (array instanceof float[] a) {
            ensure(4 * n);
            for (int i = from; i < to; i++, pos += 4) {
                FLOAT.set(buf, pos, a[i]);
            }
        } else if (array instanceof double[] a) {
            ensure(8 * n);
            for (int i = from; i < to; i++, pos += 8) {
                DOUBLE.set(buf, pos, a[i]);
            }
        } else {
            throw new IllegalArgumentException("not a primitive array: " + array.getClass());
        }
    }

    /** A TString: one length byte, or 255 and a 4-byte length, then the bytes (Latin-1, as ROOT's char). */
    WBuffer tstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length < 255) {
            i8(b.length);
        } else {
            i8(255).i32(b.length);
        }
        return bytes(b, 0, b.length);
    }

    private void cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        bytes(b, 0, b.length).i8(0);
    }

    /** Starts an object with a byte count and a version; pass the returned mark to {@link #endObject}. */
    int startObject(int version) {
        int mark = pos;
        i32(0).i16(version);
        return mark;
    }

    /** Patches the byte count reserved at {@code mark} to cover everything written since. */
    void endObject(int mark) {
        INT.set(buf, mark, BYTE_COUNT | (pos - mark - 4));
    }

    /** TObject's own streamer: version 1 without byte count, unique id, bits. */
    void tobject(int bits) {
        i16(1).i32(0).i32(bits);
    }

    /** A TNamed base: byte count, version 1, TObject, name and title. */
    void tnamed(int bits, String name, String title) {
        int mark = startObject(1);
        tobject(bits);
        tstring(name).tstring(title);
        endObject(mark);
    }

    /**
     * A pointer member (TBufferFile::WriteObjectAny): 0 for null, the tag of an object already in this record, or a
     * byte count, the class (new or by tag) and the object written by {@code body}. {@code identity} is compared by
     * reference, as ROOT compares addresses.
     */
    void objectAny(Object identity, String className, Consumer<WBuffer> body) {
        if (identity == null) {
            i32(0);
            return;
        }
        Integer tag = objectTags.get(identity);
        if (tag != null) {
            i32(tag);
            return;
        }
        int mark = pos;
        i32(0);
        Integer classTag = classTags.get(className);
        if (classTag != null) {
            i32(CLASS_TAG | classTag);
        } else {
            classTags.put(className, recordPosition() + MAP_OFFSET);
            i32(NEW_CLASS);
            cstring(className);
        }
        objectTags.put(identity, origin + mark + MAP_OFFSET);
        body.accept(this);
        endObject(mark);
    }
}
