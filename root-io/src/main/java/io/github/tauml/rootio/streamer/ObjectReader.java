package io.github.tauml.rootio.streamer;

import io.github.tauml.rootio.io.RBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads objects from one record the way ROOT's TBufferFile does: class and object tags, byte counts, and
 * members as the class's TStreamerInfo lists them. A small set of classes with hand-written streamers in ROOT
 * (collections, arrays, TObject, the StreamerInfo classes themselves, TBasket) are read by hand here.
 * One instance per record: the tag maps are the record's.
 */
public final class ObjectReader {
    private static final int BYTE_COUNT_MASK = 0x40000000;
    private static final int CLASS_MASK = 0x80000000;
    private static final int NEW_CLASS_TAG = 0xFFFFFFFF;
    private static final int MAP_OFFSET = 2;
    private static final int IS_REFERENCED = 1 << 4;

    private final StreamerRegistry registry;
    private final Map<Integer, Object> objects = new HashMap<>();
    private final Map<Integer, String> classes = new HashMap<>();

    public ObjectReader(StreamerRegistry registry) {
        this.registry = registry;
    }

    /** A member header: the version and the record position where the member ends (or -1 without byte count). */
    public record Version(int version, int end) {
    }

    public static Version readVersion(RBuffer b) {
        int start = b.position();
        int first = b.i32();
        int end = -1;
        if ((first & BYTE_COUNT_MASK) != 0) {
            int count = first & ~BYTE_COUNT_MASK;
            end = b.recordPosition() + count;
        } else {
            b.position(start);
        }
        int version = b.i16();
        if (version <= 0 && end >= 0) {
            b.i32(); // checksum of a class streamed without a version of its own (e.g. ROOT::TIOFeatures)
        }
        return new Version(version, end);
    }

    private static void skipTo(RBuffer b, Version v) {
        if (v.end >= 0) {
            b.seekRecord(v.end);
        }
    }

    /** A pointer member: null, a reference to an object already read, or a new object preceded by its class. */
    public Object readObjectAny(RBuffer b) {
        int start = b.recordPosition();
        int first = b.i32();
        int tag;
        int end = -1;
        if ((first & BYTE_COUNT_MASK) == 0 || first == NEW_CLASS_TAG) {
            tag = first;
        } else {
            end = b.recordPosition() + (first & ~BYTE_COUNT_MASK);
            tag = b.i32();
        }
        if ((tag & CLASS_MASK) == 0) {
            if (tag == 0) {
                return null;
            }
            if (!objects.containsKey(tag)) {
                // Only a weak check is possible: the referenced object may belong to a part we skipped.
                return new Reference(tag);
            }
            return objects.get(tag);
        }
        String className;
        if (tag == NEW_CLASS_TAG) {
            int classPos = b.recordPosition() - 4;
            className = b.cstring();
            classes.put(classPos + MAP_OFFSET, className);
        } else {
            className = classes.get((tag & ~CLASS_MASK));
            if (className == null) {
                throw new StreamerException("reference to an unknown class tag " + (tag & ~CLASS_MASK)
                        + " at record position " + (b.recordPosition() - 4));
            }
        }
        Placeholder placeholder = new Placeholder();
        objects.put(start + MAP_OFFSET, placeholder);
        Object obj = readClass(className, b);
        objects.put(start + MAP_OFFSET, obj);
        if (end >= 0) {
            b.seekRecord(end);
        }
        return obj;
    }

    /** A forward reference the streaming order does not resolve; carries the tag for diagnostics. */
    public record Reference(int tag) {
    }

    private static final class Placeholder {
    }

    /** Reads an object body (its version header included) of a known class. */
    public Object readClass(String className, RBuffer b) {
        switch (className) {
            case "TObject":
                return readTObject(b, new RObject("TObject", 1));
            case "TString":
                return b.tstring();
            case "TList":
            case "THashList":
                return readList(b);
            case "TObjArray":
                return readObjArray(b);
            case "TArrayC":
            case "TArrayS":
            case "TArrayI":
            case "TArrayL":
            case "TArrayL64":
            case "TArrayF":
            case "TArrayD":
                return readTArray(className, b);
            case "TStreamerInfo":
                return readStreamerInfo(b);
            case "TBasket":
                return readBasket(b);
            default:
                if (className.startsWith("TStreamer")) {
                    return readStreamerElement(className, b);
                }
                return readGeneric(className, b);
        }
    }

