package io.github.tauml.rootio.write;

import io.github.tauml.rootio.Key;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A directory being written: where its record is, the keys it lists and its subdirectories. */
final class DirectoryNode {
    final String name;
    final DirectoryNode parent;
    /** Position of the directory's key record (fSeekDir) and that key's header length plus names (fNbytesName). */
    final long seekDir;
    final int nbytesName;
    final int keylen;
    final List<Key> keys = new ArrayList<>();
    final Map<String, DirectoryNode> children = new LinkedHashMap<>();
    /** Names taken in this directory, including trees whose key is written only when they close. */
    private final Map<String, String> taken = new LinkedHashMap<>();

    DirectoryNode(String name, DirectoryNode parent, long seekDir, int keylen, int nbytesName) {
        this.name = name;
        this.parent = parent;
        this.seekDir = seekDir;
        this.keylen = keylen;
        this.nbytesName = nbytesName;
    }

    /** "" for the top directory, "a/b" below it. */
    String path() {
        if (parent == null) {
            return "";
        }
        String p = parent.path();
        return p.isEmpty() ? name : p + "/" + name;
    }

    void reserve(String objectName, String what) {
        String previous = taken.putIfAbsent(objectName, what);
        if (previous != null) {
            String where = path().isEmpty() ? "the top directory" : "directory '" + path() + "'";
            throw new IllegalArgumentException(where + " already holds " + previous + " '" + objectName
                    + "'; cannot add " + what + " of the same name");
        }
    }

    /** This directory and every directory below it, parents first. */
    List<DirectoryNode> withDescendants() {
        List<DirectoryNode> out = new ArrayList<>();
        out.add(this);
        for (DirectoryNode c : children.values()) {
            out.addAll(c.withDescendants());
        }
        return out;
    }
}
