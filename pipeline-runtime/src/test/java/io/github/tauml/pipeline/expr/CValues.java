package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.Column;
import io.github.tauml.rootio.tree.LeafType;
import java.math.BigInteger;
import java.util.Locale;

/** Values as the conformance table and the C++ program write them, and their comparison. */
final class CValues {
    /** How far a value marked approximate ({@code ~1.23}) may be, in units in the last place of its type. */
    private static final int ULPS = 2;

    private CValues() {
    }

    /** nan, -nan, inf, -inf (C's spelling), NaN and Infinity (Java's) or a decimal; rounded to float if asked. */
    static double parseFloating(String s, boolean toFloat) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        boolean negative = v.startsWith("-");
        String magnitude = negative || v.startsWith("+") ? v.substring(1) : v;
        double d;
        if (magnitude.equals("nan")) {
            return Double.NaN;
        } else if (magnitude.equals("inf") || magnitude.equals("infinity")) {
            d = Double.POSITIVE_INFINITY;
        } else {
            return toFloat ? Float.parseFloat(v) : Double.parseDouble(v);
        }
        return negative ? -d : d;
    }

    /** Entry 0 of a result column, written as the table writes values. */
    static String first(Column c) {
        Object a = c.values();
        return switch (c.type()) {
            case BOOL -> Boolean.toString(((boolean[]) a)[0]);
            case INT8 -> Byte.toString(((byte[]) a)[0]);
            case UINT8 -> Integer.toString(((byte[]) a)[0] & 0xFF);
            case INT16 -> Short.toString(((short[]) a)[0]);
            case UINT16 -> Integer.toString(((short[]) a)[0] & 0xFFFF);
            case INT32 -> Integer.toString(((int[]) a)[0]);
            case UINT32 -> Integer.toUnsignedString(((int[]) a)[0]);
            case INT64 -> Long.toString(((long[]) a)[0]);
            case UINT64 -> Long.toUnsignedString(((long[]) a)[0]);
            case FLOAT32 -> Float.toString(((float[]) a)[0]);
            case FLOAT64 -> Double.toString(((double[]) a)[0]);
            case STRING -> throw new IllegalStateException("no string results");
        };
    }

    /** Whether {@code actual} is the table's {@code expected} value of C++ type {@code type}. */
    static boolean matches(String type, String expected, String actual) {
        LeafType t = ConformanceCase.TYPES.get(type);
        if (t == LeafType.BOOL) {
            return truth(expected) == truth(actual);
        }
        if (t == LeafType.FLOAT32 || t == LeafType.FLOAT64) {
            boolean approximate = expected.startsWith("~");
            boolean isFloat = t == LeafType.FLOAT32;
            double e = parseFloating(approximate ? expected.substring(1) : expected, isFloat);
            double a = parseFloating(actual, isFloat);
            if (Double.isNaN(e) || Double.isNaN(a) || !approximate) {
                // Exact: NaN equals NaN whatever its sign, 0.0 and -0.0 differ.
                return Double.compare(e, a) == 0 || (Double.isNaN(e) && Double.isNaN(a));
            }
            double ulp = isFloat ? Math.ulp((float) e) : Math.ulp(e);
            return Math.abs(e - a) <= ULPS * ulp;
        }
        return new BigInteger(expected).equals(new BigInteger(actual));
    }

    /** The C++ truth of a value as the table or the program writes it. */
    static boolean truth(String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> {
                double d = parseFloating(value.startsWith("~") ? value.substring(1) : value, false);
                yield d != 0 || Double.isNaN(d);
            }
        };
    }
}