    private RObject readGeneric(String className, RBuffer b) {
        int versionPos = b.recordPosition();
        Version v = readVersion(b);
        ClassInfo info = registry.find(className, v.version);
        if (info == null) {
            if (v.end < 0) {
                throw new StreamerException(registry.whyMissing(className, v.version)
                        + " and no byte count to skip it");
            }
            RObject opaque = new RObject(className, v.version);
            opaque.missing(registry.whyMissing(className, v.version));
            skipTo(b, v);
            return opaque;
        }
        RObject obj = new RObject(className, v.version);
        readMembers(info, obj, b);
        if (v.end >= 0 && b.recordPosition() != v.end) {
            throw new StreamerException(className + " v" + v.version + " at record position " + versionPos
                    + " ends at " + b.recordPosition() + " but its byte count says " + v.end);
        }
        return obj;
    }

    private void readMembers(ClassInfo info, RObject obj, RBuffer b) {
        for (StreamerElement e : info.elements()) {
            int type = e.type();
            if (type == StreamerElement.BASE) {
                readBase(e, obj, b);
            } else if (type == 9 || type == 19) {
                obj.put(e.name(), readPacked(e, type, b));
            } else if (type > 0 && type < 20) {
                obj.put(e.name(), readBasic(type, b));
            } else if (type > StreamerElement.OFFSET_L && type < StreamerElement.OFFSET_L + 20) {
                obj.put(e.name(), readFixedArray(type - StreamerElement.OFFSET_L, e, e.arrayLength(), b));
            } else if (type > StreamerElement.OFFSET_P && type < StreamerElement.OFFSET_P + 20) {
                obj.put(e.name(), readCountedArray(type - StreamerElement.OFFSET_P, obj, e, b));
            } else {
                switch (type) {
                    case StreamerElement.TSTRING -> obj.put(e.name(), b.tstring());
                    case StreamerElement.TOBJECT -> readTObject(b, obj);
                    case StreamerElement.TNAMED -> {
                        Version v = readVersion(b);
                        readTObject(b, obj);
                        obj.put("fName", b.tstring());
                        obj.put("fTitle", b.tstring());
                        skipTo(b, v);
                    }
                    case StreamerElement.OBJECT, StreamerElement.ANY -> obj.put(e.name(), readClass(e.typeName(), b));
                    // "//->" pointers (never null) are streamed in place, like an embedded object.
                    case StreamerElement.OBJECT_P_LOWER, StreamerElement.ANY_P_LOWER ->
                            obj.put(e.name(), readClass(pointee(e.typeName()), b));
                    case StreamerElement.OBJECT_P, StreamerElement.ANY_P -> obj.put(e.name(), readObjectAny(b));
                    default -> {
                        // STL members and stream loops carry a byte count; tree metadata never needs their content.
                        Version v = readVersion(b);
                        if (v.end < 0) {
                            throw new StreamerException("cannot skip member " + info.name() + "::" + e.name()
                                    + " of streamer type " + type + " without a byte count");
                        }
                        skipTo(b, v);
                        obj.put(e.name(), null);
                    }
                }
            }
        }
    }

    private static String pointee(String typeName) {
        return typeName.endsWith("*") ? typeName.substring(0, typeName.length() - 1).trim() : typeName;
    }

    private void readBase(StreamerElement e, RObject obj, RBuffer b) {
        String base = e.name();
        switch (base) {
            case "TObject" -> readTObject(b, obj);
            case "TArrayC", "TArrayS", "TArrayI", "TArrayL", "TArrayL64", "TArrayF", "TArrayD" ->
                    obj.put("fArray", readTArray(base, b));
            case "TList", "THashList" -> obj.put("fList", readList(b));
            case "TObjArray" -> obj.put("fList", readObjArray(b));
            default -> {
                Version v = readVersion(b);
                ClassInfo info = registry.find(base, v.version);
                if (info == null) {
                    if (v.end < 0) {
                        throw new StreamerException(registry.whyMissing(base, v.version) + " (a base class of "
                                + obj.className() + ") and no byte count to skip it");
                    }
                    obj.missing(registry.whyMissing(base, v.version));
                } else {
                    readMembers(info, obj, b);
                }
                skipTo(b, v);
            }
        }
    }

    /** A Double32_t (9) or Float16_t (19) member: its width and meaning depend on the range in its comment. */
    private static Object readPacked(StreamerElement e, int type, RBuffer b) {
        PackedReal p = PackedReal.of(e.title(), type == 19);
        double v = p.decode(b.bytes(p.width()), 0);
        return type == 19 ? (Object) (float) v : (Object) v;
    }

    static Object readBasic(int type, RBuffer b) {
        return switch (type) {
            case 1 -> b.i8();
            case 2 -> b.i16();
            case 3, 6 -> b.i32();
            case 4, 16 -> b.i64();
            case 5 -> b.f32();
            case 8 -> b.f64();
            case 9 -> (double) b.f32();
            case 11 -> b.u8();
            case 12 -> b.i16() & 0xFFFF;
            case 13, 15 -> b.i32() & 0xFFFFFFFFL;
            case 14, 17 -> b.i64();
            case 18 -> b.bool();
            case 19 -> (double) b.f32();
            default -> throw new StreamerException("unsupported basic streamer type " + type);
        };
    }

