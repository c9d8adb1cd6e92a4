package io.github.tauml.rootio.tree;

import java.util.Collections;
import java.util.Map;
import java.util.NoSuchElementException;

/** Several branches read over the same entry range. */
public record Columns(long firstEntry, long entries, Map<String, Column> columns) {
    public Columns {
        columns = Collections.unmodifiableMap(columns);
    }

    public Column get(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new NoSuchElementException("column '" + name + "' was not read; read " + columns.keySet());
        }
        return c;
    }
}
