package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.lookout.alert.AlertStore;
import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.Outbox;
import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.heartbeat.HeartbeatMemory;
import dev.lookout.heartbeat.Ping;
import dev.lookout.heartbeat.PingStore;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreException;
import dev.lookout.storage.StoreStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on a SQL database; the {@link Dialect} covers what SQLite and PostgreSQL do
 * differently. Writes of results and state changes go through the {@link BatchWriter}; monitor
 * sync, reads, purge and the health probe run on the caller's thread.
 */
final class SqlStore implements Store, PingStore, AlertStore {

    private static final Logger log = LoggerFactory.getLogger(SqlStore.class);

    /** Results folded per transaction when catching up on open. */
    private static final int FOLD_CHUNK = 10_000;

    private static final String UPSERT_MONITOR = """
            INSERT INTO monitors (id, name, type, component_id, settings, created_at, updated_at, removed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
            ON CONFLICT (id) DO UPDATE SET
                name         = excluded.name,
                type         = excluded.type,
                component_id = excluded.component_id,
                settings     = excluded.settings,
                updated_at   = excluded.updated_at,
                removed_at   = NULL
            WHERE monitors.name IS DISTINCT FROM excluded.name
               OR monitors.type IS DISTINCT FROM excluded.type
               OR monitors.component_id IS DISTINCT FROM excluded.component_id
               OR monitors.settings IS DISTINCT FROM excluded.settings
               OR monitors.removed_at IS NOT NULL
            """;

    private static final String ACTIVE_MONITOR_IDS = """
            SELECT id FROM monitors WHERE removed_at IS NULL
            """;

    private static final String MARK_REMOVED = """
            UPDATE monitors SET removed_at = ?, updated_at = ?
            WHERE id = ? AND removed_at IS NULL
            """;

    private static final String SELECT_MONITORS = """
            SELECT id, name, type, component_id, settings, created_at, updated_at, removed_at
            FROM monitors
            ORDER BY id
            """;

    private static final String LAST_STATES = """
            SELECT monitor_id, state FROM monitor_states
            """;

    private static final String STATES_CHANGED_SINCE = """
            SELECT monitor_id, state FROM monitor_states WHERE since >= ?
            """;

    /** The id last: {@link #result} reads the first ten columns. */
    private static final String RESULTS_OF_OTHER_NODES_AFTER = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions, id, node, probe_seq, vantage
            FROM check_results
            WHERE id > ? AND node <> ?
            ORDER BY id
            """;

    /** PostgreSQL: as above, less the rows the reader has already read (ids committed late are not among them). */
    private static final String RESULTS_OF_OTHER_NODES_AFTER_EXCEPT = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions, id, node, probe_seq, vantage
            FROM check_results
            WHERE id > ? AND node <> ? AND id <> ALL(?)
            ORDER BY id
            """;

    private static final String NEWEST_RESULT_ID = """
            SELECT COALESCE(MAX(id), 0) FROM check_results
            """;

    /** PostgreSQL: one backward index scan per monitor, for at most as many rows as the limit. */
    private static final String NEWEST_RESULTS = """
            SELECT r.monitor_id, r.started_at, r.outcome, r.message, r.dns_us, r.connect_us, r.tls_us, r.first_byte_us,
                   r.total_us, r.conditions
            FROM unnest(?) AS m(id)
            CROSS JOIN LATERAL (SELECT * FROM check_results WHERE monitor_id = m.id AND probe_seq IS NULL
                                AND vantage IS NULL
                                ORDER BY started_at DESC, id DESC LIMIT ?) r
            """;

    /** PostgreSQL: one backward index scan per monitor, as NEWEST_RESULTS; the rows of its vantage points only. */
    private static final String NEWEST_POINT_RESULTS = """
            SELECT r.monitor_id, r.started_at, r.outcome, r.message, r.dns_us, r.connect_us, r.tls_us, r.first_byte_us,
                   r.total_us, r.conditions, r.id, r.node, r.probe_seq, r.vantage
            FROM unnest(?) AS m(id)
            CROSS JOIN LATERAL (SELECT * FROM check_results WHERE monitor_id = m.id
                                AND (probe_seq IS NOT NULL OR vantage IS NOT NULL)
                                ORDER BY started_at DESC, id DESC LIMIT ?) r
            """;

