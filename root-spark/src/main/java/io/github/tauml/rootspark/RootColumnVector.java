package io.github.tauml.rootspark;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A read-only Spark column over one root-io {@link Column}, without copying its primitive array. A scalar
 * column reads value {@code rowId}; an array column hands out {@link ColumnarArray} slices of a child vector over
 * the flattened values ({@link Column#start}, {@link Column#size}). Unsigned values are widened as
 * {@link RootSchema} maps them. ROOT values are never null.
 */
final class RootColumnVector extends ColumnVector {
    private final LeafType leaf;
    private final Object values;
    private final Column column;
    private final RootColumnVector elements;

    private RootColumnVector(DataType type, LeafType leaf, Object values, Column column, RootColumnVector elements) {
        super(type);
        this.leaf = leaf;
        this.values = values;
        this.column = column;
        this.elements = elements;
    }

    /** A vector of Spark type {@code type} (from {@link RootSchema#typeOf}) over {@code c}. */
    static RootColumnVector of(DataType type, Column c) {
        if (type instanceof ArrayType at) {
            RootColumnVector child = new RootColumnVector(at.elementType(), c.type(), c.values(), null, null);
            return new RootColumnVector(type, c.type(), c.values(), c, child);
        }
        return new RootColumnVector(type, c.type(), c.values(), null, null);
    }

    @Override
    public void close() {
    }

    @Override
    public boolean hasNull() {
        return false;
    }

    @Override
    public int numNulls() {
        return 0;
    }

    @Override
    public boolean isNullAt(int rowId) {
        return false;
    }

    @Override
    public boolean getBoolean(int rowId) {
        return ((boolean[]) values)[rowId];
    }

    @Override
    public byte getByte(int rowId) {
        return ((byte[]) values)[rowId];
    }

    @Override
    public short getShort(int rowId) {
        return leaf == LeafType.UINT8 ? (short) (((byte[]) values)[rowId] & 0xFF) : ((short[]) values)[rowId];
    }

    @Override
    public int getInt(int rowId) {
        return leaf == LeafType.UINT16 ? ((short[]) values)[rowId] & 0xFFFF : ((int[]) values)[rowId];
    }

    @Override
    public long getLong(int rowId) {
        return leaf == LeafType.UINT32 ? ((int[]) values)[rowId] & 0xFFFFFFFFL : ((long[]) values)[rowId];
    }

    @Override
    public float getFloat(int rowId) {
        return ((float[]) values)[rowId];
    }

    @Override
    public double getDouble(int rowId) {
        return ((double[]) values)[rowId];
    }

    @Override
    public ColumnarArray getArray(int rowId) {
        return new ColumnarArray(elements, column.start(rowId), column.size(rowId));
    }

    @Override
    public ColumnarMap getMap(int ordinal) {
        throw new UnsupportedOperationException("ROOT columns hold no maps");
    }

    @Override
    public Decimal getDecimal(int rowId, int precision, int scale) {
        long bits = ((long[]) values)[rowId];
        BigInteger unsigned = bits >= 0 ? BigInteger.valueOf(bits)
                : BigInteger.valueOf(bits & Long.MAX_VALUE).setBit(63);
        return Decimal.apply(new BigDecimal(unsigned), precision, scale);
    }

    @Override
    public UTF8String getUTF8String(int rowId) {
        String s = ((String[]) values)[rowId];
        return UTF8String.fromString(s);
    }

    @Override
    public byte[] getBinary(int rowId) {
        throw new UnsupportedOperationException("ROOT columns hold no binary values");
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        throw new UnsupportedOperationException("ROOT columns hold no structs");
    }
}
