package io.github.tauml.rootio.tree;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The values of one branch over a range of entries, as one primitive array: {@code boolean[]}, {@code byte[]},
 * {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]}, {@code double[]} or {@code String[]} by
 * {@link LeafType}. Unsigned types keep their bits in the signed Java type of the same width. Entries with
 * several values are flattened: fixed arrays use {@link #fixedLength()}, variable ones {@link #offsets()}
 * (entry i spans {@code [offsets[i], offsets[i+1])}).
 * <p>
 * A doubly-jagged column ({@link Shape#VECTOR_VECTOR}, ROOT's {@code vector<vector<T>>}) has two offset arrays:
 * {@link #offsets()} maps entries to inner lists (entry i holds lists {@code [offsets[i], offsets[i+1])}, so
 * {@link #size(int)} is ROOT's {@code x.size()}), and {@link #innerOffsets()} maps lists to values (list k spans
 * values {@code [inner[k], inner[k+1])}); {@code x[i][j]} of entry e is
 * {@code values[inner[offsets[e] + i] + j]}.
 */
public final class Column {
    private final String name;
    private final LeafType type;
    private final Shape shape;
    private final Object values;
    private final int[] offsets;
    private final int[] inner;
    private final int fixedLength;
    private final int entries;

    public Column(String name, LeafType type, Shape shape, Object values, int[] offsets, int fixedLength) {
        this(name, type, shape, values, offsets, null, fixedLength);
    }

    /**
     * A doubly-jagged column ({@code vector<vector<T>>}): {@code outer} maps entries to inner lists, {@code inner}
     * lists to values.
     *
     * @throws IllegalArgumentException if the offsets do not cover the lists and values exactly
     */
    public static Column doublyJagged(String name, LeafType type, Object values, int[] outer, int[] inner) {
        return new Column(name, type, Shape.VECTOR_VECTOR, values, outer, inner, 1);
    }

    private Column(String name, LeafType type, Shape shape, Object values, int[] offsets, int[] inner,
                   int fixedLength) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.values = values;
        this.offsets = offsets;
        this.inner = inner;
        this.fixedLength = Math.max(1, fixedLength);
        int n = Array.getLength(values);
        if (inner != null) {
            if (offsets == null) {
                throw new IllegalArgumentException(name + ": a doubly-jagged column needs outer offsets");
            }
            this.entries = offsets.length - 1;
            if (offsets[0] != 0 || offsets[entries] != inner.length - 1 || inner[0] != 0
                    || inner[inner.length - 1] != n) {
                throw new IllegalArgumentException(name + ": outer offsets [" + offsets[0] + ".." + offsets[entries]
                        + "] and inner offsets [" + inner[0] + ".." + inner[inner.length - 1] + "] do not cover "
                        + (inner.length - 1) + " lists of " + n + " values");
            }
        } else if (offsets != null) {
            this.entries = offsets.length - 1;
            if (offsets[0] != 0 || offsets[entries] != n) {
                throw new IllegalArgumentException(name + ": offsets [" + offsets[0] + ".." + offsets[entries]
                        + "] do not cover " + n + " values");
            }
        } else {
            if (n % this.fixedLength != 0) {
                throw new IllegalArgumentException(name + ": " + n + " values are not a multiple of " + fixedLength);
            }
            this.entries = n / this.fixedLength;
        }
    }

    public String name() {
        return name;
    }

    public LeafType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    /** The primitive array of all values, flattened. */
    public Object values() {
        return values;
    }

    /** Entry boundaries for jagged, vector and vector-of-string columns; null otherwise. */
    public int[] offsets() {
        return offsets;
    }

    /** List boundaries of a doubly-jagged column (list k spans values {@code [inner[k], inner[k+1])}); else null. */
    public int[] innerOffsets() {
        return inner;
    }

    public int fixedLength() {
        return fixedLength;
    }

    public boolean isJagged() {
        return offsets != null;
    }

    public int entries() {
        return entries;
    }

    public int valueCount() {
        return Array.getLength(values);
    }

    public int start(int entry) {
        return offsets != null ? offsets[entry] : entry * fixedLength;
    }

    public int size(int entry) {
        return offsets != null ? offsets[entry + 1] - offsets[entry] : fixedLength;
    }

    /** The i-th flattened value as a double (unsigned types read as unsigned, booleans as 0/1); NaN for strings. */
    public double getDouble(int i) {
        return switch (type) {
            case BOOL -> ((boolean[]) values)[i] ? 1 : 0;
            case INT8 -> ((byte[]) values)[i];
            case UINT8 -> ((byte[]) values)[i] & 0xFF;
            case INT16 -> ((short[]) values)[i];
            case UINT16 -> ((short[]) values)[i] & 0xFFFF;
            case INT32 -> ((int[]) values)[i];
            case UINT32 -> ((int[]) values)[i] & 0xFFFFFFFFL;
            case INT64 -> ((long[]) values)[i];
            case UINT64 -> unsignedToDouble(((long[]) values)[i]);
            case FLOAT32 -> ((float[]) values)[i];
            case FLOAT64 -> ((double[]) values)[i];
            case STRING -> Double.NaN;
        };
    }

    /** The i-th flattened value as an exact long, for integer and boolean types. */
    public long getLong(int i) {
        return switch (type) {
            case BOOL -> ((boolean[]) values)[i] ? 1 : 0;
            case INT8 -> ((byte[]) values)[i];
            case UINT8 -> ((byte[]) values)[i] & 0xFF;
            case INT16 -> ((short[]) values)[i];
            case UINT16 -> ((short[]) values)[i] & 0xFFFF;
            case INT32 -> ((int[]) values)[i];
            case UINT32 -> ((int[]) values)[i] & 0xFFFFFFFFL;
            case INT64, UINT64 -> ((long[]) values)[i];
            case FLOAT32 -> (long) ((float[]) values)[i];
            case FLOAT64 -> (long) ((double[]) values)[i];
            case STRING -> throw new IllegalStateException(name + " holds strings");
        };
    }

    public String getString(int i) {
        return ((String[]) values)[i];
    }

    /** Entries [from, to) as a new column. */
    public Column slice(int from, int to) {
        if (inner != null) {
            int la = offsets[from];
            int lb = offsets[to];
            int[] o = new int[to - from + 1];
            for (int i = 0; i <= to - from; i++) {
                o[i] = offsets[from + i] - la;
            }
            int[] in = new int[lb - la + 1];
            for (int k = 0; k <= lb - la; k++) {
                in[k] = inner[la + k] - inner[la];
            }
            return doublyJagged(name, type, copyRange(values, inner[la], inner[lb]), o, in);
        }
        int a = start(from);
        int b = to == entries ? valueCount() : start(to);
        Object v = copyRange(values, a, b);
        int[] o = null;
        if (offsets != null) {
            o = new int[to - from + 1];
            for (int i = 0; i <= to - from; i++) {
                o[i] = offsets[from + i] - a;
            }
        }
        return new Column(name, type, shape, v, o, fixedLength);
    }

    /**
     * The entries whose mask value is true, in order (a selection applied to this column). Scalar columns are
     * gathered value by value; the others copy each run of consecutive kept entries at once.
     */
    public Column select(boolean[] mask) {
        if (mask.length != entries) {
            throw new IllegalArgumentException(name + ": mask of " + mask.length + " for " + entries + " entries");
        }
        int kept = 0;
        for (boolean m : mask) {
            kept += m ? 1 : 0;
        }
        if (kept == entries) {
            return this;
        }
        if (inner != null) {
            java.util.List<Column> parts = new java.util.ArrayList<>();
            for (int i = 0; i < entries; i++) {
                if (mask[i]) {
                    int j = i;
                    while (j < entries && mask[j]) {
                        j++;
                    }
                    parts.add(slice(i, j));
                    i = j;
                }
            }
            return parts.isEmpty() ? slice(0, 0) : concat(name, type, shape, fixedLength, parts);
        }
        if (offsets == null && fixedLength == 1) {
            return new Column(name, type, shape, gather(values, mask, kept), null, 1);
        }
        int[] o = offsets == null ? null : new int[kept + 1];
        int keptValues = 0;
        for (int i = 0; i < entries; i++) {
            if (mask[i]) {
                keptValues += size(i);
            }
        }
        Object out = newArray(type, keptValues);
        int pos = 0;
        int e = 0;
        int i = 0;
        while (i < entries) {
            if (!mask[i]) {
                i++;
                continue;
            }
            int runStart = i;
            while (i < entries && mask[i]) {
                if (o != null) {
                    o[++e] = pos + offsets[i + 1] - offsets[runStart];
                }
                i++;
            }
            int from = start(runStart);
            int n = (i == entries ? valueCount() : start(i)) - from;
            System.arraycopy(values, from, out, pos, n);
            pos += n;
        }
        return new Column(name, type, shape, out, o, fixedLength);
    }

    /** values[i] for every i whose mask is set, into a new array of {@code kept} values. */
    private static Object gather(Object values, boolean[] mask, int kept) {
        int k = 0;
        int n = mask.length;
        if (values instanceof float[] a) {
            float[] out = new float[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof int[] a) {
            int[] out = new int[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof double[] a) {
            double[] out = new double[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof long[] a) {
            long[] out = new long[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof short[] a) {
            short[] out = new short[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof byte[] a) {
            byte[] out = new byte[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        } else if (values instanceof boolean[] a) {
            boolean[] out = new boolean[kept];
            for (int i = 0; i < n; i++) {
                if (mask[i]) {
                    out[k++] = a[i];
                }
            }
            return out;
        }
        Object[] a = (Object[]) values;
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), kept);
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                out[k++] = a[i];
            }
        }
        return out;
    }

    static Object copyRange(Object array, int from, int to) {
        if (array instanceof boolean[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof byte[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof short[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof int[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof long[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof float[] a) {
            return Arrays.copyOfRange(a, from, to);
        } else if (array instanceof double[] a) {
            return Arrays.copyOfRange(a, from, to);
        }
        return Arrays.copyOfRange((Object[]) array, from, to);
    }

    /** Joins pieces of the same branch, in entry order, into one column. */
    public static Column concat(String name, LeafType type, Shape shape, int fixedLength, java.util.List<Column> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (shape == Shape.VECTOR_VECTOR) {
            return concatDoublyJagged(name, type, parts);
        }
        int total = 0;
        int entries = 0;
        for (Column c : parts) {
            total += c.valueCount();
            entries += c.entries();
        }
        Object out = newArray(type, total);
        int[] offsets = shape == Shape.JAGGED || shape == Shape.VECTOR || shape == Shape.VECTOR_STRING
                ? new int[entries + 1] : null;
        int pos = 0;
        int e = 0;
        for (Column c : parts) {
            System.arraycopy(c.values(), 0, out, pos, c.valueCount());
            if (offsets != null) {
                for (int i = 0; i < c.entries(); i++) {
                    offsets[e + i + 1] = pos + c.offsets[i + 1];
                }
            }
            pos += c.valueCount();
            e += c.entries();
        }
        return new Column(name, type, shape, out, offsets, fixedLength);
    }

    private static Column concatDoublyJagged(String name, LeafType type, java.util.List<Column> parts) {
        int values = 0;
        int lists = 0;
        int entries = 0;
        for (Column c : parts) {
            values += c.valueCount();
            lists += c.inner.length - 1;
            entries += c.entries();
        }
        Object out = newArray(type, values);
        int[] outer = new int[entries + 1];
        int[] in = new int[lists + 1];
        int v = 0;
        int l = 0;
        int e = 0;
        for (Column c : parts) {
            System.arraycopy(c.values, 0, out, v, c.valueCount());
            for (int i = 1; i <= c.entries(); i++) {
                outer[e + i] = l + c.offsets[i];
            }
            for (int k = 1; k < c.inner.length; k++) {
                in[l + k] = v + c.inner[k];
            }
            v += c.valueCount();
            l += c.inner.length - 1;
            e += c.entries();
        }
        return doublyJagged(name, type, out, outer, in);
    }

    /** A zeroed primitive array of {@code n} values of the Java type that holds {@code type}. */
    public static Object newArray(LeafType type, int n) {
        return switch (type) {
            case BOOL -> new boolean[n];
            case INT8, UINT8 -> new byte[n];
            case INT16, UINT16 -> new short[n];
            case INT32, UINT32 -> new int[n];
            case INT64, UINT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case STRING -> new String[n];
        };
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    @Override
    public String toString() {
        return name + " (" + type.displayName() + ", " + shape + ", " + entries + " entries)";
    }
}
