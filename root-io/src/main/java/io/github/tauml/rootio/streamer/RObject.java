package io.github.tauml.rootio.streamer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object read through its StreamerInfo: the class name, the version found in the file, and its members
 * (those of its base classes included, flattened in streaming order).
 */
public final class RObject {
    private final String className;
    private final int version;
    private final Map<String, Object> members = new LinkedHashMap<>();
    private String missing = "";

    public RObject(String className, int version) {
        this.className = className;
        this.version = version;
    }

    public String className() {
        return className;
    }

    public int version() {
        return version;
    }

    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    void put(String name, Object value) {
        // A base class's member of the same name (rare, e.g. fName in TNamed only) is never overwritten silently.
        members.putIfAbsent(name, value);
    }

    /** Notes that part of the object was skipped because its layout is unknown (said when a member is asked for). */
    void missing(String why) {
        missing = missing.isEmpty() ? why : missing + "; " + why;
    }

    public boolean has(String name) {
        return members.containsKey(name);
    }

    public Object get(String name) {
        if (!members.containsKey(name)) {
            throw new IllegalStateException(className + " v" + version + " has no member '" + name + "'"
                    + (missing.isEmpty() ? "" : " (" + missing + ")"));
        }
        return members.get(name);
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public int getInt(String name, int fallback) {
        return has(name) ? getInt(name) : fallback;
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? "" : v.toString();
    }

    @SuppressWarnings("unchecked")
    public List<Object> getList(String name) {
        Object v = get(name);
        return v == null ? List.of() : (List<Object>) v;
    }

    public RObject getObject(String name) {
        return (RObject) get(name);
    }

    @Override
    public String toString() {
        return className + " v" + version + members.keySet();
    }
}
