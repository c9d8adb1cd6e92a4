package io.github.tauml.rootio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A TDirectory: its keys, and subdirectories opened on demand. */
public final class Directory {
    private final RootFile file;
    private final String path;
    private final List<Key> keys;

    Directory(RootFile file, String path, List<Key> keys) {
        this.file = file;
        this.path = path;
        this.keys = List.copyOf(keys);
    }

    /** "" for the top directory, "mt_inclusive" or "a/b" below it. */
    public String path() {
        return path;
    }

    public List<Key> keys() {
        return keys;
    }

    /** The key of this name with the highest cycle, or of the given cycle ("name;2"). */
    public Key key(String nameAndCycle) throws RootIOException {
        String name = nameAndCycle;
        int cycle = -1;
        int semi = nameAndCycle.lastIndexOf(';');
        if (semi >= 0) {
            name = nameAndCycle.substring(0, semi);
            try {
                cycle = Integer.parseInt(nameAndCycle.substring(semi + 1));
            } catch (NumberFormatException e) {
                throw RootIOException.of(file.path(), where(nameAndCycle), "bad cycle number");
            }
        }
        Key best = null;
        for (Key k : keys) {
            if (k.name().equals(name) && (cycle < 0 ? best == null || k.cycle() > best.cycle() : k.cycle() == cycle)) {
                best = k;
            }
        }
        if (best == null) {
            throw RootIOException.of(file.path(), where(nameAndCycle), "no such object; this directory holds "
                    + summary());
        }
        return best;
    }

    public boolean contains(String name) {
        return keys.stream().anyMatch(k -> k.name().equals(name));
    }

    public Directory subdirectory(String name) throws java.io.IOException {
        Key k = key(name);
        if (!k.className().equals("TDirectory") && !k.className().equals("TDirectoryFile")) {
            throw RootIOException.of(file.path(), where(name), "is a " + k.className() + ", not a directory");
        }
        return file.openDirectory(k, path.isEmpty() ? k.name() : path + "/" + k.name());
    }

    /** The latest cycle of each name, in key order. */
    public List<Key> latestKeys() {
        Map<String, Key> latest = new TreeMap<>();
        for (Key k : keys) {
            latest.merge(k.name(), k, (a, b) -> a.cycle() >= b.cycle() ? a : b);
        }
        List<Key> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparingInt(keys::indexOf));
        return out;
    }

    private String where(String name) {
        return path.isEmpty() ? "'" + name + "'" : "'" + path + "/" + name + "'";
    }

    private String summary() {
        if (keys.isEmpty()) {
            return "no objects";
        }
        List<String> labels = latestKeys().stream().map(k -> k.name() + " (" + k.className() + ")").toList();
        return String.join(", ", labels.size() > 20 ? labels.subList(0, 20) : labels)
                + (labels.size() > 20 ? ", ..." : "");
    }
}
