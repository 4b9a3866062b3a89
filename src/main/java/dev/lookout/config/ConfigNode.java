package dev.lookout.config;

import dev.lookout.condition.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A position in the YAML document with its key path, that reads typed values and reports what is
 * wrong with them at the exact line and column. It remembers which keys were read, so that keys
 * nobody read are reported as unknown (a misspelt {@code intervall} is an error, not ignored).
 */
public final class ConfigNode {
    private final Node node;
    private final String path;
    private final Mark fallbackMark;
    private final ConfigErrors errors;
    private final EnvironmentSubstitution environment;
    private final Map<String, NodeTuple> entries;
    private final Set<String> read = new LinkedHashSet<>();
    /** The document's top node; a type may need a top-level setting (e.g. heartbeat.ping_key). */
    private final ConfigNode root;

    ConfigNode(Node node, String path, Mark fallbackMark, ConfigErrors errors, EnvironmentSubstitution environment) {
        this(node, path, fallbackMark, errors, environment, null);
    }

    private ConfigNode(Node node, String path, Mark fallbackMark, ConfigErrors errors, EnvironmentSubstitution environment,
                       ConfigNode root) {
        this.root = root == null ? this : root;
        this.node = node;
        this.path = path;
        this.fallbackMark = node != null ? node.getStartMark() : fallbackMark;
        this.errors = errors;
        this.environment = environment;
        this.entries = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
                if (entries.putIfAbsent(key, tuple) != null) {
                    at(tuple.getKeyNode().getStartMark(), childPath(key), "duplicate key '" + key + "'");
                }
            }
        }
    }

    /** Values claimed as unique across the document ({@link #claimUnique}); used on the root only. */
    private final Map<String, String> claims = new java.util.HashMap<>();

    /**
     * Claims {@code value} of {@code key} as unique in the whole document (e.g. a heartbeat's
     * uuid); returns the path of the node that claimed it first, if another did.
     */
    public Optional<String> claimUnique(String key, String value) {
        String first = root.claims.putIfAbsent(key + "\u0000" + value, path);
        return first == null || first.equals(path) ? Optional.empty() : Optional.of(first);
    }

    /** The top of the document this node belongs to. */
    public ConfigNode root() {
        return root;
    }

    public String path() {
        return path;
    }

    public boolean isPresent() {
        return node != null;
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The child at {@code key}; a missing child is a node whose {@link #isPresent()} is false. */
    public ConfigNode get(String key) {
        read.add(key);
        NodeTuple tuple = entries.get(key);
        return new ConfigNode(tuple == null ? null : tuple.getValueNode(), childPath(key),
                tuple == null ? fallbackMark : tuple.getKeyNode().getStartMark(), errors, environment, root);
    }

    /** Reports an error located at this node. */
    public void error(String message) {
        at(fallbackMark, path, message);
    }

    /** The elements of a sequence; reports an error if this node is present and not a sequence. */
    public List<ConfigNode> elements() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            error("expected a list");
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            out.add(new ConfigNode(sequence.getValue().get(i), path + "[" + i + "]", fallbackMark, errors, environment, root));
        }
        return out;
    }

    /** This scalar's text after environment substitution, or empty (with an error) if it is not a scalar. */
    public Optional<String> text() {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            error("expected a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
            return Optional.empty();
        }
        if (scalar.getTag().getValue().endsWith(":null")) {
            return Optional.empty();
        }
        try {
            return Optional.of(environment.apply(scalar.getValue()));
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return Optional.empty();
        }
    }

    /** The raw scalar text, before environment substitution (what the store keeps, so secrets stay out of it). */
    public Optional<String> rawText() {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    public Optional<String> string(String key) {
        return get(key).text();
    }

    public String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    /** A required string: reports "missing" when absent. */
    public Optional<String> requiredString(String key) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            at(fallbackMark, child.path, "is required");
            return Optional.empty();
        }
        Optional<String> value = child.text();
        if (value.isPresent() && value.get().isBlank()) {
            child.error("must not be empty");
            return Optional.empty();
        }
        return value;
    }

    public Duration duration(String key, Duration defaultValue) {
        ConfigNode child = get(key);
        return child.text().map(t -> Durations.parse(t).orElseGet(() -> {
            child.error("'" + t + "' is not a duration (use e.g. 500ms, 30s, 5m, 1h, 7d)");
            return defaultValue;
        })).orElse(defaultValue);
    }

    /** A duration within [min, max]; outside, the error says so ("must be between 30s and 1d") and the default is used. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Duration value = duration(key, defaultValue);
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            get(key).error("must be between " + Durations.format(min) + " and " + Durations.format(max));
            return defaultValue;
        }
        return value;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        ConfigNode child = get(key);
        return child.text().map(t -> {
            try {
                int value = Integer.parseInt(t.trim());
                if (value < min || value > max) {
                    child.error(value + " is out of range (" + min + ".." + max + ")");
                    return defaultValue;
                }
                return value;
            } catch (NumberFormatException e) {
                child.error("'" + t + "' is not a whole number");
                return defaultValue;
            }
        }).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        ConfigNode child = get(key);
        return child.text().map(t -> switch (t.trim().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                child.error("'" + t + "' is not true or false");
                yield defaultValue;
            }
        }).orElse(defaultValue);
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    public List<String> stringList(String key) {
        ConfigNode child = get(key);
        if (!child.isPresent()) {
            return List.of();
        }
        if (child.node instanceof ScalarNode) {
            return child.text().map(List::of).orElse(List.of());
        }
        List<String> out = new ArrayList<>();
        for (ConfigNode element : child.elements()) {
            element.text().ifPresent(out::add);
        }
        return out;
    }

    /** A mapping of names to strings (e.g. HTTP headers), in file order. */
    public Map<String, String> stringMap(String key) {
        ConfigNode child = get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (!child.isPresent()) {
            return out;
        }
        if (!child.isMapping()) {
            child.error("expected a mapping of names to values");
            return out;
        }
        for (String name : child.entries.keySet()) {
            child.get(name).text().ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    /**
     * Reports every key of this mapping that no reader asked for. Call after all reads, with the
     * keys the reader declares for this mapping: a key read but not declared is a bug in the reader
     * (the JSON Schema, made from the declarations, would lack it), and fails here.
     */
    public void rejectUnknownKeys(List<ConfigKey> declared) {
        Set<String> names = new java.util.HashSet<>();
        declared.forEach(key -> names.add(key.name()));
        for (String key : read) {
            if (!names.contains(key)) {
                throw new IllegalStateException("the reader of '" + path + "' reads the key '" + key
                        + "' but does not declare it (add a ConfigKey for it)");
            }
        }
        if (node != null && !(node instanceof MappingNode)) {
            error("expected a mapping (key: value)");
            return;
        }
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!read.contains(entry.getKey())) {
                String hint = suggestion(entry.getKey());
                at(entry.getValue().getKeyNode().getStartMark(), childPath(entry.getKey()),
                        "unknown key '" + entry.getKey() + "'" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
    }

    /** The raw (unsubstituted) subtree as plain Java maps, lists and strings, for storage and fingerprints. */
    public Object raw() {
        return raw(node);
    }

    private static Object raw(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        if (n instanceof SequenceNode seq) {
            return seq.getValue().stream().map(ConfigNode::raw).toList();
        }
        if (n instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                out.put(String.valueOf(raw(t.getKeyNode())), raw(t.getValueNode()));
            }
            return out;
        }
        return null;
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String known : read) {
            int d = editDistance(unknown, known);
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void at(Mark mark, String where, String message) {
        errors.add(mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, where, message);
    }
}