    private static final String RECENT_POINT_RESULTS = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions, id, node, probe_seq, vantage
            FROM check_results
            WHERE monitor_id = ? AND (probe_seq IS NOT NULL OR vantage IS NOT NULL)
            ORDER BY started_at DESC, id DESC
            LIMIT ?
            """;

    private static final String RECENT_RESULTS = """
            SELECT monitor_id, started_at, outcome, message, dns_us, connect_us, tls_us, first_byte_us, total_us,
                   conditions
            FROM check_results
            WHERE monitor_id = ? AND probe_seq IS NULL AND vantage IS NULL
            ORDER BY started_at DESC, id DESC
            LIMIT ?
            """;

    private static final String RECENT_CHANGES = """
            SELECT monitor_id, at, from_state, to_state, cause
            FROM state_events
            WHERE monitor_id = ?
            ORDER BY at DESC, id DESC
            LIMIT ?
            """;

    private static final String ROLLUPS = """
            SELECT period_start, count, ok, degraded, failed,
                   latency_count, latency_min_ms, latency_sum_ms, latency_max_ms, sketch
            FROM rollups
            WHERE monitor_id = ? AND granularity = ? AND period_start >= ? AND period_start < ?
            ORDER BY period_start
            """;
    /** {@link #ROLLUPS} without the sketch, for counts only. */
    private static final String ROLLUP_COUNTS = ROLLUPS.replace("latency_max_ms, sketch", "latency_max_ms, NULL");

    /** In chunks, so that a first purge of a large table neither holds SQLite's write lock nor bloats one transaction. */
    private static final String PURGE_CHUNK = """
            DELETE FROM check_results
            WHERE id IN (SELECT id FROM check_results WHERE started_at < ? LIMIT 5000)
            """;
    private static final int PURGE_CHUNK_SIZE = 5000;

    private static final String INSERT_PING = """
            INSERT INTO pings (monitor_id, node, received_at, kind, exit_code, run_id, duration_ms, body, body_truncated,
                               remote_addr, user_agent, method, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String PING_COLUMNS = """
            monitor_id, received_at, kind, exit_code, run_id, duration_ms, body, body_truncated, remote_addr, user_agent, method,
            message""";

    private static final String PINGS_BY_ID = "SELECT " + PING_COLUMNS + " FROM pings WHERE id = ANY(?) ORDER BY received_at, id";

    /** Each monitor's newest ping stored by another node since a time. */
    private static final String NEWEST_PINGS_ELSEWHERE = "SELECT DISTINCT ON (monitor_id) " + PING_COLUMNS
            + " FROM pings WHERE received_at >= ? AND node <> ? ORDER BY monitor_id, received_at DESC, id DESC";

    private static final String PINGS_SINCE = """
            SELECT monitor_id, received_at, kind, exit_code, run_id, duration_ms, NULL AS body, body_truncated,
                   remote_addr, user_agent, method, message
            FROM pings
            WHERE received_at >= ?
            ORDER BY received_at, id
            """;
    private static final String HEARTBEAT_MEMORIES = """
            SELECT monitor_id, last_ping, last_kind, last_closing, last_duration_ms, last_success, open_runs, saved_at
            FROM heartbeat_memory
            """;
    private static final String SAVE_HEARTBEAT_MEMORY = """
            INSERT INTO heartbeat_memory (monitor_id, last_ping, last_kind, last_closing, last_duration_ms, last_success,
                                          open_runs, saved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET last_ping = excluded.last_ping, last_kind = excluded.last_kind,
                last_closing = excluded.last_closing, last_duration_ms = excluded.last_duration_ms,
                last_success = excluded.last_success, open_runs = excluded.open_runs, saved_at = excluded.saved_at
            """;
    private static final String PURGE_PINGS_CHUNK = """
            DELETE FROM pings
            WHERE id IN (SELECT id FROM pings WHERE received_at < ? LIMIT 5000)
            """;

    private static final String TOUCH_HEALTH = """
            INSERT INTO store_health (node, at) VALUES (?, ?)
            ON CONFLICT (node) DO UPDATE SET at = excluded.at
            """;

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final StorageHealth health;
    private final StorageProbe probe;
    private final DatabaseFileWatch fileWatch;
    private final SqlTransactions transactions;
    private final IdentityFile stateFile;
    private final StoreOptions options;
    /** The database's identity with the highest mark seen; the probe raises and compares it every second. */
    private volatile DatabaseIdentity identity;
    /** When the state file was last written (System.nanoTime()); probe thread only. */
    private long rememberedAtNanos;
    private final InstantSource clock;
    private final String node;
    private final ResultJson json = new ResultJson();
    private final BatchTransaction batchTransaction;
    private final RollupBuffer rollupBuffer = new RollupBuffer();
    private final BatchWriter writer;
    private final SqlOutbox outbox;
    private final SqlIncidentStore incidents;
    private final SqlMonitorHistory history;
    private final SqlPingLog pingLog;
    private final SqlSubscribers subscribers;
    private final SqlProbeRegistry probes;
    private final SqlAccounts accounts;
    private final SqlAuditLog auditLog;
    private final SqlMonitorControls monitorControls;
    private final SqlManagedMonitors managedMonitors;
    private final SqlMembers members;
    private final SqlLeaderLease leaderLease;
    /** The watermark last written; writer thread only (and the constructor before it starts). */
    private long storedWatermark;
    private volatile boolean closed;
    /** Tells the other nodes which pings this node stored; null on a database only one node uses. */
    private final PostgresRowSignals pingSignals;
    /** The LISTEN connection, opened at first use; guarded by this. */
    private PostgresListener listener;
    /** How far back a node looks for other nodes' pings when it starts or resumes hearing them. */
    private static final java.time.Duration PINGS_CAUGHT_UP = java.time.Duration.ofMinutes(10);

    SqlStore(Dialect dialect, HikariDataSource pool, StoreOptions options, DatabaseIdentity identity, IdentityFile stateFile) {
        this(dialect, pool, options, identity, stateFile, null);
    }

    /**
     * @param identity    the database's identity row as found (or written) when it was opened; when
     *                    held, the one remembered
     * @param stateFile   where this node remembers it; null: nowhere
     * @param heldBecause why the database is not the one this node was using (held until accepted:
     *                    nothing is read from or written to it); null: it is
     */
    SqlStore(Dialect dialect, HikariDataSource pool, StoreOptions options, DatabaseIdentity identity, IdentityFile stateFile,
             String heldBecause) {
        this.dialect = dialect;
        this.pool = pool;
        this.clock = options.clock();
        this.health = new StorageHealth(options.clock(), dialect.describe());
        this.fileWatch = dialect.file() == null ? null : new DatabaseFileWatch(dialect.file());
        this.transactions = new SqlTransactions(pool, health, fileWatch);
        this.identity = identity;
        this.stateFile = stateFile;
        this.options = options;
        if (heldBecause != null) {
            health.hold(heldBecause);
        } else {
            remember(identity);
        }
        this.node = options.node();
        this.pingSignals = dialect instanceof PostgresDialect ? new PostgresRowSignals(PostgresRowSignals.PINGS) : null;
        this.batchTransaction = new BatchTransaction(dialect, json, options.node());
        this.incidents = new SqlIncidentStore(transactions);
        RetentionJob retention = new RetentionJob(this::purge, options.rawRetention(), options.clock());
        this.outbox = new SqlOutbox(transactions, dialect);
        this.history = new SqlMonitorHistory(transactions);
        this.pingLog = new SqlPingLog(transactions);
        this.subscribers = new SqlSubscribers(transactions);
        this.probes = new SqlProbeRegistry(transactions, dialect, dialect instanceof PostgresDialect
                ? new PostgresRowSignals(PostgresRowSignals.PROBE_RESULTS) : null, this::listener);
        this.accounts = new SqlAccounts(transactions);
        this.auditLog = new SqlAuditLog(transactions);
        this.monitorControls = new SqlMonitorControls(transactions);
        this.managedMonitors = new SqlManagedMonitors(transactions);
        this.members = new SqlMembers(transactions, dialect);
        this.leaderLease = new SqlLeaderLease(transactions, dialect);
        this.writer = new BatchWriter(this::writeBatch, retention, this::flushRollups, health, options);
        this.probe = new StorageProbe(this::probeOnce, health);
        if (heldBecause == null) {
            foldUnfoldedResults(); // a held database is folded into when accepted: its watermark is read then
        }
        this.writer.start();
        this.probe.start();
    }

    /**
     * One health probe: a small write transaction, so that a read-only or full database is
     * noticed as well as an unreachable one, which also raises the identity's mark and checks that
     * the database is still the one Lookout was using. Bypasses the refusal while failing: it is
     * what notices the storage's return.
     */
    private void probeOnce() throws SQLException {
        if (health.status().replaced()) {
            return; // held until an operator accepts the database: nothing is written to it
        }
        transactions.checkDatabaseFile();
        DatabaseIdentity seen;
        try {
            seen = transaction(connection -> {
                try (PreparedStatement touch = connection.prepareStatement(TOUCH_HEALTH)) {
                    touch.setString(1, node);
                    touch.setLong(2, clock.instant().toEpochMilli());
                    touch.executeUpdate();
                }
                return DatabaseIdentity.raiseMark(connection);
            });
        } catch (SQLException e) {
            if (DatabaseErrors.fault(e) == StorageFault.REPLACED
                    || String.valueOf(e.getMessage()).contains("no such table")) {
                health.hold("Lookout's tables are gone: the database is empty, was re-created or its schema dropped ("
                        + DatabaseErrors.rootMessage(e) + ")");
            }
            throw e;
        }
        DatabaseIdentity known = identity;
        if (!seen.databaseId().equals(known.databaseId())) {
            health.hold("this is another database (id " + seen.databaseId() + ") than the one Lookout was using ("
                    + known.databaseId() + ")");
        } else if (seen.mark() <= known.mark()) {
            health.hold("this is an older copy of the database (its mark " + seen.mark() + " is behind the "
                    + known.mark() + " Lookout saw: restored from a backup?)");
        } else {
            identity = seen;
            if (System.nanoTime() - rememberedAtNanos > REMEMBER_EVERY.toNanos()) {
                remember(seen);
            }
        }
    }

    /** How often the probe writes the raised mark to the state file. */
    private static final java.time.Duration REMEMBER_EVERY = java.time.Duration.ofSeconds(10);

    private void remember(DatabaseIdentity seen) {
        rememberedAtNanos = System.nanoTime();
        if (stateFile != null) {
            stateFile.write(new IdentityFile.Remembered(seen.databaseId(), dialect.describe(), seen.mark(),
                    clock.instant().toString()));
        }
    }

    /**
     * Accepts the database as it is now, after an operator said so: migrates its schema (an empty
     * database gets Lookout's tables), gives it an identity if it has none, remembers it, and lets
     * the writer go on with what waited in memory. The caller writes what the node keeps in memory
     * and the database must hold (monitors, keys).
     *
     * @return the accepted database's id
     */
    @Override
    public synchronized String acceptNewDatabase() {
        if (closed) {
            throw new StoreException("cannot accept the database: " + dialect.describe() + " is closed");
        }
        pool.getHikariPoolMXBean().softEvictConnections(); // connections to a replaced file would still see the old one
        if (fileWatch != null) {
            fileWatch.reset();
        }
        Stores.migrate(pool, dialect);
        DatabaseIdentity accepted = Stores.ensureIdentity(pool, dialect, options);
        identity = accepted;
        remember(accepted);
        long watermark;
        try {
            watermark = transaction(batchTransaction::watermark);
        } catch (SQLException e) {
            throw transactions.failure("read the rollup watermark", e);
        }
        rollupBuffer.restartAfter(watermark);
        health.accept();
        log.warn("store: {} accepted as Lookout's database (id {}); writing what waited in memory", dialect.describe(),
                accepted.databaseId());
        return accepted.databaseId();
    }

    /**
     * Before any write: folds the results this node stored after its last rollup flush (a crash,
     * a kill, a close that could not write the rollups) into the rollups, in chunks, each chunk
     * with its watermark in one transaction, so that an interrupted catch-up resumes where it was.
     */
    private void foldUnfoldedResults() {
        try {
            long watermark = transaction(batchTransaction::watermark);
            long start = watermark;
            while (true) {
                long from = watermark;
                long next = transaction(connection -> batchTransaction.foldUnfolded(connection, from, FOLD_CHUNK));
                if (next < 0) {
                    break;
                }
                watermark = next;
            }
            if (watermark != start) {
                log.info("store: folded the results of node {} with ids {}..{} into the rollups (written after the"
                        + " last rollup flush, before a crash or an unclean stop)", node, start + 1, watermark);
            }
            storedWatermark = watermark;
            rollupBuffer.startAfter(watermark);
        } catch (SQLException e) {
            throw new StoreException("cannot fold the results stored after the last rollup flush into the rollups in "
                    + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }

    private void writeBatch(List<CheckResult> results, List<PointResult> points, List<StateChange> changes,
                            List<AlertWrites> alerts) throws SQLException {
        transactions.checkDatabaseFile();
        long lastResultId = transaction(connection -> {
            long last = batchTransaction.write(connection, results, points, changes);
            if (!alerts.isEmpty()) {
                SqlOutbox.write(connection, alerts);
            }
            return last;
        });
        // Only once committed: a failed batch is retried and must not be counted twice.
        rollupBuffer.add(results, lastResultId);
    }

    /**
     * Writes the rollups kept in memory and the watermark in one transaction (writer thread). The
     * commit and the clearing of the buffer happen under the buffer's write lock, so that a reader
     * sees each increment once: in the buffer before, in the table after.
     */
    private void flushRollups() throws SQLException {
        long watermark = rollupBuffer.lastResultId();
        if (rollupBuffer.rows() == 0 && watermark == storedWatermark) {
            return;
        }
        List<Map.Entry<RollupAccumulator.Key, RollupTotals>> rows = rollupBuffer.sorted();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                batchTransaction.flushRollups(connection, rows, watermark);
                Lock visible = rollupBuffer.writeLock();
                visible.lock();
                try {
                    connection.commit();
                    rollupBuffer.clear();
                } finally {
                    visible.unlock();
                }
                storedWatermark = watermark;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    /** Rollup rows waiting in memory for the next rollup flush. */
    int pendingRollupRows() {
        return rollupBuffer.rows();
    }

    /** Stops as a kill -9 would: no final batch, no rollup flush. For tests of the recovery on open. */
    void abandonForTest() {
        closed = true;
        probe.close();
        writer.abandonForTest();
        pool.close();
    }

    @Override
    public void syncMonitors(Collection<MonitorRecord> monitors, Set<String> configuredElsewhere) {
        long now = clock.instant().toEpochMilli();
        Set<String> configured = new HashSet<>(configuredElsewhere);
        monitors.forEach(m -> configured.add(m.id()));
        call("sync monitors", () -> transaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_MONITOR)) {
                for (MonitorRecord monitor : monitors) {
                    upsert.setString(1, monitor.id());
                    upsert.setString(2, monitor.name());
                    upsert.setString(3, monitor.type());
                    upsert.setString(4, monitor.componentId());
                    upsert.setString(5, monitor.settingsJson() == null ? "{}" : monitor.settingsJson());
                    upsert.setLong(6, now);
                    upsert.setLong(7, now);
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            // Computed here rather than with NOT IN (...): the configuration may hold thousands of ids.
            List<String> gone = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(ACTIVE_MONITOR_IDS);
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!configured.contains(rows.getString(1))) {
                        gone.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement remove = connection.prepareStatement(MARK_REMOVED)) {
                for (String id : gone) {
                    remove.setLong(1, now);
                    remove.setLong(2, now);
                    remove.setString(3, id);
                    remove.addBatch();
                }
                remove.executeBatch();
            }
            return null;
        }));
    }

    @Override
    public List<StoredMonitor> monitors() {
        return call("list monitors", () -> query(SELECT_MONITORS, statement -> {
        }, rows -> new StoredMonitor(
                new MonitorRecord(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5)),
                Instant.ofEpochMilli(rows.getLong(6)), Instant.ofEpochMilli(rows.getLong(7)),
                nullableInstant(rows, 8))));
    }

