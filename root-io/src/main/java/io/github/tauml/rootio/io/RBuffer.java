package io.github.tauml.rootio.io;

import java.nio.charset.StandardCharsets;

/**
 * A big-endian read cursor over a byte array, as ROOT's TBufferFile sees it. {@code origin} is the position that
 * the buffer's first byte had in the record it came from: object and class references are offsets from the start
 * of the key record, so a payload read after the key header starts at origin = keylen.
 */
public final class RBuffer {
    private final byte[] data;
    private final int start;
    private final int end;
    private final int origin;
    private int pos;

    public RBuffer(byte[] data) {
        this(data, 0, data.length, 0);
    }

    public RBuffer(byte[] data, int start, int end, int origin) {
        if (start < 0 || end > data.length || start > end) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ") of " + data.length);
        }
        this.data = data;
        this.start = start;
        this.end = end;
        this.origin = origin;
        this.pos = start;
    }

    public byte[] array() {
        return data;
    }

    /** Position relative to the start of the record (what ROOT stores in references and entry offsets). */
    public int recordPosition() {
        return pos - start + origin;
    }

    public void seekRecord(int recordPosition) {
        int p = recordPosition - origin + start;
        if (p < start || p > end) {
            throw new BufferUnderrunException("seek to " + recordPosition + " outside the record [" + origin + ", "
                    + (origin + end - start) + "]");
        }
        pos = p;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        if (p < start || p > end) {
            throw new BufferUnderrunException("position " + p + " outside [" + start + ", " + end + "]");
        }
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    public int limit() {
        return end;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) {
            throw new BufferUnderrunException("need " + n + " bytes at record position " + recordPosition()
                    + " but only " + (end - pos) + " remain");
        }
    }

    public byte i8() {
        need(1);
        return data[pos++];
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    public boolean bool() {
        return i8() != 0;
    }

    public short i16() {
        need(2);
        short v = (short) (((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF));
        pos += 2;
        return v;
    }

    public int i32() {
        need(4);
        int v = getInt(data, pos);
        pos += 4;
        return v;
    }

    public long i64() {
        need(8);
        long v = ((long) getInt(data, pos) << 32) | (getInt(data, pos + 4) & 0xFFFFFFFFL);
        pos += 8;
        return v;
    }

    public float f32() {
        return Float.intBitsToFloat(i32());
    }

    public double f64() {
        return Double.longBitsToDouble(i64());
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A TString: one length byte, or 255 followed by a 4-byte length. */
    public String tstring() {
        int n = u8();
        if (n == 255) {
            n = i32();
        }
        need(n);
        String s = new String(data, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    /** A NUL-terminated string (class names after a new-class tag). */
    public String cstring() {
        int p = pos;
        while (p < end && data[p] != 0) {
            p++;
        }
        if (p >= end) {
            throw new BufferUnderrunException("unterminated string at record position " + recordPosition());
        }
        String s = new String(data, pos, p - pos, StandardCharsets.ISO_8859_1);
        pos = p + 1;
        return s;
    }

    public static int getInt(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    /** Thrown when a record is shorter than its contents claim: always a corrupt or truncated file. */
    public static final class BufferUnderrunException extends RuntimeException {
        public BufferUnderrunException(String message) {
            super(message);
        }
    }
}
