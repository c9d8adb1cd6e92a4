package io.github.tauml.rootio.write;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded test data: a tree with one branch per (primitive type, shape) and the whole columns, which tests cut into
 * batches. Jagged branches count with the int branch "n".
 */
final class TestColumns {
    static final String COUNTER = "n";
    static final int FIXED = 3;

    final List<BranchSpec> specs = new ArrayList<>();
    final Map<String, Column> columns = new LinkedHashMap<>();
    final int entries;

    private TestColumns(int entries) {
        this.entries = entries;
    }

    /**
     * Every primitive type in every shape, plus the counter. {@code fullRange}: 64-bit values use all 64 bits;
     * otherwise they stay within what jsroot, which reads them as doubles, reads exactly.
     */
    static TestColumns allTypes(int entries, long seed, boolean fullRange) {
        Random r = new Random(seed);
        TestColumns t = new TestColumns(entries);
        int[] counts = new int[entries];
        for (int i = 0; i < entries; i++) {
            counts[i] = r.nextInt(5);
        }
        t.add(BranchSpec.scalar(COUNTER, LeafType.INT32), counts, null);
        int[] countOffsets = offsets(counts);
        int[] tripleOffsets = new int[entries + 1];
        for (int i = 0; i <= entries; i++) {
            tripleOffsets[i] = FIXED * countOffsets[i];
        }
        // x[n][3]: three values per counter unit.
        t.add(new BranchSpec("float32_jagged_x3", LeafType.FLOAT32, Shape.JAGGED, FIXED, COUNTER),
                values(LeafType.FLOAT32, tripleOffsets[entries], r, fullRange), tripleOffsets);
        for (LeafType type : LeafType.values()) {
            if (type == LeafType.STRING) {
                continue;
            }
            String base = type.displayName();
            t.add(BranchSpec.scalar(base, type), values(type, entries, r, fullRange), null);
            t.add(BranchSpec.fixed(base + "_fixed", type, FIXED), values(type, entries * FIXED, r, fullRange), null);
            t.add(BranchSpec.jagged(base + "_jagged", type, COUNTER), values(type, countOffsets[entries], r, fullRange),
                    countOffsets);
            int[] sizes = new int[entries];
            for (int i = 0; i < entries; i++) {
                sizes[i] = r.nextInt(6);
            }
            int[] vectorOffsets = offsets(sizes);
            t.add(BranchSpec.vector(base + "_vector", type), values(type, vectorOffsets[entries], r, fullRange), vectorOffsets);
        }
        return t;
    }

    void add(BranchSpec spec, Object values, int[] offsets) {
        specs.add(spec);
        // As the reader gives it: values per entry (fixed) or per counter unit (jagged x[n][3]).
        columns.put(spec.name(), new Column(spec.name(), spec.type(), spec.shape(), values, offsets,
                spec.fixedLength()));
    }

    /** Entries [from, to) of every column. */
    Map<String, Column> batch(int from, int to) {
        Map<String, Column> out = new LinkedHashMap<>();
        columns.forEach((name, c) -> out.put(name, c.slice(from, to)));
        return out;
    }

    static int[] offsets(int[] sizes) {
        int[] o = new int[sizes.length + 1];
        for (int i = 0; i < sizes.length; i++) {
            o[i + 1] = o[i] + sizes[i];
        }
        return o;
    }

    /** Values spread over each type's range (bits, for unsigned types); floats are finite. */
    static Object values(LeafType type, int n, Random r, boolean fullRange) {
        switch (type) {
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextBoolean();
                }
                return a;
            }
            case INT8, UINT8 -> {
                byte[] a = new byte[n];
                r.nextBytes(a);
                return a;
            }
            case INT16, UINT16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (short) (i == 0 ? Short.MIN_VALUE : r.nextInt());
                }
                return a;
            }
            case INT32, UINT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = i == 0 ? Integer.MIN_VALUE : r.nextInt();
                }
                return a;
            }
            case INT64, UINT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    long v = r.nextLong();
                    if (fullRange) {
                        a[i] = i == 0 ? Long.MIN_VALUE : v;
                    } else {
                        // jsroot 7.11.2 reads 64-bit integers as doubles and gets negative ones below -2^31 wrong
                        // (off by 2^32), so negatives stay within int range.
                        a[i] = type == LeafType.INT64 && i % 2 == 1 ? r.nextInt() : v >>> 12;
                    }
                }
                return a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) (r.nextGaussian() * 100);
                }
                return a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextGaussian() * 1e6;
                }
                return a;
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }
}