    @Override
    public dev.lookout.incident.IncidentRepository incidents() {
        return incidents;
    }

    @Override
    public dev.lookout.incident.MonitorHistory monitorHistory() {
        return history;
    }

    @Override
    public void append(CheckResult result) {
        writer.append(result);
    }

    @Override
    public void appendPointResult(String point, CheckResult result) {
        writer.append(point, result);
    }

    /** Alerting's writes share the store's writer queue, in order with the results and state changes. */
    @Override
    public AlertStore alerts() {
        return this;
    }

    @Override
    public void append(StateChange change, AlertWrites alerts) {
        writer.append(change, alerts);
    }

    @Override
    public void append(AlertWrites alerts) {
        writer.append(alerts);
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public dev.lookout.probe.ProbeRegistry probes() {
        return probes;
    }

    @Override
    public dev.lookout.subscribe.Subscribers subscribers() {
        return subscribers;
    }

    @Override
    public dev.lookout.account.Accounts accounts() {
        return accounts;
    }

    @Override
    public dev.lookout.audit.AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public dev.lookout.control.MonitorControlRepository monitorControls() {
        return monitorControls;
    }

    @Override
    public dev.lookout.config.ManagedMonitors managedMonitors() {
        return managedMonitors;
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public boolean held() {
        return health.status().replaced();
    }

    @Override
    public Map<String, MonitorState> lastStates() {
        Map<String, MonitorState> states = new HashMap<>();
        call("read last states", () -> query(LAST_STATES, statement -> {
        }, rows -> Map.entry(rows.getString(1), MonitorState.valueOf(rows.getString(2)))))
                .forEach(entry -> states.put(entry.getKey(), entry.getValue()));
        return states;
    }

    @Override
    public Map<String, MonitorState> statesChangedSince(Instant since) {
        Map<String, MonitorState> states = new HashMap<>();
        call("read states changed since " + since, () -> query(STATES_CHANGED_SINCE,
                statement -> statement.setLong(1, since.toEpochMilli()),
                rows -> Map.entry(rows.getString(1), MonitorState.valueOf(rows.getString(2)))))
                .forEach(entry -> states.put(entry.getKey(), entry.getValue()));
        return states;
    }

    @Override
    public NewResults resultsOfOtherNodesAfter(long cursor, long[] alreadyRead) {
        long[] last = {cursor};
        List<Long> read = new ArrayList<>();
        java.util.Set<Long> skip = new java.util.HashSet<>();
        boolean postgres = dialect instanceof PostgresDialect;
        if (!postgres) {
            for (long id : alreadyRead) {
                skip.add(id);
            }
        }
        Map<String, CheckResult> newest = new HashMap<>();
        List<NewResults.FromNode> rowsRead = new ArrayList<>();
        call("read the results other nodes wrote", () -> query(postgres ? RESULTS_OF_OTHER_NODES_AFTER_EXCEPT
                : RESULTS_OF_OTHER_NODES_AFTER, statement -> {
            statement.setLong(1, cursor);
            statement.setString(2, node);
            if (postgres) {
                statement.setArray(3, statement.getConnection().createArrayOf("bigint",
                        java.util.Arrays.stream(alreadyRead).boxed().toArray()));
            }
        }, rows -> {
            long id = rows.getLong(11);
            last[0] = Math.max(last[0], id);
            if (skip.contains(id)) {
                return null;
            }
            read.add(id);
            NewResults.FromNode row = pointRow(rows);
            rowsRead.add(row);
            return row.point() == null ? row.result() : null; // a vantage point's result is not the monitor's newest
        })).stream().filter(java.util.Objects::nonNull)
                .forEach(r -> newest.merge(r.monitorId(), r, CheckResult::newer));
        return new NewResults(newest, last[0], read.stream().mapToLong(Long::longValue).toArray(), rowsRead);
    }

    @Override
    public long newestResultId() {
        return call("read the newest result id", () -> query(NEWEST_RESULT_ID, statement -> {
        }, rows -> rows.getLong(1))).get(0);
    }

    @Override
    public Optional<CheckResult> lastResult(String monitorId) {
        return recentResults(monitorId, 1).stream().findFirst();
    }

    /** Newest first, at most {@code limit}. */
    List<CheckResult> recentResults(String monitorId, int limit) {
        return call("read results of " + monitorId, () -> query(RECENT_RESULTS, statement -> {
            statement.setString(1, monitorId);
            statement.setInt(2, limit);
        }, this::result));
    }

    /** A row of RECENT_RESULTS or NEWEST_RESULTS. */
    private CheckResult result(ResultSet rows) throws SQLException {
        return new CheckResult(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), Outcome.valueOf(rows.getString(3)),
                rows.getString(4), new Timings(rows.getLong(5), rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9)),
                json.conditions(rows.getString(10)));
    }

