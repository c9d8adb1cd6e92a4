package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an expression needs to know about a branch: the type of its values and how they are laid out per entry.
 *
 * @param type        the value type
 * @param shape       one value per entry, a fixed array, a counted array or a vector
 * @param fixedLength values per entry of a fixed array; values per counter unit of a counted one ({@code x[n][3]});
 *                    1 otherwise
 */
public record ColumnType(LeafType type, Shape shape, int fixedLength) {

    public ColumnType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shape, "shape");
        if (fixedLength < 1) {
            throw new IllegalArgumentException("fixedLength must be at least 1, got " + fixedLength);
        }
    }

    public static ColumnType scalar(LeafType type) {
        return new ColumnType(type, Shape.SCALAR, 1);
    }

    public static ColumnType fixed(LeafType type, int length) {
        return new ColumnType(type, Shape.FIXED, length);
    }

    /** A counted array such as {@code x[n]/F}: the counter is another branch; sizes come with the column. */
    public static ColumnType jagged(LeafType type) {
        return new ColumnType(type, Shape.JAGGED, 1);
    }

    public static ColumnType vector(LeafType type) {
        return new ColumnType(type, Shape.VECTOR, 1);
    }

    /** A {@code vector<vector<T>>} of numbers: a doubly-jagged column (entries to inner vectors to values). */
    public static ColumnType vectorVector(LeafType type) {
        return new ColumnType(type, Shape.VECTOR_VECTOR, 1);
    }

    /**
     * The column type of a branch root-io can read.
     *
     * @throws IllegalArgumentException for a branch whose layout root-io does not decode ({@link Branch#isSupported()})
     */
    public static ColumnType of(Branch branch) {
        if (!branch.isSupported()) {
            throw new IllegalArgumentException("branch '" + branch.name() + "' has type " + branch.typeName()
                    + ", which root-io does not decode");
        }
        return new ColumnType(branch.type(), branch.shape(), branch.fixedLength());
    }

    /** The schema of a tree for {@link Expression#compile}: every branch root-io can read, in the tree's order. */
    public static Map<String, ColumnType> schemaOf(Collection<Branch> branches) {
        Map<String, ColumnType> schema = new LinkedHashMap<>();
        for (Branch b : branches) {
            if (b.isSupported()) {
                schema.put(b.name(), of(b));
            }
        }
        return schema;
    }

    /** Whether an entry holds several values, reached with {@code x[i]}. */
    public boolean isArray() {
        return shape == Shape.FIXED || shape == Shape.JAGGED || shape == Shape.VECTOR;
    }

    /** A C++-like description for messages: {@code float}, {@code float[3]}, {@code float[]}, {@code vector<float>}. */
    public String describe() {
        String t = CTypes.name(type);
        return switch (shape) {
            case SCALAR -> t;
            case FIXED -> t + "[" + fixedLength + "]";
            case JAGGED -> t + "[]" + (fixedLength > 1 ? "[" + fixedLength + "]" : "");
            case VECTOR -> "vector<" + t + ">";
            case VECTOR_VECTOR -> "vector<vector<" + t + ">>";
            case STRING -> "string";
            case VECTOR_STRING -> "vector<string>";
        };
    }
}
