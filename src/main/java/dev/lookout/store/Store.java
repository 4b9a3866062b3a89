package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Lookout persists, behind one interface with one implementation per database. All
 * SQL lives behind it. Writes of results and state changes are queued and written in batches by a
 * background writer, so a slow disk never delays a check; reads see what has been flushed.
 */
public interface Store extends AutoCloseable {

    /**
     * Makes the stored monitors match the configuration: inserts or updates the given ones and
     * marks the others as removed (kept with their history, never deleted because a query did not
     * return them). Synchronous.
     */
    void syncMonitors(Collection<MonitorRecord> monitors);

    /** Queues one result (and its rollup update) for the batch writer; never blocks on I/O. */
    void append(CheckResult result);

    /** Queues one state change; written in order with the results. */
    void append(StateChange change);

    /**
     * Queues one state change with the episodes and notifications it caused: all written in one
     * transaction, so that a crash leaves either the change and its notifications or neither.
     */
    default void append(StateChange change, AlertWrites alerts) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store alerts");
    }

    /**
     * Queues episodes and notifications that no state change caused (a flapping episode that
     * settled): written in order with the state changes queued before, so that an episode's row
     * never lands before an older version of it. Never blocks on I/O.
     */
    void append(AlertWrites alerts);

    /** The alert episodes and the notification outbox. */
    default Outbox outbox() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no outbox");
    }

    /**
     * Blocks until everything queued before this call is written, and the rollups kept in memory
     * are written to the rollups table (or fails).
     */
    void flush();

    /** The state each known monitor was last in, from the newest stored state change. */
    Map<String, MonitorState> lastStates();

    Optional<CheckResult> lastResult(String monitorId);

    /** Newest first, at most {@code limit}. */
    List<CheckResult> recentResults(String monitorId, int limit);

    /** Newest first, at most {@code limit}. */
    List<StateChange> stateChanges(String monitorId, int limit);

    /** Rollups of one monitor with {@code from <= periodStart < to}, oldest first. */
    List<RollupPeriod> rollups(String monitorId, RollupPeriod.Granularity granularity, Instant from, Instant to);

    /** One merged rollup over {@code [from, to)} (whole hours), or a rollup with count 0. */
    RollupPeriod summary(String monitorId, Instant from, Instant to);

    /** Deletes raw results and pings older than {@code before}; rollups and state changes are kept. Returns rows deleted. */
    int purgeResultsBefore(Instant before);

    /**
     * Throws with a reason when the store cannot currently write (used by /readyz). Answers from
     * memory at once, whatever the database does: the health probe and the writer keep it current.
     */
    void checkWritable();

    /** What is known about the storage now: failing since when and why, or fine. */
    StorageHealth health();

    /** The cluster's membership table. */
    dev.lookout.cluster.Members members();

    /** The cluster's leader lease. */
    dev.lookout.cluster.LeaderLease leaderLease();

    /**
     * Accepts the database as it is now when it is not the one Lookout was using (empty, replaced,
     * an older copy): migrates it, remembers it, and writing resumes.
     *
     * @return the accepted database's id
     */
    String acceptNewDatabase();

    /** Results and state changes queued but not yet written. */
    int pendingWrites();

    /**
     * Every stored monitor, including those removed from the configuration, ordered by id.
     * A default so that in-memory fakes written against the first version of this interface
     * keep compiling.
     */
    default List<StoredMonitor> monitors() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not list monitors");
    }

    /** Counters of the batch writer, for metrics; a default for the same reason as {@link #monitors()}. */
    default StoreStats stats() {
        return StoreStats.NONE;
    }

    /**
     * Writes pings in one transaction and returns when they are committed: the heartbeat ingest
     * answers 200 only after this. Synchronous, unlike {@link #append(CheckResult)}: the caller
     * groups concurrent pings into one call.
     */
    default void appendPings(List<Ping> pings) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store pings");
    }

    /**
     * Hands each ping received at or after {@code since} to {@code each}, oldest first, without
     * its body (replayed on the saved {@link HeartbeatMemory} at start-up). Streams: uses the
     * index on the receive time and holds no more than a fetch's rows.
     */
    default void replayPingsSince(Instant since, Consumer<Ping> each) {
    }

    /** The saved memory of every heartbeat monitor that has one. */
    default List<HeartbeatMemory> heartbeatMemories() {
        return List.of();
    }

    /** Saves (inserts or replaces) these monitors' memories in one transaction. Synchronous. */
    default void saveHeartbeatMemories(Collection<HeartbeatMemory> memories) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store heartbeat memories");
    }

    /**
     * The newest pings of one monitor, newest first, at most {@code limit}. Reads the whole table
     * (there is no index by monitor): for tests and tools, not for a hot path.
     */
    default List<Ping> lastPings(String monitorId, int limit) {
        return List.of();
    }

    /** How many pings of one monitor are stored. */
    default long pingCount(String monitorId) {
        return 0;
    }

    /** How many pings are stored, all monitors together (for the ingest benchmark). */
    default long pingCount() {
        return 0;
    }

    /** Incidents and scheduled maintenances, on the same database. */
    default dev.lookout.incident.IncidentRepository incidents() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store incidents");
    }

    /** Results, state changes and alert episodes over a span of time, for postmortem timelines; same database. */
    default dev.lookout.incident.MonitorHistory monitorHistory() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not read monitor history");
    }

    /** Status-page subscribers, on the same database (their notifications go through {@link #outbox()}). */
    default dev.lookout.subscribe.Subscribers subscribers() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not store subscribers");
    }

    /** Flushes and closes. */
    @Override
    void close();
}
