package dev.lookout.heartbeat;

import dev.lookout.condition.Observation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** What conditions of a heartbeat monitor read from one ping: {@code duration}, {@code exit_code}, {@code body}, {@code kind}. */
record HeartbeatObservation(Ping ping) implements Observation {

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "duration" -> Optional.ofNullable(ping.durationMs()).map(Duration::ofMillis);
            case "exit_code" -> Optional.ofNullable(ping.exitCode()).map(Integer::longValue);
            case "body" -> Optional.of(new String(ping.body(), StandardCharsets.UTF_8));
            case "kind" -> Optional.of(ping.kind().code());
            default -> Optional.empty();
        };
    }
}
