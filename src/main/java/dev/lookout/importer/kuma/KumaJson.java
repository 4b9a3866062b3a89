package dev.lookout.importer.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON Kuma keeps inside text columns: headers, status-code lists, weekday lists. */
final class KumaJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KumaJson() {
    }

    /** A JSON object of scalars as text, or null when the text is not one. */
    static Map<String, Object> object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            return map;
        } catch (IOException e) {
            return null;
        }
    }

    /** A JSON array (or a list already parsed) as text items; empty when it is neither. */
    static List<String> list(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> items.add(String.valueOf(item)));
            return items;
        }
        if (value == null) {
            return items;
        }
        try {
            JsonNode node = JSON.readTree(value.toString());
            if (node != null && node.isArray()) {
                node.forEach(item -> items.add(item.asText()));
            }
        } catch (IOException e) {
            // not a list: nothing
        }
        return items;
    }
}
