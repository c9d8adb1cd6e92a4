package io.github.tauml.rootio.streamer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The class layouts a file declares in its StreamerInfo record, by class name and version; for classes the file
 * does not describe at all, an optional set of built-in layouts (the core I/O classes).
 */
public final class StreamerRegistry {
    private final Map<String, Map<Integer, ClassInfo>> byName = new HashMap<>();
    private Function<String, Optional<ClassInfo>> builtIn = name -> Optional.empty();

    public void add(ClassInfo info) {
        byName.computeIfAbsent(info.name(), k -> new HashMap<>()).put(info.version(), info);
    }

    /** Layouts to use for classes the file's StreamerInfo does not list. */
    public void builtIn(Function<String, Optional<ClassInfo>> layouts) {
        this.builtIn = layouts;
    }

    /**
     * The layout of this exact version, or the only one the file has when the version is unknown (foreign
     * classes); for a class the file does not list, the built-in layout of the same version.
     */
    public ClassInfo find(String className, int version) {
        Map<Integer, ClassInfo> versions = byName.get(className);
        if (versions == null) {
            ClassInfo b = builtIn.apply(className).orElse(null);
            return b != null && (b.version() == version || version <= 0) ? b : null;
        }
        ClassInfo exact = versions.get(version);
        if (exact != null) {
            return exact;
        }
        return versions.size() == 1 && version <= 1 ? versions.values().iterator().next() : null;
    }

    /** Why {@code className} v{@code version} has no layout: what the file and the built-in set hold instead. */
    public String whyMissing(String className, int version) {
        Map<Integer, ClassInfo> versions = byName.get(className);
        Optional<ClassInfo> b = builtIn.apply(className);
        String file = versions == null ? "the file's StreamerInfo does not describe " + className
                : "the file's StreamerInfo describes " + className + " only in version(s) " + versions.keySet();
        return "no layout for " + className + " v" + version + ": " + file + (versions == null
                ? b.map(i -> " and the built-in description is v" + i.version()).orElse(" and none is built in")
                : "");
    }

    public Collection<ClassInfo> all() {
        return byName.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
