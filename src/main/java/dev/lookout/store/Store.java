package dev.lookout.store;

import dev.lookout.alert.AlertStore;
import dev.lookout.alert.Outbox;
import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.storage.StoreStats;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookout's storage, one implementation per database, with all SQL behind it: results, rollups,
 * state changes, monitors, health and lifecycle here, and the repositories other capabilities
 * own ({@link #pings()}, {@link #alerts()}, {@link #incidents()}, …) handed out whole. Writes of
 * results and state changes are queued and written in batches by a background writer, so a slow
 * disk never delays a check; reads see what has been flushed. Every method is abstract but one
 * default that only passes an empty set on: a second backend or a wrapper implements all of it or
 * does not compile.
 */
public interface Store extends AutoCloseable {

    /**
     * Makes the stored monitors match the configuration: inserts or updates the given ones and
     * marks the others as removed (kept with their history, never deleted because a query did not
     * return them). Synchronous.
     */
    default void syncMonitors(Collection<MonitorRecord> monitors) {
        syncMonitors(monitors, java.util.Set.of());
    }

    /**
     * As {@link #syncMonitors(Collection)}, on a database other nodes share: a monitor that
     * another live node's configuration has ({@code configuredElsewhere}) is not marked removed.
     */
    void syncMonitors(Collection<MonitorRecord> monitors, java.util.Set<String> configuredElsewhere);

    /** Queues one result (and its rollup update) for the batch writer; never blocks on I/O. */
    void append(CheckResult result);

    /**
     * Queues a vantage point's own result of a monitor checked from several places (the server's, on the node that
     * owns it), written with the next batch and read by the other nodes; not the monitor's result, so not rolled up
     * nor its newest. Never blocks on I/O.
     */
    void appendPointResult(String point, CheckResult result);

    /** A vantage point's own result, as the batch writer keeps it. */
    record PointResult(String point, CheckResult result) {
    }

    /**
     * What alerting stores: state changes queued with the episodes and notifications they caused,
     * and the outbox; on the same database.
     */
    AlertStore alerts();

    /** The alert episodes and the notification outbox. */
    Outbox outbox();

    /**
     * Blocks until everything queued before this call is written, and the rollups kept in memory
     * are written to the rollups table (or fails).
     */
    void flush();

    /** The state each known monitor was last in, from the newest stored state change. */
    Map<String, MonitorState> lastStates();

    /**
     * The states of the monitors whose change was decided at or after {@code since} (by the
     * deciding node's clock; a node writes what it buffered later, so read with a margin).
     */
    Map<String, MonitorState> statesChangedSince(Instant since);

    Optional<CheckResult> lastResult(String monitorId);

    /**
     * The results other nodes wrote with an id above {@code cursor}, less those in
     * {@code alreadyRead}: the newest of each monitor, the highest id seen (the cursor itself when
     * there is none) and the ids of the rows read. Ids are given at insert and committed in any
     * order across nodes, so a reader that must miss nothing reads again from an older cursor,
     * passing the ids it has read since.
     */
    NewResults resultsOfOtherNodesAfter(long cursor, long[] alreadyRead);

    /** The highest result id stored now (0 when there is none): where to read others' results from. */
    long newestResultId();

    /**
     * What {@link #resultsOfOtherNodesAfter} found.
     *
     * @param rows every result read, in id order, with the node (or probe) that wrote it
     */
    record NewResults(Map<String, CheckResult> newest, long cursor, long[] read, List<FromNode> rows) {
        public NewResults {
            rows = List.copyOf(rows);
        }

        /**
         * A result and the name of the node or probe that wrote it.
         *
         * @param point the vantage point whose own result it is (a probe's name, {@code server}), null for a
         *              monitor's result
         */
        public record FromNode(String node, String point, CheckResult result) {
        }
    }

    /** The newest stored result of each of these monitors that has one (whichever node wrote it). */
    Map<String, CheckResult> latestResults(Collection<String> monitorIds);

    /** The newest stored results of each of these monitors that has any, newest first, at most {@code perMonitor} each. */
    Map<String, List<CheckResult>> newestResults(Collection<String> monitorIds, int perMonitor);

    /**
     * The newest results the vantage points of these monitors stored (the probes', the owners' server points), at
     * most {@code perMonitor} of each monitor, oldest first: what a node that starts, or starts following a
     * monitor another node checks, shows of its vantage points before the next results arrive.
     */
    List<NewResults.FromNode> newestPointResults(Collection<String> monitorIds, int perMonitor);

    /** Rollups of one monitor with {@code from <= periodStart < to}, oldest first. */
    List<RollupPeriod> rollups(String monitorId, RollupPeriod.Granularity granularity, Instant from, Instant to);

    /** One merged rollup over {@code [from, to)} (whole hours), or a rollup with count 0. */
    RollupPeriod summary(String monitorId, Instant from, Instant to);

    /**
     * {@link #rollups} without the latency quantiles (NaN): the stored sketches are not read. For
     * uptimes, which need only the counts; at 10,000 monitors decoding sketches was most of the
     * status page's and the monitor API's reads.
     */
    List<RollupPeriod> rollupCounts(String monitorId, RollupPeriod.Granularity granularity, Instant from, Instant to);

    /** {@link #summary} without the latency quantiles (NaN), for an uptime: the stored sketches are not read. */
    RollupPeriod summaryCounts(String monitorId, Instant from, Instant to);

    /**
     * Throws with a reason when the store cannot currently write (used by /readyz). Answers from
     * memory at once, whatever the database does: the health probe and the writer keep it current.
     */
    void checkWritable();

    /** What is known about the storage now: failing since when and why, or fine. */
    StorageHealth health();

    /** Signals to and from the other nodes sharing this database (none on SQLite). */
    dev.lookout.cluster.ChangeSignals changeSignals();

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

    /** Every stored monitor, including those removed from the configuration, ordered by id. */
    List<StoredMonitor> monitors();

    /** Counters of the batch writer, for metrics. */
    StoreStats stats();

    /** Pings of heartbeat monitors and their trackers' saved memories, on the same database. */
    dev.lookout.heartbeat.PingStore pings();

    /** The pings read back by monitor (the API's ping log), and their index; same database. */
    dev.lookout.heartbeat.PingLog pingLog();

    /** Incidents and scheduled maintenances, on the same database. */
    dev.lookout.incident.IncidentRepository incidents();

    /** Results, state changes and alert episodes over a span of time, for postmortem timelines; same database. */
    dev.lookout.incident.MonitorHistory monitorHistory();

    /** Status-page subscribers, on the same database (their notifications go through {@link #outbox()}). */
    dev.lookout.subscribe.Subscribers subscribers();

    /** Remote probes' tokens, progress and results, on the same database. */
    dev.lookout.probe.ProbeRegistry probes();

    /** Operators' users, sessions, API keys and failed logins, on the same database (so every node accepts a session). */
    dev.lookout.account.Accounts accounts();

    /** Who wrote what, through the API, the console and the account commands; same database. */
    dev.lookout.audit.AuditLog auditLog();

    /** Operators' pauses, silences and checks asked for, per monitor; same database (every node reads them). */
    dev.lookout.control.MonitorControlRepository monitorControls();
    /** The monitors written in the console and the API (beside {@code lookout.yaml}'s); same database. */
    dev.lookout.config.ManagedMonitors managedMonitors();

    /** Flushes and closes. */
    @Override
    void close();
}
