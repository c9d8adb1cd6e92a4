package io.github.tauml.pipeline.tfdata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Serializes one {@code tf.train.Example} ({@code org.tensorflow.proto.Example}) straight into protobuf wire format,
 * without building message objects: {@code Example{features=1: Features{feature=1: map<string, Feature>}}}, with
 * {@code Feature.float_list=2} and {@code Feature.int64_list=3}, values packed. Map entries are written in ascending
 * key order, so equal contents give equal bytes. Reusable: {@link #clear()} and refill for the next record.
 */
public final class ExampleWriter {
    private record Entry(byte[] key, boolean floats, float[] f, long[] l, int len) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private byte[] buf = new byte[1 << 12];
    private int pos;

    /** Starts a new record. */
    public void clear() {
        entries.clear();
    }

    /** Adds a FloatList feature holding {@code values[0, len)} (the array is read at {@link #toBytes()}). */
    public ExampleWriter floats(String key, float[] values, int len) {
        entries.add(new Entry(key.getBytes(StandardCharsets.UTF_8), true, values, null, len));
        return this;
    }

    public ExampleWriter floats(String key, float... values) {
        return floats(key, values, values.length);
    }

    /** Adds an Int64List feature holding {@code values[0, len)}. */
    public ExampleWriter int64s(String key, long[] values, int len) {
        entries.add(new Entry(key.getBytes(StandardCharsets.UTF_8), false, null, values, len));
        return this;
    }

    public ExampleWriter int64s(String key, long... values) {
        return int64s(key, values, values.length);
    }

    /** The serialized Example. */
    public byte[] toBytes() {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, Comparator.comparing(Entry::key, Arrays::compareUnsigned));
        int[] listLen = new int[sorted.length];
        int[] featureLen = new int[sorted.length];
        int[] entryLen = new int[sorted.length];
        long featuresLen = 0;
        for (int i = 0; i < sorted.length; i++) {
            Entry e = sorted[i];
            int payload;
            if (e.floats) {
                payload = 4 * e.len;
            } else {
                payload = 0;
                for (int j = 0; j < e.len; j++) {
                    payload += varintSize(e.l[j]);
                }
            }
            listLen[i] = e.len == 0 ? 0 : 1 + varintSize(payload) + payload;
            featureLen[i] = 1 + varintSize(listLen[i]) + listLen[i];
            entryLen[i] = 1 + varintSize(e.key.length) + e.key.length + 1 + varintSize(featureLen[i]) + featureLen[i];
            featuresLen += 1 + varintSize(entryLen[i]) + entryLen[i];
        }
        long total = 1 + varintSize(featuresLen) + featuresLen;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("Example too large: " + total + " bytes");
        }
        ensure((int) total);
        pos = 0;
        put(0x0A);
        varint(featuresLen);
        for (int i = 0; i < sorted.length; i++) {
            Entry e = sorted[i];
            put(0x0A);
            varint(entryLen[i]);
            put(0x0A);
            varint(e.key.length);
            System.arraycopy(e.key, 0, buf, pos, e.key.length);
            pos += e.key.length;
            put(0x12);
            varint(featureLen[i]);
            put(e.floats ? 0x12 : 0x1A);
            varint(listLen[i]);
            if (e.len > 0) {
                put(0x0A);
                if (e.floats) {
                    varint(4L * e.len);
                    for (int j = 0; j < e.len; j++) {
                        int bits = Float.floatToRawIntBits(e.f[j]);
                        buf[pos++] = (byte) bits;
                        buf[pos++] = (byte) (bits >>> 8);
                        buf[pos++] = (byte) (bits >>> 16);
                        buf[pos++] = (byte) (bits >>> 24);
                    }
                } else {
                    int payload = 0;
                    for (int j = 0; j < e.len; j++) {
                        payload += varintSize(e.l[j]);
                    }
                    varint(payload);
                    for (int j = 0; j < e.len; j++) {
                        varint(e.l[j]);
                    }
                }
            }
        }
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int n) {
        if (buf.length < n) {
            buf = new byte[Math.max(n, buf.length * 2)];
        }
    }

    private void put(int b) {
        buf[pos++] = (byte) b;
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }
}
