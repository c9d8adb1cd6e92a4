package io.github.tauml.rootspark;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
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
 * column reads value {@code rowId}; an array column hands out {@link ColumnarArray} slices of a child vector:
 * <ul>
 *   <li>fixed, jagged and vector columns ({@code array<T>}): entry i is values
 *       {@code [start(i), start(i) + size(i))} of a child over the flattened values ({@link Column#start},
 *       {@link Column#size});</li>
 *   <li>doubly-jagged columns ({@code vector<vector<T>>}, Spark {@code array<array<T>>}): entry i is lists
 *       {@code [offsets[i], offsets[i+1])} of a child whose list k is values {@code [inner[k], inner[k+1])} of a
 *       grandchild over the flattened values ({@link Column#offsets}, {@link Column#innerOffsets}).</li>
 * </ul>
 * Unsigned values are widened as {@link RootSchema} maps them. ROOT values are never null.
 */
final class RootColumnVector extends ColumnVector {
    private final LeafType leaf;
    private final Object values;
    /** Where each array starts and ends (entry i spans [offsets[i], offsets[i+1])), or null: fixed length. */
    private final int[] offsets;
    private final int fixedLength;
    private final RootColumnVector elements;

    private RootColumnVector(DataType type, LeafType leaf, Object values, int[] offsets, int fixedLength,
                             RootColumnVector elements) {
        super(type);
        this.leaf = leaf;
        this.values = values;
        this.offsets = offsets;
        this.fixedLength = fixedLength;
        this.elements = elements;
    }

    /**
     * A vector of Spark type {@code type} (from {@link RootSchema#typeOf}) over {@code c}.
     *
     * @throws IllegalArgumentException when {@code type} does not fit the column's shape
     */
    static RootColumnVector of(DataType type, Column c) {
        boolean nested = c.shape() == Shape.VECTOR_VECTOR;
        if (!(type instanceof ArrayType at)) {
            if (nested) {
                throw mismatch(type, c);
            }
            return new RootColumnVector(type, c.type(), c.values(), null, 1, null);
        }
        if (!nested) {
            RootColumnVector child = new RootColumnVector(at.elementType(), c.type(), c.values(), null, 1, null);
            return new RootColumnVector(type, c.type(), c.values(), c.offsets(), c.fixedLength(), child);
        }
        if (!(at.elementType() instanceof ArrayType inner)) {
            throw mismatch(type, c);
        }
        RootColumnVector values = new RootColumnVector(inner.elementType(), c.type(), c.values(), null, 1, null);
        RootColumnVector lists = new RootColumnVector(inner, c.type(), c.values(), c.innerOffsets(), 1, values);
        return new RootColumnVector(type, c.type(), c.values(), c.offsets(), 1, lists);
    }

    private static IllegalArgumentException mismatch(DataType type, Column c) {
        return new IllegalArgumentException("branch '" + c.name() + "': a " + c.shape() + " column of "
                + c.type().displayName() + " cannot be read as Spark type " + type.simpleString());
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
        if (offsets != null) {
            return new ColumnarArray(elements, offsets[rowId], offsets[rowId + 1] - offsets[rowId]);
        }
        return new ColumnarArray(elements, rowId * fixedLength, fixedLength);
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
