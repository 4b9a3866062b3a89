package dev.lookout.config;

import com.cronutils.model.time.ExecutionTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * One entry of {@code maintenance:}: a window during which the monitors it names (by id, tag or
 * component) send no alerts and show as under maintenance, while their results are still checked
 * and stored. Either one-off ({@code from}/{@code until}) or recurring ({@code cron} +
 * {@code duration} in a time zone).
 */
public record MaintenanceWindowConfig(String id, String name, Set<String> monitors, Set<String> components,
                                      Set<String> tags, Window window) {

    public MaintenanceWindowConfig {
        monitors = Set.copyOf(monitors);
        components = Set.copyOf(components);
        tags = Set.copyOf(tags);
    }

    /** Whether this window covers the monitor (a window naming nothing covers nothing: that is a config error). */
    public boolean covers(MonitorConfig monitor) {
        return monitors.contains(monitor.id()) || (monitor.componentId() != null && components.contains(monitor.componentId()))
                || monitor.tags().stream().anyMatch(tags::contains);
    }

    public boolean activeAt(Instant at) {
        return window.activeAt(at);
    }

    /** When a window is open. */
    public sealed interface Window {
        boolean activeAt(Instant at);

        /** For messages and the API. */
        String describe();
    }

    /** From {@code from} (inclusive) to {@code until} (exclusive). */
    public record OneOff(Instant from, Instant until) implements Window {
        @Override
        public boolean activeAt(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }

        @Override
        public String describe() {
            return from + " to " + until;
        }
    }

    /** Each time the five-field Unix cron expression fires in {@code zone}, for {@code duration}. */
    public record Recurring(String cron, ZoneId zone, Duration duration, ExecutionTime executionTime) implements Window {
        @Override
        public boolean activeAt(Instant at) {
            // lastExecution is strictly before its argument; a millisecond later makes a start at exactly `at` count.
            return executionTime.lastExecution(ZonedDateTime.ofInstant(at.plusMillis(1), zone))
                    .map(start -> at.isBefore(start.toInstant().plus(duration)))
                    .orElse(false);
        }

        @Override
        public String describe() {
            return "cron '" + cron + "' (" + zone.getId() + ") for " + dev.lookout.condition.Durations.format(duration);
        }
    }
}
