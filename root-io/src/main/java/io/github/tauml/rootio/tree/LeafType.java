package io.github.tauml.rootio.tree;

/**
 * The primitive type of a leaf's values, with ROOT's type letter (the one after '/' in a leaf list such as
 * {@code tau_pt/F}) and its width in bytes on disk.
 */
public enum LeafType {
    BOOL('O', 1, false, "bool", "TLeafO"),
    INT8('B', 1, false, "int8", "TLeafB"),
    UINT8('b', 1, true, "uint8", "TLeafB"),
    INT16('S', 2, false, "int16", "TLeafS"),
    UINT16('s', 2, true, "uint16", "TLeafS"),
    INT32('I', 4, false, "int32", "TLeafI"),
    UINT32('i', 4, true, "uint32", "TLeafI"),
    INT64('L', 8, false, "int64", "TLeafL"),
    UINT64('l', 8, true, "uint64", "TLeafL"),
    FLOAT32('F', 4, false, "float32", "TLeafF"),
    FLOAT64('D', 8, false, "float64", "TLeafD"),
    STRING('C', 1, false, "string", "TLeafC");

    private final char code;
    private final int width;
    private final boolean unsigned;
    private final String displayName;
    private final String leafClass;

    LeafType(char code, int width, boolean unsigned, String displayName, String leafClass) {
        this.code = code;
        this.width = width;
        this.unsigned = unsigned;
        this.displayName = displayName;
        this.leafClass = leafClass;
    }

    public char code() {
        return code;
    }

    public int width() {
        return width;
    }

    public boolean isUnsigned() {
        return unsigned;
    }

    public boolean isInteger() {
        return this != FLOAT32 && this != FLOAT64 && this != STRING && this != BOOL;
    }

    public String displayName() {
        return displayName;
    }

    /** The TLeaf subclass ROOT uses for this type. */
    public String leafClass() {
        return leafClass;
    }

    public static LeafType ofCode(char code) {
        for (LeafType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown leaf type letter '" + code + "'");
    }

    /** From a TLeaf class and its fIsUnsigned flag. */
    static LeafType ofLeafClass(String leafClass, boolean unsigned) {
        return switch (leafClass) {
            case "TLeafO" -> BOOL;
            case "TLeafB" -> unsigned ? UINT8 : INT8;
            case "TLeafS" -> unsigned ? UINT16 : INT16;
            case "TLeafI" -> unsigned ? UINT32 : INT32;
            case "TLeafL" -> unsigned ? UINT64 : INT64;
            case "TLeafF" -> FLOAT32;
            case "TLeafD" -> FLOAT64;
            case "TLeafC" -> STRING;
            default -> null;
        };
    }

    /** From a C++ type name as it appears in {@code vector<T>}. */
    static LeafType ofCppName(String cpp) {
        return switch (cpp.trim()) {
            case "bool", "Bool_t" -> BOOL;
            case "char", "Char_t", "signed char", "int8_t" -> INT8;
            case "unsigned char", "UChar_t", "uint8_t" -> UINT8;
            case "short", "Short_t", "int16_t" -> INT16;
            case "unsigned short", "UShort_t", "uint16_t" -> UINT16;
            case "int", "Int_t", "int32_t" -> INT32;
            case "unsigned int", "UInt_t", "uint32_t", "unsigned" -> UINT32;
            case "long", "Long_t", "Long64_t", "long long", "int64_t" -> INT64;
            case "unsigned long", "ULong_t", "ULong64_t", "unsigned long long", "uint64_t" -> UINT64;
            case "float", "Float_t" -> FLOAT32;
            case "double", "Double_t" -> FLOAT64;
            case "string", "std::string", "TString" -> STRING;
            default -> null;
        };
    }
}