    @Override
    public Map<String, CheckResult> latestResults(Collection<String> monitorIds) {
        Map<String, CheckResult> out = new HashMap<>();
        newestResults(monitorIds, 1).forEach((id, results) -> out.put(id, results.get(0)));
        return out;
    }

    @Override
    public Map<String, List<CheckResult>> newestResults(Collection<String> monitorIds, int perMonitor) {
        Map<String, List<CheckResult>> out = new HashMap<>();
        if (monitorIds.isEmpty() || perMonitor <= 0) {
            return out;
        }
        if (dialect instanceof PostgresDialect) {
            call("read the newest results of " + monitorIds.size() + " monitors", () -> query(NEWEST_RESULTS, statement -> {
                statement.setArray(1, statement.getConnection().createArrayOf("text", monitorIds.toArray()));
                statement.setInt(2, perMonitor);
            }, this::result)).forEach(r -> out.computeIfAbsent(r.monitorId(), id -> new ArrayList<>()).add(r));
            out.values().forEach(results -> results.sort(java.util.Comparator.comparing(CheckResult::startedAt).reversed()));
        } else { // one node on SQLite: a query per monitor is cheap there
            for (String id : monitorIds) {
                List<CheckResult> results = recentResults(id, perMonitor);
                if (!results.isEmpty()) {
                    out.put(id, results);
                }
            }
        }
        return out;
    }

