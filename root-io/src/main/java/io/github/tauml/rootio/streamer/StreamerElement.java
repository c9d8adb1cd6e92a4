package io.github.tauml.rootio.streamer;

/**
 * One member of a class as its TStreamerInfo describes it. {@code type} is ROOT's TStreamerInfo::EReadWrite
 * code; {@code countName} names the member that holds the length of a pointer-to-array member, and
 * {@code countClass}/{@code countVersion} the class (and its version) that declares it. {@code stlType} (ROOT's
 * ESTLType, 1 = vector) and {@code ctype} (the value's EDataType) describe STL members. Fields an element class
 * does not stream are -1 or null. TStreamerBase keeps the base class checksum in {@code maxIndex[1]}.
 */
public record StreamerElement(String elementClass, String name, String title, int type, int size, int arrayLength,
                              int arrayDim, int[] maxIndex, String typeName, int baseVersion, String countName,
                              int countVersion, String countClass, int stlType, int ctype) {
    public static final int BASE = 0;
    public static final int OFFSET_L = 20;
    public static final int OFFSET_P = 40;
    public static final int OBJECT = 61;
    public static final int ANY = 62;
    public static final int OBJECT_P_LOWER = 63;
    public static final int OBJECT_P = 64;
    public static final int TSTRING = 65;
    public static final int TOBJECT = 66;
    public static final int TNAMED = 67;
    public static final int ANY_P_LOWER = 68;
    public static final int ANY_P = 69;
    public static final int STL = 500;
    public static final int STREAM_LOOP = 501;
}
