package dev.lookout.check.db;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a database check offers to conditions: {@code row.COLUMN} (the first row, lower-case column
 * labels; SQL NULL has no value), {@code rows} (rows read, at most {@link SqlCheck#MAX_ROWS}),
 * {@code latency} and {@code connect_time} (until the session was ready).
 */
record SqlObservation(Map<String, Object> firstRow, long rows, Duration latency, Duration connectTime) implements Observation {
    static final String ROW_PREFIX = "row.";

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "rows" -> Optional.of(rows);
            case "latency" -> Optional.of(latency);
            case "connect_time" -> Optional.of(connectTime);
            default -> placeholder.startsWith(ROW_PREFIX)
                    ? Optional.ofNullable(firstRow.get(placeholder.substring(ROW_PREFIX.length()).toLowerCase(java.util.Locale.ROOT)))
                    : Optional.empty();
        };
    }
}