    @Override
    public List<NewResults.FromNode> newestPointResults(Collection<String> monitorIds, int perMonitor) {
        List<NewResults.FromNode> out = new ArrayList<>();
        if (monitorIds.isEmpty() || perMonitor <= 0) {
            return out;
        }
        if (dialect instanceof PostgresDialect) {
            out.addAll(call("read the vantage points' newest results of " + monitorIds.size() + " monitors",
                    () -> query(NEWEST_POINT_RESULTS, statement -> {
                        statement.setArray(1, statement.getConnection().createArrayOf("text", monitorIds.toArray()));
                        statement.setInt(2, perMonitor);
                    }, this::pointRow)));
        } else {
            for (String id : monitorIds) {
                out.addAll(call("read the vantage points' newest results of " + id, () -> query(RECENT_POINT_RESULTS,
                        statement -> {
                            statement.setString(1, id);
                            statement.setInt(2, perMonitor);
                        }, this::pointRow)));
            }
        }
        out.sort(java.util.Comparator.comparing((NewResults.FromNode r) -> r.result().startedAt()));
        return out;
    }

    /** A row of NEWEST_POINT_RESULTS, RECENT_POINT_RESULTS or RESULTS_OF_OTHER_NODES_AFTER, with who wrote it. */
    private NewResults.FromNode pointRow(ResultSet rows) throws SQLException {
        CheckResult result = result(rows);
        String writer = rows.getString(12);
        rows.getLong(13);
        boolean fromProbe = !rows.wasNull();
        String vantage = rows.getString(14);
        // A probe's result, or a server's own of a monitor checked from several places, is a vantage point's, not the
        // monitor's result.
        return new NewResults.FromNode(writer, vantage != null ? vantage : fromProbe ? writer : null, result);
    }

