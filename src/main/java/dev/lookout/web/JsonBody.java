package dev.lookout.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request's JSON body into a record, turning every problem into a 400 that names the
 * field and position ("unknown field 'stauts' at line 1, col 12 (known: status, body)") in the
 * API's words, not Java's, never a 500. Text with control characters (a NUL, say) is refused
 * rather than stored, and times must lie between the years 1970 and 9999, which every store can
 * hold.
 */
public final class JsonBody {
    /** The earliest and latest time a body may carry: what epoch milliseconds in every store can hold, and sane. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final String TIME = "a time in ISO-8601 with a zone, e.g. 2026-12-01T02:00:00Z";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new BoundedInstant()))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {
    }

    public static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest("expected a JSON object in the request body");
        }
        try {
            refuseControlCharacters(JSON.readTree(body), "");
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("expected a JSON object in the request body, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'" + where(e) + known);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String problem = e.getOriginalMessage() == null ? "invalid value" : e.getOriginalMessage().split("\n")[0];
            if (problem.startsWith("Cannot map `null`")) {
                problem = "is required";
            } else if (e instanceof InvalidFormatException invalid && "out of range".equals(invalid.getOriginalMessage())) {
                problem = "'" + invalid.getValue() + "' is not between " + EARLIEST + " and " + LATEST;
            } else if (e instanceof InvalidFormatException invalid) {
                problem = "'" + invalid.getValue() + "' is not " + expected(invalid.getTargetType());
            } else if (problem.startsWith("Numeric value")) {
                problem = "the number is out of range";
            } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
                problem = "expected " + expected(mismatched.getTargetType());
            }
            if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
                problem = cause.getMessage();
            }
            throw ApiException.badRequest((field.isEmpty() ? "" : "field '" + field + "': ") + problem + where(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON" + where(e) + ": " + e.getOriginalMessage());
        }
    }

    /** What a value of this type is, in the API's words. */
    private static String expected(Class<?> type) {
        if (type == Instant.class) {
            return TIME;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase())
                    .collect(Collectors.joining(", "));
        }
        return "an object";
    }

    /** Refuses text (values and field names) with a control character other than tab, line feed and return. */
    private static void refuseControlCharacters(JsonNode node, String path) {
        if (node.isTextual()) {
            refuse(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                refuse(field.getKey(), at);
                refuseControlCharacters(field.getValue(), at);
            }
        }
    }

    static void refuse(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                throw ApiException.badRequest("field '" + path + "': contains a control character (U+"
                        + String.format("%04X", (int) c) + "), which Lookout does not store");
            }
        }
    }

    /** An ISO-8601 instant between {@link #EARLIEST} and {@link #LATEST}. */
    private static final class BoundedInstant extends StdDeserializer<Instant> {
        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
                throw InvalidFormatException.from(parser, "out of range", parser.getText(), Instant.class);
            }
            return value;
        }
    }

    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", col " + location.getColumnNr();
    }
}
