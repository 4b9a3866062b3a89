package dev.lookout.condition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An observation from plain values, and parse-then-evaluate for the condition tests. */
final class Evaluations {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    /** What an HTTP check against a small JSON API might see. */
    static final Observation HTTP = of(Map.of(
            "status", 503L,
            "latency", Duration.ofMillis(420),
            "body", "{\"status\":\"ok\",\"queue\":{\"depth\":12},\"name\":\"Zoë\",\"ok\":true,\"ratio\":0.5,"
                    + "\"items\":[1,2,3],\"nothing\":null,\"stats\":{\"updated_at\":\"2025-06-01T11:58:30Z\"}}",
            "header.content-type", "application/json; charset=utf-8",
            "header.x-count", "42"));

    private Evaluations() {
    }

    static Observation of(Map<String, ?> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return placeholder -> Optional.ofNullable(copy.get(placeholder));
    }

    static Observation of(String name, Object value) {
        return of(Map.of(name, value));
    }

    static ConditionResult eval(String source, Observation observation) {
        try {
            return ConditionParser.parse(source).evaluate(observation, NOW);
        } catch (ConditionSyntaxException e) {
            throw new AssertionError("'" + source + "' does not parse: " + e.getMessage() + " at col " + e.column(), e);
        }
    }

    static ConditionResult eval(String source) {
        return eval(source, HTTP);
    }

    static boolean passes(String source) {
        return eval(source).passed();
    }

    static boolean passes(String source, Observation observation) {
        return eval(source, observation).passed();
    }

    static List<String> subjects(String source) throws ConditionSyntaxException {
        return List.copyOf(ConditionParser.parse(source).subjects());
    }
}
