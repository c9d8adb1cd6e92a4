package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import io.github.tauml.rootio.tree.Shape;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A variable of a conformance case, written as a C++ declaration: {@code float x = 1.5}, {@code int a[3] = {1, 2,
 * 3}} (fixed array), {@code float j[] = {1, 2}} (counted array, a vector in C++), {@code vector<short> v = {1}} or
 * {@code vector<vector<float>> x = {{1, 2}, {}, {3}}} (a doubly-jagged column).
 * Values are decimal numbers, {@code nan}, {@code inf}, {@code -inf}, {@code true} or {@code false}.
 */
record Declaration(String cType, String name, Shape shape, int length, List<String> values,
                   List<Integer> innerSizes) {
    private static final Pattern FORM = Pattern.compile(
            "(?:vector<(?<vt>[^>]+)>|(?<t>[a-z ]+?))\\s+(?<n>\\w+)(?:\\[(?<len>\\d*)])?\\s*=\\s*(?<v>.+)");
    private static final Pattern NESTED = Pattern.compile(
            "vector<\\s*vector<(?<vt>[^>]+)>\\s*>\\s+(?<n>\\w+)\\s*=\\s*\\{(?<v>.*)}");
    private static final Pattern INNER = Pattern.compile("\\{([^{}]*)}");

    static Declaration parse(String text, int line) {
        Matcher nested = NESTED.matcher(text.trim());
        if (nested.matches()) {
            return parseNested(nested, text, line);
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(ConformanceCase.RESOURCE + ":" + line + ": bad declaration '" + text
                    + "'");
        }
        String v = m.group("v").trim();
        boolean list = v.startsWith("{");
        List<String> values = list
                ? Arrays.stream(v.substring(1, v.length() - 1).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList()
                : List.of(v);
        Shape shape;
        if (m.group("vt") != null) {
            shape = Shape.VECTOR;
        } else if (m.group("len") == null) {
            shape = Shape.SCALAR;
        } else {
            shape = m.group("len").isEmpty() ? Shape.JAGGED : Shape.FIXED;
        }
        String type = m.group("vt") != null ? m.group("vt").trim() : m.group("t").trim();
        if (!ConformanceCase.TYPES.containsKey(type) || list == (shape == Shape.SCALAR)) {
            throw new IllegalArgumentException(ConformanceCase.RESOURCE + ":" + line + ": bad declaration '" + text
                    + "'");
        }
        return new Declaration(type, m.group("n"), shape, values.size(), values, List.of());
    }

    /** {@code vector<vector<T>> x = {{1, 2}, {}, {3}}}: values flattened, with each inner vector's size. */
    private static Declaration parseNested(Matcher m, String text, int line) {
        String type = m.group("vt").trim();
        String body = m.group("v").trim();
        List<String> values = new java.util.ArrayList<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        Matcher inner = INNER.matcher(body);
        int end = 0;
        while (inner.find()) {
            String between = body.substring(end, inner.start()).trim();
            if (!between.isEmpty() && !between.equals(",")) {
                throw new IllegalArgumentException(ConformanceCase.RESOURCE + ":" + line + ": bad declaration '"
                        + text + "'");
            }
            List<String> list = Arrays.stream(inner.group(1).split(",")).map(String::trim)
                    .filter(x -> !x.isEmpty()).toList();
            values.addAll(list);
            sizes.add(list.size());
            end = inner.end();
        }
        if (!ConformanceCase.TYPES.containsKey(type) || !body.substring(end).isBlank()) {
            throw new IllegalArgumentException(ConformanceCase.RESOURCE + ":" + line + ": bad declaration '" + text
                    + "'");
        }
        return new Declaration(type, m.group("n"), Shape.VECTOR_VECTOR, values.size(), values, List.copyOf(sizes));
    }

    LeafType leafType() {
        return ConformanceCase.TYPES.get(cType);
    }

    ColumnType columnType() {
        return new ColumnType(leafType(), shape, shape == Shape.FIXED ? length : 1);
    }

    /** The variable as a one-entry column. */
    Column column() {
        if (shape == Shape.VECTOR_VECTOR) {
            int[] inner = new int[innerSizes.size() + 1];
            for (int i = 0; i < innerSizes.size(); i++) {
                inner[i + 1] = inner[i] + innerSizes.get(i);
            }
            return Column.doublyJagged(name, leafType(), array(), new int[] {0, innerSizes.size()}, inner);
        }
        int[] offsets = shape == Shape.JAGGED || shape == Shape.VECTOR ? new int[] {0, length} : null;
        return new Column(name, leafType(), shape, array(), offsets, shape == Shape.FIXED ? length : 1);
    }

    /**
     * The variable as a C++ declaration; fixed arrays are std::array so that size() works as on RDataFrame's RVec,
     * counted arrays and vectors vecops.hpp's RVec.
     */
    String cpp() {
        List<String> literals = values.stream().map(this::cppLiteral).toList();
        return switch (shape) {
            case SCALAR -> cType + " " + name + " = " + literals.get(0) + ";";
            case VECTOR_VECTOR -> {
                StringBuilder b = new StringBuilder("std::vector<std::vector<" + cType + ">> " + name + " = {");
                int at = 0;
                for (int i = 0; i < innerSizes.size(); i++) {
                    b.append(i > 0 ? ", {" : "{")
                            .append(String.join(", ", literals.subList(at, at + innerSizes.get(i)))).append('}');
                    at += innerSizes.get(i);
                }
                yield b.append("};").toString();
            }
            case FIXED -> "std::array<" + cType + ", " + length + "> " + name + " = {" + String.join(", ", literals)
                    + "};";
            // RVec (vecops.hpp): a std::vector with RDataFrame's element-wise operators.
            default -> "RVec<" + cType + "> " + name + " = {" + String.join(", ", literals) + "};";
        };
    }

    private String cppLiteral(String v) {
        LeafType t = leafType();
        if (t == LeafType.FLOAT32 || t == LeafType.FLOAT64) {
            String cast = t == LeafType.FLOAT32 ? "(float)" : "(double)";
            return switch (v) {
                case "nan" -> cast + "NAN";
                case "inf" -> cast + "INFINITY";
                case "-inf" -> "-" + cast + "INFINITY";
                // A float literal, not a double one converted: one rounding, as Float.parseFloat does.
                default -> t == LeafType.FLOAT32 ? v + (v.contains(".") || v.contains("e") ? "f" : ".f") : v;
            };
        }
        if (t == LeafType.BOOL) {
            return v;
        }
        BigInteger b = new BigInteger(v);
        if (b.equals(BigInteger.valueOf(Long.MIN_VALUE))) {
            return "(-9223372036854775807LL - 1)";
        }
        return "(" + cType + ")" + v + (t.isUnsigned() ? "ULL" : "LL");
    }

    private Object array() {
        int n = values.size();
        return switch (leafType()) {
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = Boolean.parseBoolean(values.get(i));
                }
                yield a;
            }
            case INT8, UINT8 -> {
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (byte) integer(i);
                }
                yield a;
            }
            case INT16, UINT16 -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (short) integer(i);
                }
                yield a;
            }
            case INT32, UINT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) integer(i);
                }
                yield a;
            }
            case INT64, UINT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = integer(i);
                }
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) CValues.parseFloating(values.get(i), true);
                }
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = CValues.parseFloating(values.get(i), false);
                }
                yield a;
            }
            case STRING -> throw new IllegalStateException("no string variables in the table");
        };
    }

    /** The value's bits in a long (unsigned values above the signed range wrap, as in their Java array). */
    private long integer(int i) {
        return new BigInteger(values.get(i)).longValue();
    }
}
