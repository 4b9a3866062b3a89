package dev.lookout.condition;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import java.util.Optional;

/** Resolves a condition's subject: plain placeholders from the observation, {@code body.$...} by JSONPath. */
final class Subjects {
    static final String JSON_BODY_PREFIX = "body.$";

    private Subjects() {
    }

    static Optional<Object> resolve(String subject, Observation observation) {
        if (!subject.startsWith(JSON_BODY_PREFIX)) {
            return observation.value(subject);
        }
        Optional<Object> body = observation.value("body");
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            Object value = JsonPath.parse(String.valueOf(body.get())).read(subject.substring("body.".length()));
            return Optional.ofNullable(value);
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // Not JSON, or not the shape the path expects: the condition fails with no value.
            return Optional.empty();
        }
    }

    /** Checks a JSONPath subject at load time; returns an error message or null. */
    static String validateJsonPath(String subject) {
        try {
            JsonPath.compile(subject.substring("body.".length()));
            return null;
        } catch (InvalidPathException e) {
            return "invalid JSONPath '" + subject.substring("body.".length()) + "': " + e.getMessage();
        }
    }
}
