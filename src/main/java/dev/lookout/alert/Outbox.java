package dev.lookout.alert;

import dev.lookout.evaluate.MassFailureGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stored side of alerting: episodes, the notification outbox and the bookkeeping that lets a
 * restart neither lose nor repeat a notification; implemented in {@code store}. Notifications
 * caused by a state change are written with it
 * ({@link AlertStore#append(dev.lookout.evaluate.StateChange, AlertWrites)}); the
 * others (reminders, escalations, acknowledgements, messages about Lookout) through
 * {@link #write}. Senders claim due rows with a lease, so that a sender that dies mid-delivery
 * leaves them to be claimed again.
 */
public interface Outbox {

    /** Writes episodes and notifications in one transaction, now (not queued). Existing dedup keys are kept. */
    void write(AlertWrites writes);

    /**
     * Claims up to {@code limit} pending notifications due at {@code now} that no live claim
     * holds, for {@code lease}; returns them urgent first ({@link OutboxEntry#urgent()}), then oldest first.
     */
    default List<NotificationRecord> claimDue(String node, Instant now, Duration lease, int limit) {
        return claimDue(node, now, lease, limit, Duration.ZERO);
    }

    /**
     * As {@link #claimDue(String, Instant, Duration, int)}, and, on a database several nodes
     * share, at most one message per channel per {@code groupWindow} across all of them: a
     * channel's rows are claimed only once its window is over, and claiming them starts the next.
     * Urgent rows are claimed whatever the window.
     */
    List<NotificationRecord> claimDue(String node, Instant now, Duration lease, int limit, Duration groupWindow);

    /**
     * Makes the pending notifications claimed by any node but these live ones claimable again at
     * once: a node that died holds its claims no longer than the cluster takes to see it dead.
     *
     * @return how many were released
     */
    int releaseClaimsExcept(java.util.Collection<String> liveNodes, Instant now);

    void delivered(List<Long> ids, Instant at, long durationMs);

    /** Records a failed attempt and when to try again; releases the claim. */
    void failed(List<Long> ids, Instant at, String error, Instant nextAttempt, long durationMs);

    /** Gives up on notifications: they stay in the outbox with status {@code dead} and the last error. */
    void dead(List<Long> ids, Instant at, String error);

    /**
     * Gives a dead notification one more attempt: pending again, due at {@code now}, with its
     * attempts, last error and delivery id kept. The sender's limits still apply, so a retry that
     * fails is dead again at once, with the new error.
     *
     * @return false when no dead notification has this id
     */
    boolean retry(long id, Instant now);

    /** Releases the claims a node holds (at its start: a claim of a previous run of this node is stale). */
    int releaseClaims(String node);

    /**
     * Takes back the episode's notifications that nobody tried to send yet (pending, never
     * attempted, not claimed), or only those of routes marked {@code action}; returns their dedup
     * keys. What a sender already holds goes out.
     */
    List<String> withdraw(String episodeId, boolean onlyActions, Instant now);

    /** Newest first; {@code status} and {@code episodeId} filter when not null. */
    default List<NotificationRecord> notifications(String status, String episodeId, int limit) {
        return notifications(status, episodeId, null, limit);
    }

    /** Where a page of notifications, newest first, ended: its last notification's creation time and id. */
    record NotificationKey(Instant createdAt, long id) {
    }

    /**
     * Newest first (by creation, then id); {@code status} and {@code episodeId} filter when not null;
     * only those after {@code after} in that order (older) when it is not null: the page after it.
     */
    List<NotificationRecord> notifications(String status, String episodeId, NotificationKey after, int limit);

    /** The notifications to one channel, newest first: what the channels page shows of its recent deliveries. */
    List<NotificationRecord> notificationsTo(String channelId, int limit);

    List<EpisodeRecord> openEpisodes();

    Optional<EpisodeRecord> episode(String id);

    /** Newest first; all monitors when {@code monitorId} is null. */
    default List<EpisodeRecord> episodes(String monitorId, int limit) {
        return episodes(monitorId, null, limit);
    }

    /** Where a page of episodes, newest first, ended: its last episode's start and id. */
    record EpisodeKey(Instant startedAt, String id) {
    }

    /**
     * Newest first (by start, then id); all monitors when {@code monitorId} is null; only those after
     * {@code after} in that order (older) when it is not null: the page after it.
     */
    List<EpisodeRecord> episodes(String monitorId, EpisodeKey after, int limit);

    /** Marks an open, unacknowledged episode acknowledged; false when it is resolved, acknowledged or unknown. */
    boolean acknowledge(String episodeId, Instant at, String by);

    /** Takes back the acknowledgement of an open episode; false when it is resolved, not acknowledged or unknown. */
    boolean unacknowledge(String episodeId);

    /** The node's mass-failure guard as it last wrote it; {@link MassFailureGuard.State#INACTIVE} if never. */
    MassFailureGuard.State massFailureGuard(String node);

    /**
     * The monitors some node's active mass-failure guard holds and has not confirmed, each with when
     * that guard tripped: what the probes are asked about (see {@link dev.lookout.probe.SecondOpinions}).
     * Only the guards of nodes seen alive since {@code aliveSince} count: a dead node's guard asks nothing.
     */
    java.util.Map<String, Instant> heldByGuards(Instant aliveSince);

    /** When this node last said it was alive, if ever. */
    Optional<Instant> lastSeen(String node);

    void seen(String node, Instant startedAt, Instant at);

    /** A secret of Lookout's own, created once and kept (the key that signs acknowledge links). */
    String secret(String name, Supplier<String> create);
}
