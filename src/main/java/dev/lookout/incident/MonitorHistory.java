package dev.lookout.incident;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.evaluate.StateChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What is stored about monitors over a span of time, as a postmortem {@link Timeline} reads it:
 * results, state changes, and alert episodes with their notifications (SQL in the {@code store}
 * package). Every range is inclusive at both ends. Reads see what the store's batch writer has
 * written, which trails the checks by its flush interval.
 */
public interface MonitorHistory {

    /** State changes of the monitors with {@code from <= at <= to}, oldest first, at most {@code limit}. */
    List<StateChange> stateChanges(Collection<String> monitorIds, Instant from, Instant to, int limit);

    /** The earliest result of the monitor with one of {@code outcomes} and {@code from <= startedAt <= to}. */
    Optional<CheckResult> firstResult(String monitorId, Set<Outcome> outcomes, Instant from, Instant to);

    /**
     * The alert episodes of the monitors that were open at some moment of {@code [from, to]} (started
     * by {@code to}, not resolved before {@code from}), oldest first, at most {@code limit}, each with
     * all its notifications.
     */
    List<AlertEpisode> episodes(Collection<String> monitorIds, Instant from, Instant to, int limit);

    /**
     * One alert episode as stored: one outage of one monitor, who acknowledged it and when (null
     * when nobody did), and its notifications oldest first.
     */
    record AlertEpisode(String id, String monitorId, Instant startedAt, Instant resolvedAt, Instant acknowledgedAt,
                        String acknowledgedBy, List<Notification> notifications) {
        public AlertEpisode {
            notifications = List.copyOf(notifications);
        }
    }

    /**
     * One notification of an episode with its delivery so far.
     *
     * @param kind   the alert kind as stored ({@code DOWN}, {@code STILL_DOWN}, {@code RECOVERED}, ...)
     * @param status {@code pending}, {@code delivered} or {@code dead}
     */
    record Notification(String channelId, String kind, Instant createdAt, String status, int attempts,
                        Instant lastAttemptAt, String lastError, Instant deliveredAt) {
    }
}
