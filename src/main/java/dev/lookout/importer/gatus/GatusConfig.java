package dev.lookout.importer.gatus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one mapping of the Gatus configuration and remembers which keys were read, so that the
 * keys nobody read (settings Lookout has no place for) can be named in the report.
 */
final class GatusConfig {
    private final JsonNode node;
    private final Set<String> read = new TreeSet<>();

    GatusConfig(JsonNode node) {
        this.node = node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    JsonNode node(String key) {
        read.add(key);
        return node.path(key);
    }

    /** The scalar as text, or null when absent, null or blank. */
    String text(String key) {
        JsonNode value = node(key);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    Boolean flag(String key) {
        JsonNode value = node(key);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isTextual() ? Boolean.valueOf(value.asText().trim()) : null;
    }

    Integer number(String key) {
        JsonNode value = node(key);
        if (value.isNumber()) {
            return value.intValue();
        }
        return value.isTextual() && value.asText().trim().matches("\\d+") ? Integer.valueOf(value.asText().trim()) : null;
    }

    void ignore(String... keys) {
        read.addAll(Set.of(keys));
    }

    /** Keys present with a value (not false, not empty) that were never read. */
    Set<String> unread() {
        Set<String> unread = new TreeSet<>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            boolean empty = v.isNull() || v.isBoolean() && !v.booleanValue() || v.isContainerNode() && v.isEmpty()
                    || v.isTextual() && v.asText().isBlank();
            if (!read.contains(e.getKey()) && !empty) {
                unread.add(e.getKey());
            }
        });
        return unread;
    }
}
