package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.LeafType;

/**
 * C++ arithmetic types and their conversion rules, on x86-64 Linux (LP64): {@code char} is signed, {@code long}
 * and {@code long long} are both 64 bits and are not told apart here.
 */
final class CTypes {
    private CTypes() {
    }

    static String name(LeafType t) {
        return switch (t) {
            case BOOL -> "bool";
            case INT8 -> "char";
            case UINT8 -> "unsigned char";
            case INT16 -> "short";
            case UINT16 -> "unsigned short";
            case INT32 -> "int";
            case UINT32 -> "unsigned int";
            case INT64 -> "long long";
            case UINT64 -> "unsigned long long";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case STRING -> "string";
        };
    }

    /** bool and the integer types: what the bitwise operators, {@code %} and indexing accept. */
    static boolean isIntegral(LeafType t) {
        return t != LeafType.FLOAT32 && t != LeafType.FLOAT64 && t != LeafType.STRING;
    }

    static boolean isFloating(LeafType t) {
        return t == LeafType.FLOAT32 || t == LeafType.FLOAT64;
    }

    /** Held in a JVM long (as opposed to an int, float or double). */
    static boolean isWide(LeafType t) {
        return t == LeafType.INT64 || t == LeafType.UINT64;
    }

    /** Integral promotion: bool, char and short (signed or not) become int, since int holds all their values. */
    static LeafType promote(LeafType t) {
        return switch (t) {
            case BOOL, INT8, UINT8, INT16, UINT16 -> LeafType.INT32;
            default -> t;
        };
    }

    /** The usual arithmetic conversions: the type both operands of a binary operator are converted to. */
    static LeafType common(LeafType a, LeafType b) {
        if (a == LeafType.FLOAT64 || b == LeafType.FLOAT64) {
            return LeafType.FLOAT64;
        }
        if (a == LeafType.FLOAT32 || b == LeafType.FLOAT32) {
            return LeafType.FLOAT32;
        }
        LeafType x = promote(a);
        LeafType y = promote(b);
        if (x == y) {
            return x;
        }
        boolean wide = isWide(x) || isWide(y);
        if (x.isUnsigned() == y.isUnsigned()) {
            return wide ? (x.isUnsigned() ? LeafType.UINT64 : LeafType.INT64) : x;
        }
        LeafType unsigned = x.isUnsigned() ? x : y;
        LeafType signed = x.isUnsigned() ? y : x;
        if (unsigned == LeafType.UINT64 || signed == LeafType.INT32) {
            // The unsigned type has the greater or equal rank.
            return unsigned;
        }
        // long long against unsigned int: long long holds every unsigned int.
        return LeafType.INT64;
    }

    /** Bits of a promoted integer type, the bound of a shift count. */
    static int bits(LeafType promoted) {
        return isWide(promoted) ? 64 : 32;
    }
}
