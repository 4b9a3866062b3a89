package dev.lookout.check.redis;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a Redis check offers to conditions: {@code ping}, {@code info.FIELD}, {@code value} (GET) and {@code latency}. */
record RedisObservation(Duration latency, String ping, Map<String, Object> info, String value) implements Observation {
    static final String INFO_PREFIX = "info.";

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "latency" -> Optional.of(latency);
            case "ping" -> Optional.of(ping);
            case "value" -> Optional.ofNullable(value);
            default -> placeholder.startsWith(INFO_PREFIX)
                    ? Optional.ofNullable(info.get(placeholder.substring(INFO_PREFIX.length())))
                    : Optional.empty();
        };
    }
}
