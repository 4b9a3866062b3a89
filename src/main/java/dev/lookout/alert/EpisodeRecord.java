package dev.lookout.alert;

import java.time.Instant;

/**
 * One alert episode as stored: one outage of one monitor from its first non-UP state to its
 * recovery. {@code downAt}, {@code resolvedAt} and the acknowledgement are null until they happen.
 *
 * @param silenced the operator's silence that held its alert, in words; null when none did
 */
public record EpisodeRecord(String id, String monitorId, Instant startedAt, Instant downAt, String state,
                            Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy, String silenced) {

    /** Not silenced. */
    public EpisodeRecord(String id, String monitorId, Instant startedAt, Instant downAt, String state,
                         Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy) {
        this(id, monitorId, startedAt, downAt, state, resolvedAt, acknowledgedAt, acknowledgedBy, null);
    }

    public boolean open() {
        return resolvedAt == null;
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