    private static Object readFixedArray(int type, StreamerElement e, int n, RBuffer b) {
        if (n < 0 || n > b.remaining()) {
            throw new StreamerException("fixed array of " + n + " elements with " + b.remaining() + " bytes left");
        }
        if (type == 1 || type == 11) {
            return b.bytes(n);
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = type == 9 || type == 19 ? readPacked(e, type, b) : readBasic(type, b);
        }
        return toPrimitive(type, out);
    }

    private static Object readCountedArray(int type, RObject obj, StreamerElement e, RBuffer b) {
        int flag = b.u8();
        if (flag == 0) {
            return toPrimitive(type, new Object[0]);
        }
        Object count = obj.members().get(e.countName());
        if (!(count instanceof Number n)) {
            throw new StreamerException("array member " + e.name() + " counts with '" + e.countName()
                    + "', which was not read before it");
        }
        int len = n.intValue();
        if (len < 0 || (long) len > b.remaining()) {
            throw new StreamerException("array member " + e.name() + " claims " + len + " elements");
        }
        Object[] out = new Object[len];
        for (int i = 0; i < len; i++) {
            out[i] = type == 9 || type == 19 ? readPacked(e, type, b) : readBasic(type, b);
        }
        return toPrimitive(type, out);
    }

    private static Object toPrimitive(int type, Object[] values) {
        switch (type) {
            case 3, 6 -> {
                int[] a = new int[values.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (Integer) values[i];
                }
                return a;
            }
            case 4, 16, 14, 17 -> {
                long[] a = new long[values.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (Long) values[i];
                }
                return a;
            }
            case 8, 9, 19, 5 -> {
                double[] a = new double[values.length];
                for (int i = 0; i < a.length; i++) {
                    a[i] = ((Number) values[i]).doubleValue();
                }
                return a;
            }
            default -> {
                return values;
            }
        }
    }

    private static RObject readTObject(RBuffer b, RObject into) {
        int version = b.i16();
        if ((version & BYTE_COUNT_MASK >>> 16) != 0) {
            b.skip(4);
        }
        into.put("fUniqueID", b.i32() & 0xFFFFFFFFL);
        int bits = b.i32();
        into.put("fBits", bits);
        if ((bits & IS_REFERENCED) != 0) {
            b.skip(2);
        }
        return into;
    }

