package io.github.tauml.rootspark;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The pushed filters, compiled: comparisons ({@code = <=> < <= > >=}, {@code IN}) of one scalar numeric or
 * boolean branch with literals, {@code IS NOT NULL} (every ROOT value is non-null), and AND / OR of those. It
 * decides, for a batch of entries, which entries can possibly pass; it never rejects an entry Spark would keep
 * (a NaN value passes every comparison here, since Spark orders NaN above every number), so Spark re-checking
 * the filters after the scan gives the exact result.
 */
final class EntryFilter implements Serializable {
    private final Node root;
    private final List<String> branches;

    private EntryFilter(Node root, List<String> branches) {
        this.root = root;
        this.branches = branches;
    }

    /** The compiled conjunction of {@code filters}, or null when there is none. */
    static EntryFilter of(Filter[] filters, StructType schema) {
        Node n = null;
        for (Filter f : filters) {
            Node c = compile(f, schema);
            if (c != null) {
                n = n == null ? c : new AndNode(n, c);
            }
        }
        if (n == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        n.branches(names);
        return new EntryFilter(n, List.copyOf(names));
    }

    /** Whether this filter can be evaluated in the reader. */
    static boolean supports(Filter f, StructType schema) {
        return compile(f, schema) != null;
    }

    /** The branches the filter reads. */
    List<String> branches() {
        return branches;
    }

    /** For entries 0..n-1 of the batch, whether each may pass. */
    boolean[] evaluate(Map<String, Column> columns, int n) {
        return root.eval(columns, n);
    }

    private static Node compile(Filter f, StructType schema) {
        if (f instanceof And a) {
            Node l = compile(a.left(), schema);
            Node r = compile(a.right(), schema);
            return l == null ? r : r == null ? l : new AndNode(l, r);
        }
        if (f instanceof Or o) {
            Node l = compile(o.left(), schema);
            Node r = compile(o.right(), schema);
            return l == null || r == null ? null : new OrNode(l, r);
        }
        if (f instanceof IsNotNull nn) {
            String branch = scalarBranch(nn.attribute(), schema);
            return branch != null ? new Cmp(branch, Op.ANY, 0, 0, false) : null;
        }
        if (f instanceof EqualTo e) {
            return cmp(e.attribute(), Op.EQ, e.value(), schema);
        }
        if (f instanceof EqualNullSafe e) {
            return cmp(e.attribute(), Op.EQ, e.value(), schema);
        }
        if (f instanceof GreaterThan g) {
            return cmp(g.attribute(), Op.GT, g.value(), schema);
        }
        if (f instanceof GreaterThanOrEqual g) {
            return cmp(g.attribute(), Op.GE, g.value(), schema);
        }
        if (f instanceof LessThan l) {
            return cmp(l.attribute(), Op.LT, l.value(), schema);
        }
        if (f instanceof LessThanOrEqual l) {
            return cmp(l.attribute(), Op.LE, l.value(), schema);
        }
        if (f instanceof In in) {
            if (scalarBranch(in.attribute(), schema) == null || in.values().length == 0) {
                return null;
            }
            Node any = null;
            for (Object v : in.values()) {
                Node eq = cmp(in.attribute(), Op.EQ, v, schema);
                if (eq == null) {
                    return null;
                }
                any = any == null ? eq : new OrNode(any, eq);
            }
            return any;
        }
        return null;
    }

    private static Node cmp(String attribute, Op op, Object value, StructType schema) {
        String branch = scalarBranch(attribute, schema);
        if (branch == null) {
            return null;
        }
        boolean longColumn = schema.apply(branch).dataType() instanceof LongType;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // Integer literals compare exactly with integer columns (int64 values beyond 2^53 included).
            long l = ((Number) value).longValue();
            return new Cmp(branch, op, l, l, true);
        }
        if (longColumn) {
            return null;
        }
        Double d = number(value);
        return d == null ? null : new Cmp(branch, op, d, 0, false);
    }

    /** A boolean or floating-point literal as a double. */
    private static Double number(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        return null;
    }

    /**
     * The scalar numeric or boolean branch a filter's attribute names, or null. Spark quotes a top-level column
     * whose name holds a dot (a leaf of a leaf list, {@code `leaflist.x`}), since a bare dot would select a
     * struct field; the quoted form is parsed back to the branch name. The schema has no structs, so a name with
     * several parts never names a branch.
     */
    private static String scalarBranch(String attribute, StructType schema) {
        String name = attribute;
        if (!hasField(name, schema)) {
            String[] parts;
            try {
                parts = Expressions.column(attribute).fieldNames();
            } catch (RuntimeException notAColumnPath) {
                return null;
            }
            if (parts.length != 1) {
                return null;
            }
            name = parts[0];
        }
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                DataType t = field.dataType();
                boolean scalar = t instanceof BooleanType || t instanceof ByteType || t instanceof ShortType
                        || t instanceof IntegerType || t instanceof LongType || t instanceof FloatType
                        || t instanceof DoubleType;
                return scalar ? name : null;
            }
        }
        return null;
    }

    private static boolean hasField(String name, StructType schema) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private enum Op { EQ, LT, LE, GT, GE, ANY }

    private interface Node extends Serializable {
        boolean[] eval(Map<String, Column> columns, int n);

        void branches(Set<String> out);
    }

    private record AndNode(Node left, Node right) implements Node {
        public boolean[] eval(Map<String, Column> columns, int n) {
            boolean[] a = left.eval(columns, n);
            boolean[] b = right.eval(columns, n);
            for (int i = 0; i < n; i++) {
                a[i] &= b[i];
            }
            return a;
        }

        public void branches(Set<String> out) {
            left.branches(out);
            right.branches(out);
        }
    }

    private record OrNode(Node left, Node right) implements Node {
        public boolean[] eval(Map<String, Column> columns, int n) {
            boolean[] a = left.eval(columns, n);
            boolean[] b = right.eval(columns, n);
            for (int i = 0; i < n; i++) {
                a[i] |= b[i];
            }
            return a;
        }

        public void branches(Set<String> out) {
            left.branches(out);
            right.branches(out);
        }
    }

    /**
     * {@code branch op literal}. Integer columns compare as longs with an integer literal ({@code integral},
     * {@code exact}), everything else as doubles.
     */
    private record Cmp(String branch, Op op, double value, long exact, boolean integral) implements Node {
        public boolean[] eval(Map<String, Column> columns, int n) {
            boolean[] m = new boolean[n];
            if (op == Op.ANY) {
                Arrays.fill(m, true);
                return m;
            }
            Column c = columns.get(branch);
            boolean floating = c.type() == LeafType.FLOAT32 || c.type() == LeafType.FLOAT64;
            if (!floating && integral) {
                for (int i = 0; i < n; i++) {
                    long v = c.getLong(i);
                    m[i] = switch (op) {
                        case EQ -> v == exact;
                        case LT -> v < exact;
                        case LE -> v <= exact;
                        case GT -> v > exact;
                        case GE -> v >= exact;
                        case ANY -> true;
                    };
                }
                return m;
            }
            for (int i = 0; i < n; i++) {
                double v = c.getDouble(i);
                m[i] = (floating && Double.isNaN(v)) || switch (op) {
                    case EQ -> v == value;
                    case LT -> v < value;
                    case LE -> v <= value;
                    case GT -> v > value;
                    case GE -> v >= value;
                    case ANY -> true;
                };
            }
            return m;
        }

        public void branches(Set<String> out) {
            out.add(branch);
        }
    }

    @Override
    public String toString() {
        return "EntryFilter" + branches;
    }
}
