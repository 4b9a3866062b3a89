package dev.lookout.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON an audit entry keeps of an object, with every secret replaced by {@value #REDACTED}:
 * passwords, tokens, keys, hashes and CSRF tokens by their field name, and the values of
 * {@code url} fields and of texts that are one web URL cut to their scheme and host (a webhook URL's path or query often is its secret). Anything written to the
 * audit log passes through here.
 */
public final class AuditJson {
    public static final String REDACTED = "[redacted]";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private AuditJson() {
    }

    /** The value as JSON without secrets; null for null. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode node = value instanceof JsonNode json ? json.deepCopy() : JSON.valueToTree(value);
        try {
            return JSON.writeValueAsString(redact(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Request text as JSON without secrets: null when it is empty or not JSON. */
    public static String ofText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Form fields as a JSON object without secrets. */
    public static String ofForm(Map<String, java.util.List<String>> fields) {
        ObjectNode out = JSON.createObjectNode();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                out.put(name, values.get(0));
            } else {
                values.forEach(out.withArray(name)::add);
            }
        });
        return out.isEmpty() ? null : of(out);
    }

    /** Whether a field of this name holds a secret. */
    static boolean secret(String field) {
        String name = field.toLowerCase(Locale.ROOT).replace('-', '_');
        return name.equals("key") || name.equals("csrf") || name.equals("code") || name.contains("password")
                || name.contains("secret") || name.contains("token") || name.endsWith("_key") || name.endsWith("_hash")
                || name.contains("recovery") || name.equals("authorization") || name.equals("cookie");
    }

    /** Whether a field of this name holds a URL, whose path and query may be its secret (a Slack webhook's are). */
    static boolean url(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.equals("url") || name.endsWith("_url") || name.equals("endpoint");
    }

    /** Whether a text is one web URL and nothing else (a webhook subscriber's address is one). */
    static boolean wholeUrl(String text) {
        return (text.startsWith("http://") || text.startsWith("https://")) && text.chars().noneMatch(Character::isWhitespace);
    }

    private static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (secret(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else if (field.getValue().isTextual() && (url(field.getKey()) || wholeUrl(field.getValue().asText()))) {
                    field.setValue(TextNode.valueOf(withoutSecrets(field.getValue().asText())));
                } else {
                    field.setValue(redact(field.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redact(array.get(i)));
            }
            return array;
        }
        return node;
    }

    /** A URL cut to its scheme and host, the rest marked as redacted; not a URL: all redacted. */
    private static String withoutSecrets(String text) {
        try {
            URI uri = URI.create(text.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return REDACTED;
            }
            boolean more = uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"));
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (more ? "/" + REDACTED : "");
        } catch (IllegalArgumentException e) {
            return REDACTED;
        }
    }
}
