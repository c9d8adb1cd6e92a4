package io.github.tauml.rootio.streamer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The class layouts a file declares in its StreamerInfo record, by class name and version. */
public final class StreamerRegistry {
    private final Map<String, Map<Integer, ClassInfo>> byName = new HashMap<>();

    public void add(ClassInfo info) {
        byName.computeIfAbsent(info.name(), k -> new HashMap<>()).put(info.version(), info);
    }

    /** The layout of this exact version, or the only one the file has when the version is unknown (foreign classes). */
    public ClassInfo find(String className, int version) {
        Map<Integer, ClassInfo> versions = byName.get(className);
        if (versions == null) {
            return null;
        }
        ClassInfo exact = versions.get(version);
        if (exact != null) {
            return exact;
        }
        return versions.size() == 1 && version <= 1 ? versions.values().iterator().next() : null;
    }

    public Collection<ClassInfo> all() {
        return byName.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
