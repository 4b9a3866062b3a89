package dev.lookout.alert;

import dev.lookout.evaluate.MonitorState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An open outage of one monitor as the engine tracks it (engine lock only): when it started and
 * went down, whether it was acknowledged, which channels heard about it and which notifications
 * were already written (so that a tick does not write them again; the outbox's unique key makes
 * a repeat harmless anyway).
 */
final class Episode {
    final String id;
    final String monitorId;
    final Instant startedAt;
    Instant downAt;
    MonitorState state;
    /** The monitor changes state too often: one FLAPPING alert was sent, nothing more until it is stable. */
    boolean flapping;
    Instant acknowledgedAt;
    String acknowledgedBy;
    /** The operator's silence that held its alert, in words (null: none did). */
    String silenced;
    /** The newest alert written about it: what reminders and escalations repeat. */
    MonitorAlert lastAlert;
    final Set<String> notifiedChannels = new HashSet<>();
    final Set<String> writtenKeys = new HashSet<>();
    /**
     * Withdrawals of its unsent alerts in flight (the mass-failure guard asks the outbox, outside
     * the engine's lock); meanwhile its new notifications wait in {@link #deferred}, because which
     * channels heard of it is only known once the outbox has answered.
     */
    int withdrawals;
    final List<OutboxEntry> deferred = new ArrayList<>();

    Episode(String id, String monitorId, Instant startedAt, MonitorState state) {
        this.id = id;
        this.monitorId = monitorId;
        this.startedAt = startedAt;
        this.state = state;
    }

    static String id(String monitorId, Instant startedAt) {
        return monitorId + "@" + startedAt.toEpochMilli();
    }

    EpisodeRecord record(Instant resolvedAt) {
        return new EpisodeRecord(id, monitorId, startedAt, downAt, flapping ? AlertEngine.FLAPPING_STATE : state.name(), resolvedAt,
                acknowledgedAt, acknowledgedBy, silenced);
    }

    boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
