package dev.lookout.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Node} tree as YAML in block style. Plain strings are escaped for Lookout's
 * environment substitution ({@code ${} becomes {@code $${}), so text taken from another tool never
 * turns into a reference by accident; {@link Variable} and {@link Verbatim} values are references
 * on purpose.
 */
final class YamlText {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private YamlText() {
    }

    static String write(List<String> comments, Node root) {
        StringBuilder out = new StringBuilder();
        comments.forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        Map<String, Object> tree = plain(root);
        if (tree.isEmpty()) {
            // an empty file is not a valid configuration; an empty mapping is
            return out.append("{}\n").toString();
        }
        try {
            // one blank line between the top-level sections, for the reader
            for (Map.Entry<String, Object> section : tree.entrySet()) {
                out.append('\n').append(YAML.writeValueAsString(Map.of(section.getKey(), section.getValue())));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, Object> plain(Node node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> map.put(key, plain(value)));
        return map;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case Node node -> plain(node);
            case Variable variable -> variable.toString();
            case Verbatim verbatim -> verbatim.text();
            case String text -> text.replace("${", "$${");
            case Collection<?> items -> {
                List<Object> list = new ArrayList<>();
                items.forEach(item -> list.add(plain(item)));
                yield list;
            }
            case Map<?, ?> entries -> {
                Map<String, Object> map = new LinkedHashMap<>();
                entries.forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
                yield map;
            }
            default -> value;
        };
    }
}
