package dev.lookout.importer;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One mapping of the written configuration, keys in the order they are put. Absent values (null,
 * an empty list or mapping) are not put, so that a translation can put every key it knows and
 * the file shows only what was set.
 */
public final class Node {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    public Node put(String key, Object value) {
        if (value == null || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof Node n && n.entries.isEmpty()) {
            return this;
        }
        entries.put(key, value);
        return this;
    }

    public Node putAll(Node other) {
        other.entries.forEach(this::put);
        return this;
    }

    public Object get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Object remove(String key) {
        return entries.remove(key);
    }

    Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }
}
