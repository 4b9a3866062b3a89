package dev.lookout.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/**
 * Reads a request's JSON body into a record, turning every problem into a 400 that names the
 * field and position ("unknown field 'stauts' at line 1, col 12 (known: status, body)"), never a
 * 500.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
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
            }
            if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
                problem = cause.getMessage();
            }
            throw ApiException.badRequest((field.isEmpty() ? "" : "field '" + field + "': ") + problem + where(e));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON" + where(e) + ": " + e.getOriginalMessage());
        }
    }

    private static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", col " + location.getColumnNr();
    }
}
