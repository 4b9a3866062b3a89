package dev.lookout.check.tcp;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Optional;

/** What a TCP check offers to conditions: {@code connected}, {@code latency}, {@code reply} (first 4 KiB read). */
record TcpObservation(Duration latency, String reply) implements Observation {

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "connected" -> Optional.of(Boolean.TRUE);
            case "latency" -> Optional.of(latency);
            case "reply" -> Optional.of(reply);
            default -> Optional.empty();
        };
    }
}
