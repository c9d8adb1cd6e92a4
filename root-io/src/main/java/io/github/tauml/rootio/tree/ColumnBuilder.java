package io.github.tauml.rootio.tree;

import java.util.Arrays;

/**
 * Grows one column value by value (for generators and computed columns). For jagged and vector shapes call
 * {@link #endEntry()} after each entry's values; scalar columns count one entry per value.
 */
public final class ColumnBuilder {
    private final String name;
    private final LeafType type;
    private final Shape shape;
    private final int fixedLength;
    private Object values;
    private int size;
    private int[] offsets;
    private int entries;

    public ColumnBuilder(String name, LeafType type, Shape shape, int fixedLength, int capacity) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.fixedLength = Math.max(1, fixedLength);
        this.values = Column.newArray(type, Math.max(16, capacity));
        if (hasOffsets(shape)) {
            offsets = new int[Math.max(16, capacity) + 1];
        }
    }

    public static ColumnBuilder scalar(String name, LeafType type, int capacity) {
        return new ColumnBuilder(name, type, Shape.SCALAR, 1, capacity);
    }

    public static ColumnBuilder vector(String name, LeafType type, int capacity) {
        return new ColumnBuilder(name, type, Shape.VECTOR, 1, capacity);
    }

    private static boolean hasOffsets(Shape s) {
        return s == Shape.JAGGED || s == Shape.VECTOR || s == Shape.VECTOR_STRING;
    }

    public String name() {
        return name;
    }

    private void grow() {
        int n = java.lang.reflect.Array.getLength(values);
        if (size == n) {
            Object bigger = Column.newArray(type, n * 2);
            System.arraycopy(values, 0, bigger, 0, size);
            values = bigger;
        }
    }

    public ColumnBuilder add(double v) {
        grow();
        switch (type) {
            case FLOAT32 -> ((float[]) values)[size] = (float) v;
            case FLOAT64 -> ((double[]) values)[size] = v;
            case BOOL -> ((boolean[]) values)[size] = v != 0;
            default -> {
                return add((long) v);
            }
        }
        size++;
        return this;
    }

    public ColumnBuilder add(long v) {
        grow();
        switch (type) {
            case BOOL -> ((boolean[]) values)[size] = v != 0;
            case INT8, UINT8 -> ((byte[]) values)[size] = (byte) v;
            case INT16, UINT16 -> ((short[]) values)[size] = (short) v;
            case INT32, UINT32 -> ((int[]) values)[size] = (int) v;
            case INT64, UINT64 -> ((long[]) values)[size] = v;
            case FLOAT32 -> ((float[]) values)[size] = v;
            case FLOAT64 -> ((double[]) values)[size] = v;
            case STRING -> throw new IllegalStateException(name + " holds strings");
        }
        size++;
        return this;
    }

    public ColumnBuilder add(int v) {
        return add((long) v);
    }

    public ColumnBuilder add(boolean v) {
        return add(v ? 1L : 0L);
    }

    public ColumnBuilder add(String v) {
        grow();
        ((String[]) values)[size++] = v;
        return this;
    }

    /** Closes the current entry of a jagged or vector column. */
    public ColumnBuilder endEntry() {
        if (offsets == null) {
            throw new IllegalStateException(name + " is not a jagged column");
        }
        if (entries + 1 == offsets.length - 1) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[++entries] = size;
        return this;
    }

    public int entries() {
        return offsets != null ? entries : size / fixedLength;
    }

    public Column build() {
        Object v = Column.copyRange(values, 0, size);
        int[] o = offsets == null ? null : Arrays.copyOf(offsets, entries + 1);
        return new Column(name, type, shape, v, o, fixedLength);
    }
}
