package io.github.tauml.pipeline.spark;

import io.github.tauml.pipeline.dataset.Skim.PartBatch;
import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selected batches of one skim part as bytes, from a Spark task to the driver: per batch the entries read and
 * passing, then per column its name, type, shape, fixed length, offsets and values as primitive arrays (big-endian,
 * bulk copies). Exact: a column decodes to the values it was encoded from, bit for bit (NaN payloads included).
 */
final class BatchCodec {
    private static final int MAGIC = 0x534B494D; // "SKIM"

    private BatchCodec() {
    }

    static byte[] encode(List<PartBatch> batches) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(batches.size());
            for (PartBatch b : batches) {
                out.writeLong(b.read());
                out.writeInt(b.passing());
                Map<String, Column> cols = b.columns();
                out.writeInt(cols == null ? -1 : cols.size());
                if (cols == null) {
                    continue;
                }
                for (Map.Entry<String, Column> e : cols.entrySet()) {
                    Column c = e.getValue();
                    out.writeUTF(e.getKey());
                    out.writeUTF(c.name());
                    out.writeByte(c.type().ordinal());
                    out.writeByte(c.shape().ordinal());
                    out.writeInt(c.fixedLength());
                    ints(out, c.offsets());
                    ints(out, c.shape() == Shape.VECTOR_VECTOR ? c.innerOffsets() : null);
                    values(out, c.type(), c.values());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<PartBatch> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalStateException("not a skim part: the task result does not start with the codec's "
                        + "magic number (driver and executors run different versions of pipeline-spark?)");
            }
            int n = in.readInt();
            List<PartBatch> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long read = in.readLong();
                int passing = in.readInt();
                int columns = in.readInt();
                if (columns < 0) {
                    out.add(new PartBatch(read, passing, null));
                    continue;
                }
                Map<String, Column> cols = new LinkedHashMap<>();
                for (int k = 0; k < columns; k++) {
                    String key = in.readUTF();
                    String name = in.readUTF();
                    LeafType type = LeafType.values()[in.readUnsignedByte()];
                    Shape shape = Shape.values()[in.readUnsignedByte()];
                    int fixed = in.readInt();
                    int[] offsets = ints(in);
                    int[] inner = ints(in);
                    Object values = values(in, type);
                    cols.put(key, shape == Shape.VECTOR_VECTOR
                            ? Column.doublyJagged(name, type, values, offsets, inner)
                            : new Column(name, type, shape, values, offsets, fixed));
                }
                out.add(new PartBatch(read, passing, cols));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ints(DataOutputStream out, int[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a != null) {
            ByteBuffer b = ByteBuffer.allocate(4 * a.length);
            b.asIntBuffer().put(a);
            out.write(b.array());
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        int[] a = new int[n];
        ByteBuffer.wrap(in.readNBytes(4 * n)).asIntBuffer().get(a);
        return a;
    }

    private static void values(DataOutputStream out, LeafType type, Object v) throws IOException {
        switch (type) {
            case BOOL -> {
                boolean[] a = (boolean[]) v;
                out.writeInt(a.length);
                byte[] b = new byte[a.length];
                for (int i = 0; i < a.length; i++) {
                    b[i] = (byte) (a[i] ? 1 : 0);
                }
                out.write(b);
            }
            case INT8, UINT8 -> {
                byte[] a = (byte[]) v;
                out.writeInt(a.length);
                out.write(a);
            }
            case INT16, UINT16 -> {
                short[] a = (short[]) v;
                out.writeInt(a.length);
                ByteBuffer b = ByteBuffer.allocate(2 * a.length);
                b.asShortBuffer().put(a);
                out.write(b.array());
            }
            case INT32, UINT32 -> ints(out, (int[]) v);
            case INT64, UINT64 -> {
                long[] a = (long[]) v;
                out.writeInt(a.length);
                ByteBuffer b = ByteBuffer.allocate(8 * a.length);
                b.asLongBuffer().put(a);
                out.write(b.array());
            }
            case FLOAT32 -> {
                float[] a = (float[]) v;
                out.writeInt(a.length);
                ByteBuffer b = ByteBuffer.allocate(4 * a.length);
                for (float f : a) {
                    b.putInt(Float.floatToRawIntBits(f));
                }
                out.write(b.array());
            }
            case FLOAT64 -> {
                double[] a = (double[]) v;
                out.writeInt(a.length);
                ByteBuffer b = ByteBuffer.allocate(8 * a.length);
                for (double d : a) {
                    b.putLong(Double.doubleToRawLongBits(d));
                }
                out.write(b.array());
            }
            case STRING -> {
                String[] a = (String[]) v;
                out.writeInt(a.length);
                for (String s : a) {
                    byte[] u = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(u.length);
                    out.write(u);
                }
            }
        }
    }

    private static Object values(DataInputStream in, LeafType type) throws IOException {
        int n = in.readInt();
        return switch (type) {
            case BOOL -> {
                byte[] b = in.readNBytes(n);
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b[i] != 0;
                }
                yield a;
            }
            case INT8, UINT8 -> in.readNBytes(n);
            case INT16, UINT16 -> {
                short[] a = new short[n];
                ByteBuffer.wrap(in.readNBytes(2 * n)).asShortBuffer().get(a);
                yield a;
            }
            case INT32, UINT32 -> {
                int[] a = new int[n];
                ByteBuffer.wrap(in.readNBytes(4 * n)).asIntBuffer().get(a);
                yield a;
            }
            case INT64, UINT64 -> {
                long[] a = new long[n];
                ByteBuffer.wrap(in.readNBytes(8 * n)).asLongBuffer().get(a);
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                ByteBuffer b = ByteBuffer.wrap(in.readNBytes(4 * n));
                for (int i = 0; i < n; i++) {
                    a[i] = Float.intBitsToFloat(b.getInt());
                }
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                ByteBuffer b = ByteBuffer.wrap(in.readNBytes(8 * n));
                for (int i = 0; i < n; i++) {
                    a[i] = Double.longBitsToDouble(b.getLong());
                }
                yield a;
            }
            case STRING -> {
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = new String(in.readNBytes(in.readInt()), java.nio.charset.StandardCharsets.UTF_8);
                }
                yield a;
            }
        };
    }
}
