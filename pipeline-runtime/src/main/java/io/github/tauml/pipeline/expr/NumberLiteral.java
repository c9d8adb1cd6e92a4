package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.LeafType;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** The value and C++ type of a number literal ([lex.icon], [lex.fcon]). */
final class NumberLiteral {
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger UINT_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger LLONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger ULLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** u, l, ll in either case and either order; ll must not mix cases. */
    private static final Pattern INTEGER_SUFFIX = Pattern.compile("[uU]?(l|L|ll|LL)?|(l|L|ll|LL)[uU]");

    private NumberLiteral() {
    }

    /**
     * The first type that holds the value: int, long long for decimal literals; int, unsigned int, long long,
     * unsigned long long for hex, octal and binary ones; suffixes {@code u} and {@code l}/{@code ll} skip types.
     */
    static Node.Constant integer(String text, String digits, int radix, String suffix, int position) {
        if (digits.isEmpty()) {
            throw new CompileFailure("integer literal " + text + " has no digits", position);
        }
        if (radix == 10 && digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
            int bad = firstInvalidDigit(digits, 8);
            if (bad >= 0) {
                throw new CompileFailure("invalid digit '" + digits.charAt(bad) + "' in octal literal " + text
                        + " (a leading 0 makes a literal octal in C++)", position);
            }
        }
        if (!INTEGER_SUFFIX.matcher(suffix).matches()) {
            throw new CompileFailure("invalid suffix '" + suffix + "' on integer literal " + text, position);
        }
        boolean unsigned = suffix.indexOf('u') >= 0 || suffix.indexOf('U') >= 0;
        boolean isLong = suffix.indexOf('l') >= 0 || suffix.indexOf('L') >= 0;
        BigInteger v = new BigInteger(digits, radix);
        if (v.compareTo(ULLONG_MAX) > 0 || (radix == 10 && !unsigned && v.compareTo(LLONG_MAX) > 0)) {
            throw new CompileFailure("integer literal " + text + " is too large for any integer type", position);
        }
        boolean decimal = radix == 10;
        LeafType type;
        if (!isLong && !unsigned && v.compareTo(INT_MAX) <= 0) {
            type = LeafType.INT32;
        } else if (!isLong && (unsigned || !decimal) && v.compareTo(UINT_MAX) <= 0) {
            type = LeafType.UINT32;
        } else if (!unsigned && v.compareTo(LLONG_MAX) <= 0) {
            type = LeafType.INT64;
        } else {
            type = LeafType.UINT64;
        }
        Number value = CTypes.isWide(type) ? (Number) v.longValue() : (Number) v.intValue();
        return new Node.Constant(type, value, position);
    }

    /** double, or float with suffix {@code f}; the decimal is rounded once, to the literal's type. */
    static Node.Constant floating(String text, String body, String suffix, int position) {
        return switch (suffix) {
            case "" -> new Node.Constant(LeafType.FLOAT64, Double.parseDouble(body), position);
            case "f", "F" -> new Node.Constant(LeafType.FLOAT32, Float.parseFloat(body), position);
            case "l", "L" -> throw new CompileFailure("long double literal " + text + " is not supported", position);
            default -> throw new CompileFailure("invalid suffix '" + suffix + "' on floating literal " + text,
                    position);
        };
    }

    private static int firstInvalidDigit(String digits, int radix) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return i;
            }
        }
        return -1;
    }
}
