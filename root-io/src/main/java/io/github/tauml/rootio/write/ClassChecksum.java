package io.github.tauml.rootio.write;

import io.github.tauml.rootio.streamer.ClassInfo;
import io.github.tauml.rootio.streamer.StreamerElement;
import java.util.List;

/**
 * ROOT's class checksum (TClass::GetCheckSum, kLatestCheckSum) computed from a class layout: a running
 * {@code id = id * 3 + c} (32-bit, unsigned) over the class name, each base's name and checksum, and each member's
 * name, type name, array dimensions and the counter in a {@code [n]} title. Readers compare it with the checksum
 * their own dictionary computes, so it must match ROOT's bit for bit.
 */
final class ClassChecksum {
    private ClassChecksum() {
    }

    /** A data member ROOT's dictionary knows but the StreamerInfo does not list (classes of version 0). */
    record Member(String name, String typeName) {
    }

    static long of(ClassInfo info, List<Member> unstreamed) {
        int id = hash(0, info.name());
        // A vector hashes only its name: its one "This" element is no data member.
        if (info.name().startsWith("vector<")) {
            return Integer.toUnsignedLong(id);
        }
        for (StreamerElement e : info.elements()) {
            if (isBase(e)) {
                id = hash(id, e.name());
                id = id * 3 + e.maxIndex()[1];
            }
        }
        for (StreamerElement e : info.elements()) {
            if (isBase(e)) {
                continue;
            }
            if (isEnum(e)) {
                id = id * 3 + 1;
            }
            id = hash(id, e.name());
            id = hash(id, e.typeName());
            for (int i = 0; i < e.arrayDim(); i++) {
                id = id * 3 + e.maxIndex()[i];
            }
            String counter = counterInTitle(e.title());
            if (counter != null) {
                id = hash(id, counter);
            }
        }
        for (Member m : unstreamed) {
            id = hash(hash(id, m.name()), m.typeName());
        }
        return Integer.toUnsignedLong(id);
    }

    private static boolean isBase(StreamerElement e) {
        return e.elementClass().equals("TStreamerBase");
    }

    /** An enum member streams as an int but carries its enum's name (e.g. TH1::EBinErrorOpt) as type name. */
    private static boolean isEnum(StreamerElement e) {
        return e.type() == 3 && !e.typeName().equals("int") && !e.typeName().equals("Int_t");
    }

    /** The text between '[' and ']' when the title starts with it (after blanks), as in "[fN] Array of ...". */
    private static String counterInTitle(String title) {
        String t = title.stripLeading();
        if (!t.startsWith("[")) {
            return null;
        }
        int close = t.indexOf(']');
        return close < 0 ? null : t.substring(1, close);
    }

    private static int hash(int id, String s) {
        for (int i = 0; i < s.length(); i++) {
            id = id * 3 + s.charAt(i);
        }
        return id;
    }
}
