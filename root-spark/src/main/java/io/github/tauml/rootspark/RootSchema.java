package io.github.tauml.rootspark;

import io.github.tauml.rootio.RootFile;
import io.github.tauml.rootio.tree.Branch;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.TTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps ROOT branches to Spark columns. Every column is non-nullable and named after its branch.
 * <ul>
 *   <li>bool → boolean; int8 → byte; int16 → short; int32 → int; int64 → long; float32 → float; float64 → double;</li>
 *   <li>unsigned types widen so that every value fits: uint8 → short, uint16 → int, uint32 → long,
 *       uint64 → decimal(20,0);</li>
 *   <li>{@code /C}, {@code std::string}, {@code TString} → string;</li>
 *   <li>fixed arrays {@code x[3]/F} (flattened when multi-dimensional), jagged arrays {@code x[n]/F} and
 *       {@code vector<T>} → array&lt;T&gt;; {@code vector<string>} → array&lt;string&gt;;</li>
 *   <li>{@code vector<vector<T>>} of numbers (root-io's doubly-jagged
 *       {@link io.github.tauml.rootio.tree.Shape#VECTOR_VECTOR}) → array&lt;array&lt;T&gt;&gt;;</li>
 *   <li>{@code Double32_t} → double and {@code Float16_t} → float, with the values ROOT decodes from the stored
 *       (possibly truncated) numbers;</li>
 *   <li>each leaf of a leaf list ({@code x/D:y/I}) is a column of its own named {@code branch.leaf}, as root-io and
 *       ROOT's {@code TTree::Draw} name it; in Spark SQL such a name needs backticks ({@code `branch.leaf`}),
 *       since a bare dot selects a struct field. A second branch of the same name is {@code name#2}.</li>
 * </ul>
 * Every branch root-io reads as a column ({@link Branch#isSupported()}) has a mapping; the others (objects, other
 * nested STL containers such as maps and sets) have none.
 */
public final class RootSchema {
    private static final Logger LOG = LoggerFactory.getLogger(RootSchema.class);

    private RootSchema() {
    }

    /** The Spark type of a branch's values, or null when the branch cannot be mapped. */
    public static DataType typeOf(Branch b) {
        if (!b.isSupported()) {
            return null;
        }
        DataType element = elementType(b.type());
        return switch (b.shape()) {
            case SCALAR -> b.type() == LeafType.STRING ? DataTypes.StringType : element;
            case STRING -> DataTypes.StringType;
            case FIXED, JAGGED, VECTOR -> DataTypes.createArrayType(element, false);
            case VECTOR_VECTOR -> DataTypes.createArrayType(DataTypes.createArrayType(element, false), false);
            case VECTOR_STRING -> DataTypes.createArrayType(DataTypes.StringType, false);
        };
    }

    static DataType elementType(LeafType t) {
        return switch (t) {
            case BOOL -> DataTypes.BooleanType;
            case INT8 -> DataTypes.ByteType;
            case UINT8, INT16 -> DataTypes.ShortType;
            case UINT16, INT32 -> DataTypes.IntegerType;
            case UINT32, INT64 -> DataTypes.LongType;
            case UINT64 -> new DecimalType(20, 0);
            case FLOAT32 -> DataTypes.FloatType;
            case FLOAT64 -> DataTypes.DoubleType;
            case STRING -> DataTypes.StringType;
        };
    }

    /** Why a branch has no Spark type, for error messages. */
    static String unmappable(Branch b) {
        return "branch of type " + b.typeName() + " (" + b.leafClass()
                + (b.className().isEmpty() ? "" : ", class " + b.className())
                + ") has no Spark type: root-io cannot read it as a column";
    }

    /**
     * The schema of the tree in the first file: every mappable branch in tree order (unmappable ones are left out
     * and logged), or exactly the branches listed in the {@code branches} option.
     *
     * @throws IllegalArgumentException naming the file, tree and branch when a listed branch is missing or
     *                                  cannot be mapped
     */
    public static StructType infer(RootOptions options) {
        String first = options.files().get(0);
        try (RootFile f = RootFile.open(Path.of(first))) {
            TTree tree = f.tree(options.tree());
            List<StructField> fields = new ArrayList<>();
            if (options.branches().isEmpty()) {
                List<String> skipped = new ArrayList<>();
                for (Branch b : tree.branches()) {
                    DataType t = typeOf(b);
                    if (t == null) {
                        skipped.add(b.name() + " (" + b.typeName() + ")");
                    } else {
                        fields.add(DataTypes.createStructField(b.name(), t, false));
                    }
                }
                java.util.Map<String, String> lower = new java.util.HashMap<>();
                for (StructField field : fields) {
                    String other = lower.putIfAbsent(field.name().toLowerCase(java.util.Locale.ROOT), field.name());
                    if (other != null) {
                        LOG.warn("{}: tree '{}': branches '{}' and '{}' differ only in case; Spark resolves column"
                                + " names case-insensitively unless spark.sql.caseSensitive=true, so pick them with"
                                + " option(\"branches\", ...) or set that", first, options.tree(), other, field.name());
                    }
                }
                if (!skipped.isEmpty()) {
                    LOG.warn("{}: tree '{}': {} branch(es) have no Spark type and are left out of the schema: {}",
                            first, options.tree(), skipped.size(), String.join(", ", skipped));
                }
            } else {
                for (String name : options.branches()) {
                    Branch b = tree.branch(name);
                    DataType t = typeOf(b);
                    if (t == null) {
                        throw new IllegalArgumentException(first + ": tree '" + options.tree() + "', branch '" + name
                                + "': " + unmappable(b) + "; remove it from option 'branches'");
                    }
                    fields.add(DataTypes.createStructField(b.name(), t, false));
                }
            }
            return DataTypes.createStructType(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Checks that every column of {@code schema} is a branch of the tree in {@code file} with the same Spark type.
     *
     * @throws IllegalArgumentException naming the file, tree, branch and both types
     */
    static void check(TTree tree, String file, String treeName, StructType schema) throws IOException {
        for (StructField field : schema.fields()) {
            Branch b = tree.branch(field.name());
            DataType t = typeOf(b);
            if (t == null) {
                throw new IllegalArgumentException(file + ": tree '" + treeName + "', branch '" + field.name() + "': "
                        + unmappable(b) + "; leave it out of the schema");
            }
            if (!t.sameType(field.dataType())) {
                throw new IllegalArgumentException(file + ": tree '" + treeName + "', branch '" + field.name()
                        + "' (" + b.typeName() + ") reads as " + t.simpleString() + ", but the schema says "
                        + field.dataType().simpleString() + "; use " + t.simpleString() + " or read the files apart");
            }
        }
    }
}
