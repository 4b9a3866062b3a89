package dev.lookout.check.websocket;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Optional;

/** What a WebSocket check offers to conditions: {@code status} (101), {@code message} (first text message) and {@code latency}. */
record WebSocketObservation(int status, String message, Duration latency) implements Observation {

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "status" -> Optional.of((long) status);
            case "message" -> Optional.ofNullable(message);
            case "latency" -> Optional.of(latency);
            default -> Optional.empty();
        };
    }
}
