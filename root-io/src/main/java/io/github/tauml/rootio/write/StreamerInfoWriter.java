package io.github.tauml.rootio.write;

import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.streamer.StreamerElement;
import java.util.List;

/**
 * Serializes class layouts as the payload of a file's "StreamerInfo" key: a TList of TStreamerInfo, each holding a
 * TObjArray of TStreamerElement subclasses, with the versions and TObject bits ROOT 6.20 writes.
 */
final class StreamerInfoWriter {
    /** kNotDeleted: the TList and TObjArray ROOT builds on the stack to write the list. */
    private static final int STACK_BITS = 0x02000000;
    /** kNotDeleted | kIsOnHeap. */
    private static final int HEAP_BITS = 0x03000000;
    /** TStreamerInfo objects also carry bit 16 (kCanDelete). */
    private static final int INFO_BITS = 0x03010000;
    private static final int TLIST_VERSION = 5;
    private static final int TOBJARRAY_VERSION = 3;
    private static final int STREAMER_INFO_VERSION = 9;
    private static final int ELEMENT_VERSION = 4;

    private StreamerInfoWriter() {
    }

    /** The TList payload; {@code keylen} is the length of the key header it will follow (tags count from there). */
    static byte[] payload(List<ClassInfo> classes, int keylen) {
        WBuffer b = new WBuffer(keylen, 1024 * classes.size());
        int list = b.startObject(TLIST_VERSION);
        b.tobject(STACK_BITS);
        b.tstring("");
        b.i32(classes.size());
        for (ClassInfo c : classes) {
            b.objectAny(c, "TStreamerInfo", w -> streamerInfo(w, c));
            b.i8(0); // the list entry's option string
        }
        b.endObject(list);
        return b.toByteArray();
    }

    private static void streamerInfo(WBuffer b, ClassInfo c) {
        int info = b.startObject(STREAMER_INFO_VERSION);
        b.tnamed(INFO_BITS, c.name(), "");
        b.i32((int) c.checksum());
        b.i32(c.version());
        // A fresh identity: ROOT builds a new array per class, so two empty element lists never share a tag.
        b.objectAny(new Object(), "TObjArray", w -> {
            int array = w.startObject(TOBJARRAY_VERSION);
            w.tobject(STACK_BITS);
            w.tstring("");
            w.i32(c.elements().size());
            w.i32(0); // lower bound
            for (StreamerElement e : c.elements()) {
                w.objectAny(e, e.elementClass(), x -> element(x, e));
            }
            w.endObject(array);
        });
        b.endObject(info);
    }

    private static void element(WBuffer b, StreamerElement e) {
        int outer = b.startObject(elementClassVersion(e.elementClass()));
        int stl = e.elementClass().equals("TStreamerSTLstring") ? b.startObject(3) : -1;
        int base = b.startObject(ELEMENT_VERSION);
        b.tnamed(HEAP_BITS, e.name(), e.title());
        b.i32(e.type()).i32(e.size()).i32(e.arrayLength()).i32(e.arrayDim());
        for (int i = 0; i < 5; i++) {
            b.i32(e.maxIndex()[i]);
        }
        b.tstring(e.typeName());
        b.endObject(base);
        switch (e.elementClass()) {
            case "TStreamerBase" -> b.i32(e.baseVersion());
            case "TStreamerBasicPointer" -> b.i32(e.countVersion()).tstring(e.countName()).tstring(e.countClass());
            case "TStreamerSTL", "TStreamerSTLstring" -> b.i32(e.stlType()).i32(e.ctype());
            default -> {
            }
        }
        if (stl >= 0) {
            b.endObject(stl);
        }
        b.endObject(outer);
    }

    /** The class versions of ROOT 6.20's TStreamerElement subclasses (those its tree and STL files use). */
    private static int elementClassVersion(String elementClass) {
        return switch (elementClass) {
            case "TStreamerBase", "TStreamerSTL" -> 3;
            case "TStreamerBasicType", "TStreamerBasicPointer", "TStreamerObject", "TStreamerObjectAny",
                    "TStreamerObjectPointer", "TStreamerString", "TStreamerSTLstring" -> 2;
            default -> throw new IllegalArgumentException("unknown streamer element class " + elementClass);
        };
    }
}
