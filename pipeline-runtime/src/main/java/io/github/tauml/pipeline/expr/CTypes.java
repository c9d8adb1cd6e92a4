package io.github.tauml.pipeline.expr;

import io.github.tauml.rootio.tree.LeafType;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The words a C++ arithmetic type is spelled with ({@code unsigned long long int}). */
    static final Set<String> TYPE_WORDS = Set.of("bool", "char", "short", "int", "long", "signed", "unsigned",
            "float", "double");

    /** One-word names of arithmetic types: ROOT's typedefs (Rtypes.h), size_t and the fixed-width integers. */
    static final Map<String, LeafType> TYPEDEFS = Map.ofEntries(
            Map.entry("Bool_t", LeafType.BOOL), Map.entry("Char_t", LeafType.INT8),
            Map.entry("UChar_t", LeafType.UINT8), Map.entry("Short_t", LeafType.INT16),
            Map.entry("UShort_t", LeafType.UINT16), Map.entry("Int_t", LeafType.INT32),
            Map.entry("UInt_t", LeafType.UINT32), Map.entry("Long_t", LeafType.INT64),
            Map.entry("ULong_t", LeafType.UINT64), Map.entry("Long64_t", LeafType.INT64),
            Map.entry("ULong64_t", LeafType.UINT64), Map.entry("Float_t", LeafType.FLOAT32),
            Map.entry("Float16_t", LeafType.FLOAT32), Map.entry("Double_t", LeafType.FLOAT64),
            Map.entry("Double32_t", LeafType.FLOAT64), Map.entry("size_t", LeafType.UINT64),
            Map.entry("std::size_t", LeafType.UINT64), Map.entry("int8_t", LeafType.INT8),
            Map.entry("uint8_t", LeafType.UINT8), Map.entry("int16_t", LeafType.INT16),
            Map.entry("uint16_t", LeafType.UINT16), Map.entry("int32_t", LeafType.INT32),
            Map.entry("uint32_t", LeafType.UINT32), Map.entry("int64_t", LeafType.INT64),
            Map.entry("uint64_t", LeafType.UINT64), Map.entry("std::int8_t", LeafType.INT8),
            Map.entry("std::uint8_t", LeafType.UINT8), Map.entry("std::int16_t", LeafType.INT16),
            Map.entry("std::uint16_t", LeafType.UINT16), Map.entry("std::int32_t", LeafType.INT32),
            Map.entry("std::uint32_t", LeafType.UINT32), Map.entry("std::int64_t", LeafType.INT64),
            Map.entry("std::uint64_t", LeafType.UINT64));

    /**
     * The arithmetic type spelled by {@code words} ({@code unsigned}, {@code short int}, {@code long long}, in any
     * order as C++ allows), or null if they spell none. {@code long} is 64 bits (LP64); long double is not a type
     * here.
     */
    static LeafType fromWords(List<String> words) {
        int unsigned = 0;
        int signed = 0;
        int longs = 0;
        String base = null;
        for (String w : words) {
            switch (w) {
                case "unsigned" -> unsigned++;
                case "signed" -> signed++;
                case "long" -> longs++;
                case "int" -> {
                    if (base != null && !base.equals("short")) {
                        return null;
                    }
                    base = base == null ? "int" : base;
                }
                case "short" -> {
                    if (base != null && !base.equals("int")) {
                        return null;
                    }
                    base = "short";
                }
                default -> {
                    if (base != null) {
                        return null;
                    }
                    base = w;
                }
            }
        }
        if (unsigned + signed > 1 || longs > 2) {
            return null;
        }
        boolean isUnsigned = unsigned == 1;
        boolean hasSign = unsigned + signed == 1;
        if (base == null) {
            base = "int";
        }
        if (longs > 0) {
            if (!base.equals("int")) {
                return null;
            }
            return isUnsigned ? LeafType.UINT64 : LeafType.INT64;
        }
        return switch (base) {
            case "bool" -> hasSign ? null : LeafType.BOOL;
            case "char" -> isUnsigned ? LeafType.UINT8 : LeafType.INT8;
            case "short" -> isUnsigned ? LeafType.UINT16 : LeafType.INT16;
            case "int" -> isUnsigned ? LeafType.UINT32 : LeafType.INT32;
            case "float" -> hasSign ? null : LeafType.FLOAT32;
            case "double" -> hasSign ? null : LeafType.FLOAT64;
            default -> null;
        };
    }

    /** Bits of a promoted integer type, the bound of a shift count. */
    static int bits(LeafType promoted) {
        return isWide(promoted) ? 64 : 32;
    }
}