    private List<Object> readList(RBuffer b) {
        Version v = readVersion(b);
        RObject head = new RObject("TList", v.version);
        if (v.version > 3) {
            readTObject(b, head);
            b.tstring();
        }
        int n = b.i32();
        checkCount(n, b, "TList");
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readObjectAny(b));
            int nch = b.u8();
            if (v.version > 4 && nch == 255) {
                nch = b.i32();
            }
            b.skip(nch);
        }
        skipTo(b, v);
        return out;
    }

    private List<Object> readObjArray(RBuffer b) {
        Version v = readVersion(b);
        RObject head = new RObject("TObjArray", v.version);
        if (v.version > 2) {
            readTObject(b, head);
        }
        if (v.version > 1) {
            b.tstring();
        }
        int n = b.i32();
        b.i32(); // lower bound
        checkCount(n, b, "TObjArray");
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(readObjectAny(b));
        }
        skipTo(b, v);
        return out;
    }

    private static void checkCount(int n, RBuffer b, String what) {
        if (n < 0 || n > b.remaining()) {
            throw new StreamerException(what + " claims " + n + " elements with " + b.remaining() + " bytes left");
        }
    }

    /** TArray streamers write the length and the values, with no version. */
    private static Object readTArray(String cls, RBuffer b) {
        int n = b.i32();
        int width = switch (cls) {
            case "TArrayC" -> 1;
            case "TArrayS" -> 2;
            case "TArrayI", "TArrayF" -> 4;
            default -> 8;
        };
        if (n < 0 || (long) n * width > b.remaining()) {
            throw new StreamerException(cls + " claims " + n + " elements with " + b.remaining() + " bytes left");
        }
        switch (cls) {
            case "TArrayC" -> {
                return b.bytes(n);
            }
            case "TArrayS" -> {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b.i16();
                }
                return a;
            }
            case "TArrayI" -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b.i32();
                }
                return a;
            }
            case "TArrayF" -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b.f32();
                }
                return a;
            }
            case "TArrayD" -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b.f64();
                }
                return a;
            }
            default -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = b.i64();
                }
                return a;
            }
        }
    }

    private ClassInfo readStreamerInfo(RBuffer b) {
        Version v = readVersion(b);
        RObject named = readNamed(b);
        long checksum = b.i32() & 0xFFFFFFFFL;
        int classVersion = b.i32();
        Object elements = readObjectAny(b);
        skipTo(b, v);
        List<StreamerElement> list = new ArrayList<>();
        if (elements instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof StreamerElement se) {
                    list.add(se);
                }
            }
        }
        return new ClassInfo(named.getString("fName"), classVersion, checksum, List.copyOf(list));
    }

    private RObject readNamed(RBuffer b) {
        Version v = readVersion(b);
        RObject named = new RObject("TNamed", v.version);
        readTObject(b, named);
        named.put("fName", b.tstring());
        named.put("fTitle", b.tstring());
        skipTo(b, v);
        return named;
    }

    private StreamerElement readStreamerElement(String cls, RBuffer b) {
        Version outer = readVersion(b);
        Version stl = cls.equals("TStreamerSTLstring") ? readVersion(b) : outer; // its TStreamerSTL base
        Version v = readVersion(b); // TStreamerElement base
        RObject named = readNamed(b);
        int type = b.i32();
        int size = b.i32();
        int arrayLength = b.i32();
        int arrayDim = b.i32();
        int[] maxIndex;
        if (v.version == 1) {
            int n = b.i32();
            checkCount(n, b, "fMaxIndex");
            maxIndex = new int[n];
            for (int i = 0; i < n; i++) {
                maxIndex[i] = b.i32();
            }
        } else {
            maxIndex = new int[5];
            for (int i = 0; i < 5; i++) {
                maxIndex[i] = b.i32();
            }
        }
        String typeName = b.tstring();
        if (type == 11 && (typeName.equals("Bool_t") || typeName.equals("bool"))) {
            type = 18;
        }
        skipTo(b, v);
        int baseVersion = -1;
        String countName = null;
        int countVersion = -1;
        String countClass = null;
        int stlType = -1;
        int ctype = -1;
        switch (cls) {
            case "TStreamerBase" -> {
                if (outer.version > 2) {
                    baseVersion = b.i32();
                }
            }
            case "TStreamerBasicPointer", "TStreamerLoop" -> {
                countVersion = b.i32();
                countName = b.tstring();
                countClass = b.tstring();
            }
            case "TStreamerSTL", "TStreamerSTLstring" -> {
                stlType = b.i32();
                ctype = b.i32();
                skipTo(b, stl);
            }
            default -> {
            }
        }
        skipTo(b, outer);
        return new StreamerElement(cls, named.getString("fName"), named.getString("fTitle"), type, size,
                arrayLength, arrayDim, maxIndex, typeName, baseVersion, countName, countVersion, countClass,
                stlType, ctype);
    }

    /** A TBasket streamed inside its TTree (fBaskets): key header, basket header and, when kept, its buffer. */
    private RObject readBasket(RBuffer b) {
        RObject basket = new RObject("TBasket", 0);
        basket.put("fNbytes", b.i32());
        int keyVersion = b.i16();
        basket.put("fObjlen", b.i32());
        b.i32(); // datime
        basket.put("fKeylen", (int) b.i16());
        b.i16(); // cycle
        if (keyVersion > 1000) {
            basket.put("fSeekKey", b.i64());
            b.i64();
        } else {
            basket.put("fSeekKey", (long) b.i32());
            b.i32();
        }
        b.tstring();
        b.tstring();
        b.tstring();
        int version = readVersion(b).version;
        basket.put("fBufferSize", b.i32());
        int nevBufSize = b.i32();
        if (nevBufSize < 0) {
            nevBufSize = -nevBufSize;
            b.i8(); // fIOBits
        }
        basket.put("fNevBufSize", nevBufSize);
        int nevBuf = b.i32();
        basket.put("fNevBuf", nevBuf);
        int last = b.i32();
        basket.put("fLast", last);
        int flag = b.i8();
        boolean generateOffsets = flag >= 80;
        if (generateOffsets) {
            flag -= 80;
        }
        int[] entryOffset = null;
        if (!generateOffsets && flag != 0 && flag % 10 != 2) {
            if (nevBuf > 0) {
                entryOffset = readIntArray(b);
                if (20 < flag && flag < 40) {
                    for (int i = 0; i < entryOffset.length; i++) {
                        entryOffset[i] &= ~0xFF000000;
                    }
                }
            }
            if (flag > 40) {
                readIntArray(b); // displacements: only for objects with references, never for our leaves
            }
        }
        basket.put("fEntryOffset", entryOffset);
        basket.put("generateOffsets", generateOffsets);
        if (flag == 1 || flag > 10) {
            basket.put("fBuffer", version > 1 ? b.bytes(last) : b.bytes(b.i32()));
        } else {
            basket.put("fBuffer", null);
        }
        return basket;
    }

    private static int[] readIntArray(RBuffer b) {
        int n = b.i32();
        if (n < 0 || (long) n * 4 > b.remaining()) {
            throw new StreamerException("int array claims " + n + " elements with " + b.remaining() + " bytes left");
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = b.i32();
        }
        return a;
    }
}