    /**
     * Newest first, at most {@code limit}. Read back by tests only: Lookout reads state changes as
     * {@link #lastStates()} and, for timelines, through {@link #monitorHistory()}.
     */
    List<StateChange> stateChanges(String monitorId, int limit) {
        return call("read state changes of " + monitorId, () -> query(RECENT_CHANGES, statement -> {
            statement.setString(1, monitorId);
            statement.setInt(2, limit);
        }, rows -> new StateChange(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)),
                MonitorState.valueOf(rows.getString(3)), MonitorState.valueOf(rows.getString(4)),
                json.cause(rows.getString(5)))));
    }

    @Override
    public List<RollupPeriod> rollups(String monitorId, RollupPeriod.Granularity granularity, Instant from,
                                      Instant to) {
        return rollups(monitorId, granularity, from, to, ROLLUPS);
    }

    @Override
    public List<RollupPeriod> rollupCounts(String monitorId, RollupPeriod.Granularity granularity, Instant from,
                                           Instant to) {
        return rollups(monitorId, granularity, from, to, ROLLUP_COUNTS);
    }

    private List<RollupPeriod> rollups(String monitorId, RollupPeriod.Granularity granularity, Instant from, Instant to,
                                       String sql) {
        SortedMap<Long, RollupTotals> byStart = new TreeMap<>();
        readRollups(sql, monitorId, granularity, from, to,
                (start, totals) -> byStart.computeIfAbsent(start, s -> new RollupTotals()).merge(totals));
        List<RollupPeriod> periods = new ArrayList<>(byStart.size());
        byStart.forEach((start, totals) -> periods.add(totals.toPeriod(monitorId, granularity,
                Instant.ofEpochMilli(start))));
        return periods;
    }

    /** Merged from hourly rows, so any whole-hour range works; the p95 comes from the merged sketches. */
    @Override
    public RollupPeriod summary(String monitorId, Instant from, Instant to) {
        return summary(monitorId, from, to, ROLLUPS);
    }

    @Override
    public RollupPeriod summaryCounts(String monitorId, Instant from, Instant to) {
        return summary(monitorId, from, to, ROLLUP_COUNTS);
    }

    private RollupPeriod summary(String monitorId, Instant from, Instant to, String sql) {
        RollupTotals merged = new RollupTotals();
        readRollups(sql, monitorId, RollupPeriod.Granularity.HOUR, from, to, (start, totals) -> merged.merge(totals));
        return merged.toPeriod(monitorId, RollupPeriod.Granularity.HOUR, from);
    }

    /**
     * The stored rows plus the increments still in memory. The connection is taken before the
     * read lock, so that the writer, which holds a connection while it waits for the write lock,
     * never waits for a reader that waits for a connection.
     */
    private void readRollups(String sql, String monitorId, RollupPeriod.Granularity granularity, Instant from, Instant to,
                             RollupBuffer.PeriodHandler handler) {
        call("read rollups of " + monitorId, () -> {
            try (Connection connection = pool.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, monitorId);
                statement.setString(2, RollupAccumulator.code(granularity));
                statement.setLong(3, from.toEpochMilli());
                statement.setLong(4, to.toEpochMilli());
                Lock consistent = rollupBuffer.readLock();
                consistent.lock();
                try {
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            handler.accept(rows.getLong(1), storedTotals(rows));
                        }
                    }
                    rollupBuffer.forEach(monitorId, granularity, from.toEpochMilli(), to.toEpochMilli(), handler);
                } finally {
                    consistent.unlock();
                }
            }
            return null;
        });
    }

    private static RollupTotals storedTotals(ResultSet rows) throws SQLException {
        RollupTotals totals = new RollupTotals();
        totals.count = rows.getLong(2);
        totals.ok = rows.getLong(3);
        totals.degraded = rows.getLong(4);
        totals.failed = rows.getLong(5);
        totals.latencyCount = rows.getLong(6);
        totals.latencyMin = nullableDouble(rows, 7);
        totals.latencySum = rows.getDouble(8);
        totals.latencyMax = nullableDouble(rows, 9);
        totals.sketch = LatencySketch.fromBytes(rows.getBytes(10));
        return totals;
    }

    /** The pings share the store's pool, health and closing: this store is its own ping store. */
    @Override
    public PingStore pings() {
        return this;
    }

    @Override
    public dev.lookout.heartbeat.PingLog pingLog() {
        return pingLog;
    }

    @Override
    public void appendPings(List<Ping> pings) {
        if (pings.isEmpty()) {
            return;
        }
        call("store " + pings.size() + " pings", () -> transaction(connection -> {
            boolean announce = pingSignals != null;
            try (PreparedStatement insert = announce ? connection.prepareStatement(INSERT_PING, new String[] {"id"})
                    : connection.prepareStatement(INSERT_PING)) {
                for (Ping ping : pings) {
                    insert.setString(1, ping.monitorId());
                    insert.setString(2, node);
                    insert.setLong(3, ping.receivedAt().toEpochMilli());
                    insert.setString(4, ping.kind().code());
                    insert.setObject(5, ping.exitCode(), java.sql.Types.INTEGER);
                    insert.setString(6, ping.runId());
                    insert.setObject(7, ping.durationMs(), java.sql.Types.BIGINT);
                    insert.setBytes(8, ping.body());
                    insert.setBoolean(9, ping.bodyTruncated());
                    insert.setString(10, ping.remoteAddr());
                    insert.setString(11, ping.userAgent());
                    insert.setString(12, ping.method());
                    insert.setString(13, ping.message());
                    insert.addBatch();
                }
                insert.executeBatch();
                if (announce) {
                    List<Long> ids = new ArrayList<>(pings.size());
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getLong(1));
                        }
                    }
                    pingSignals.announce(connection, ids);
                }
            }
            return null;
        }));
    }

    @Override
    public void onStoredElsewhere(Consumer<List<Ping>> pings) {
        if (pingSignals == null) {
            return;
        }
        listener().listen(pingSignals.channel, new PostgresListener.Handler() {
            @Override
            public void heard(String payload) {
                List<Long> ids = pingSignals.idsFromOthers(payload);
                if (!ids.isEmpty()) {
                    pings.accept(call("read " + ids.size() + " pings stored by other nodes",
                            () -> query(PINGS_BY_ID, statement -> statement.setArray(1,
                                    statement.getConnection().createArrayOf("bigint", ids.toArray())), SqlStore::ping)));
                }
            }

            @Override
            public void listening() {
                Instant since = clock.instant().minus(PINGS_CAUGHT_UP);
                pings.accept(call("read the newest pings stored by other nodes", () -> query(NEWEST_PINGS_ELSEWHERE,
                        statement -> {
                            statement.setLong(1, since.toEpochMilli());
                            statement.setString(2, node);
                        }, SqlStore::ping)));
            }
        });
    }

    /** The store's one LISTEN connection, opened at first use (PostgreSQL only). */
    private synchronized PostgresListener listener() {
        if (listener == null) {
            PostgresDialect postgres = (PostgresDialect) dialect;
            listener = new PostgresListener(() -> {
                try {
                    return postgres.openDedicated();
                } catch (SQLException e) {
                    throw new StoreException("cannot open a connection to listen on " + dialect.describe() + ": "
                            + DatabaseErrors.rootMessage(e), e);
                }
            });
        }
        return listener;
    }

    @Override
    public void replayPingsSince(Instant since, Consumer<Ping> each) {
        call("read pings since " + since, () -> {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
                try (PreparedStatement statement = connection.prepareStatement(PINGS_SINCE)) {
                    statement.setFetchSize(1_000);
                    statement.setLong(1, since.toEpochMilli());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            each.accept(ping(rows)); // the body is not read: NULL, an empty body
                        }
                    }
                } finally {
                    connection.rollback();
                }
            }
            return null;
        });
    }

    @Override
    public List<HeartbeatMemory> heartbeatMemories() {
        return call("read heartbeat memories", () -> query(HEARTBEAT_MEMORIES, statement -> {
        }, rows -> new HeartbeatMemory(rows.getString(1), nullableInstant(rows, 2),
                rows.getString(3) == null ? null : Ping.Kind.valueOf(rows.getString(3).toUpperCase()), nullableInstant(rows, 4),
                nullableLong(rows, 5), nullableInstant(rows, 6), OpenRunsJson.read(rows.getString(7)),
                Instant.ofEpochMilli(rows.getLong(8)))));
    }

    @Override
    public void saveHeartbeatMemories(Collection<HeartbeatMemory> memories) {
        if (memories.isEmpty()) {
            return;
        }
        call("save " + memories.size() + " heartbeat memories", () -> transaction(connection -> {
            try (PreparedStatement save = connection.prepareStatement(SAVE_HEARTBEAT_MEMORY)) {
                for (HeartbeatMemory memory : memories) {
                    save.setString(1, memory.monitorId());
                    save.setObject(2, SqlTransactions.millis(memory.lastPing()), java.sql.Types.BIGINT);
                    save.setString(3, memory.lastKind() == null ? null : memory.lastKind().code());
                    save.setObject(4, SqlTransactions.millis(memory.lastClosing()), java.sql.Types.BIGINT);
                    save.setObject(5, memory.lastDurationMs(), java.sql.Types.BIGINT);
                    save.setObject(6, SqlTransactions.millis(memory.lastSuccess()), java.sql.Types.BIGINT);
                    save.setString(7, OpenRunsJson.write(memory.openRuns()));
                    save.setLong(8, memory.savedAt().toEpochMilli());
                    save.addBatch();
                }
                save.executeBatch();
            }
            return null;
        }));
    }

    private static Ping ping(ResultSet rows) throws SQLException {
        return new Ping(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), Ping.Kind.valueOf(rows.getString(3).toUpperCase()),
                nullableInt(rows, 4), rows.getString(5), nullableLong(rows, 6), rows.getBytes(7), rows.getBoolean(8),
                rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12));
    }

    /**
     * Deletes raw results and pings older than {@code before}; rollups and state changes are kept.
     * Returns rows deleted. Called by tests; the retention job calls {@link #purge}.
     */
    int purgeResultsBefore(Instant before) {
        return call("purge results before " + before, () -> purge(before));
    }

    /** Without the closed check: the retention job may run while the writer drains during close. */
    private int purge(Instant before) {
        try {
            int total = 0;
            try (Connection connection = pool.getConnection();
                 PreparedStatement delete = connection.prepareStatement(PURGE_CHUNK)) {
                int deleted;
                do {
                    delete.setLong(1, before.toEpochMilli());
                    deleted = delete.executeUpdate();
                    total += deleted;
                } while (deleted == PURGE_CHUNK_SIZE);
            }
            try (Connection connection = pool.getConnection();
                 PreparedStatement delete = connection.prepareStatement(PURGE_PINGS_CHUNK)) {
                int deleted;
                do {
                    delete.setLong(1, before.toEpochMilli());
                    deleted = delete.executeUpdate();
                    total += deleted;
                } while (deleted == PURGE_CHUNK_SIZE);
            }
            try (Connection connection = pool.getConnection()) {
                SqlPingLog.purge(connection, before);
            }
            return total;
        } catch (SQLException e) {
            throw new StoreException("cannot purge results before " + before + " in " + dialect.describe() + ": "
                    + DatabaseErrors.rootMessage(e), e);
        }
    }

    /** From memory (the probe and the writer keep it current): answers at once whatever the database does. */
    @Override
    public void checkWritable() {
        if (closed) {
            throw new StoreException(dialect.describe() + " is closed");
        }
        writer.checkHealthy();
        StorageStatus status = health.status();
        if (!status.ok()) {
            throw new StoreException(health.problem().orElse(status.reason()), null, status.fault());
        }
    }

    @Override
    public StorageHealth health() {
        return health;
    }

    @Override
    public dev.lookout.cluster.ChangeSignals changeSignals() {
        if (dialect instanceof PostgresDialect) {
            return new PostgresChangeSignals(transactions, listener());
        }
        return dev.lookout.cluster.ChangeSignals.NONE;
    }

    @Override
    public dev.lookout.cluster.Members members() {
        return members;
    }

    @Override
    public dev.lookout.cluster.LeaderLease leaderLease() {
        return leaderLease;
    }

    @Override
    public int pendingWrites() {
        return writer.pending();
    }

    @Override
    public StoreStats stats() {
        return writer.stats();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronized (this) {
                if (listener != null) {
                    listener.close();
                }
            }
            probe.close();
            writer.close();
            if (health.status().ok()) {
                remember(identity);
            }
        } finally {
            pool.close();
        }
    }

    // --- plumbing -------------------------------------------------------------------------

    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** Runs a SQL call for a public method, turning a failure into a message that names the database. */
    private <T> T call(String what, SqlCall<T> sql) {
        if (closed) {
            throw new StoreException("cannot " + what + ": " + dialect.describe() + " is closed");
        }
        transactions.refuseWhileFailing(what);
        try {
            return sql.run();
        } catch (SQLException e) {
            throw transactions.failure(what, e);
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) { // the data, not the storage: nothing to tell the health
            throw new StoreException("cannot " + what + " in " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e),
                    e);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
            }
            return out;
        }
    }

    private <T> T transaction(SqlTransactions.Work<T> work) throws SQLException {
        return transactions.run(work);
    }

    private static Instant nullableInstant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Integer nullableInt(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static double nullableDouble(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? Double.NaN : value;
    }
}
