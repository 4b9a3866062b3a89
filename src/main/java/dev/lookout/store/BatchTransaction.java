package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.evaluate.StateChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the batch writer, inside the caller's transaction: a batch of raw results and state
 * changes; a rollup flush (the rows of {@link RollupBuffer}, merged additively into the stored
 * ones, and the node's watermark); and, on open, the folding of the results above the watermark.
 * The watermark is written in the same transaction as the rollups, so a stored rollup includes
 * exactly the node's results up to it: never one twice, and none lost by a crash.
 */
final class BatchTransaction {

    private static final String INSERT_RESULT = """
            INSERT INTO check_results (monitor_id, node, started_at, outcome, message,
                                       dns_us, connect_us, tls_us, first_byte_us, total_us, conditions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** A vantage point's own result (V31): under this node's name, not folded into the rollups. */
    private static final String INSERT_POINT_RESULT = """
            INSERT INTO check_results (monitor_id, node, started_at, outcome, message,
                                       dns_us, connect_us, tls_us, first_byte_us, total_us, conditions, vantage)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String INSERT_EVENT = """
            INSERT INTO state_events (monitor_id, node, at, from_state, to_state, cause)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    /** The newest change wins, whichever node writes last: see V13. */
    private static final String UPSERT_CURRENT_STATE = """
            INSERT INTO monitor_states (monitor_id, state, since, node) VALUES (?, ?, ?, ?)
            ON CONFLICT (monitor_id) DO UPDATE SET state = excluded.state, since = excluded.since, node = excluded.node
            WHERE monitor_states.since <= excluded.since
            """;

    /**
     * Row locks cannot hold a row that does not exist yet: without this empty row, two nodes
     * starting the same hour would both merge their sketch into nothing and the second would
     * overwrite the first. With it, the second waits for the first's commit, then locks and
     * reads the merged sketch.
     */
    private static final String ENSURE_ROLLUP = """
            INSERT INTO rollups (monitor_id, granularity, period_start, count, ok, degraded, failed,
                                 latency_count, latency_sum_ms)
            VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0)
            ON CONFLICT (monitor_id, granularity, period_start) DO NOTHING
            """;

    private static final String SELECT_SKETCHES = """
            SELECT monitor_id, sketch
            FROM rollups
            WHERE granularity = ? AND period_start = ? AND monitor_id IN (%s)
            ORDER BY monitor_id""";

    /** Counts and sums add to what another writer stored; the sketch was merged in Java from the locked row. */
    private static final String UPSERT_ROLLUP = """
            INSERT INTO rollups (monitor_id, granularity, period_start, count, ok, degraded, failed,
                                 latency_count, latency_min_ms, latency_sum_ms, latency_max_ms, sketch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (monitor_id, granularity, period_start) DO UPDATE SET
                count          = rollups.count + excluded.count,
                ok             = rollups.ok + excluded.ok,
                degraded       = rollups.degraded + excluded.degraded,
                failed         = rollups.failed + excluded.failed,
                latency_count  = rollups.latency_count + excluded.latency_count,
                latency_sum_ms = rollups.latency_sum_ms + excluded.latency_sum_ms,
                latency_min_ms = %s,
                latency_max_ms = %s,
                sketch         = excluded.sketch
            """;

    private static final String UPSERT_WATERMARK = """
            INSERT INTO rollup_watermarks (node, last_result_id) VALUES (?, ?)
            ON CONFLICT (node) DO UPDATE SET last_result_id = excluded.last_result_id
            """;

    private static final String SELECT_WATERMARK = """
            SELECT last_result_id FROM rollup_watermarks WHERE node = ?
            """;

    /** Only for a node without a watermark row, which therefore has no results yet. */
    private static final String MAX_RESULT_ID = """
            SELECT coalesce(max(id), 0) FROM check_results
            """;

    /** The node column, because PostgreSQL ids are global across the nodes sharing it. */
    private static final String UNFOLDED_RESULTS = """
            SELECT id, monitor_id, started_at, outcome, total_us
            FROM check_results
            WHERE id > ? AND node = ? AND vantage IS NULL
            ORDER BY id
            LIMIT ?
            """;

    /** A flush may hold 100,000 rows; the driver need not hold them all at once. */
    private static final int JDBC_BATCH = 1_000;

    /** Well below SQLite's and PostgreSQL's limits on bound parameters. */
    private static final int MAX_IN_LIST = 500;

    private final Dialect dialect;
    private final ResultJson json;
    private final String node;
    private final String upsertRollup;

    BatchTransaction(Dialect dialect, ResultJson json, String node) {
        this.dialect = dialect;
        this.json = json;
        this.node = node;
        // NULL (no latency yet) on either side must not win, hence the coalesce on both.
        this.upsertRollup = UPSERT_ROLLUP.formatted(
                dialect.least("coalesce(rollups.latency_min_ms, excluded.latency_min_ms)",
                        "coalesce(excluded.latency_min_ms, rollups.latency_min_ms)"),
                dialect.greatest("coalesce(rollups.latency_max_ms, excluded.latency_max_ms)",
                        "coalesce(excluded.latency_max_ms, rollups.latency_max_ms)"));
    }

    /** Inserts a batch; returns the id of its last result (of a monitor's, not a vantage point's), or 0 when it has none. */
    long write(Connection connection, List<CheckResult> results, List<Store.PointResult> points, List<StateChange> changes)
            throws SQLException {
        long lastResultId = 0;
        if (!results.isEmpty()) {
            insertResults(connection, results);
            // Before the state changes: SQLite's last_insert_rowid() is per connection, not per table.
            try (PreparedStatement select = connection.prepareStatement(dialect.lastResultIdQuery());
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                lastResultId = rows.getLong(1);
            }
        }
        insertPointResults(connection, points);
        insertChanges(connection, changes);
        return lastResultId;
    }

    /** Writes a rollup flush: each row once, added to what is stored, and the node's watermark. */
    void flushRollups(Connection connection, List<Map.Entry<RollupAccumulator.Key, RollupTotals>> rows,
                      long lastResultId) throws SQLException {
        if (!rows.isEmpty()) {
            mergeRollups(connection, rows);
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_WATERMARK)) {
            upsert.setString(1, node);
            upsert.setLong(2, lastResultId);
            upsert.executeUpdate();
        }
    }

    /**
     * The node's watermark; a node without one has no results (the migration gave every node
     * with results a row, and a node gets its row here, on its first open, before it writes), so
     * it starts after the last result of any node instead of scanning the others' results.
     */
    long watermark(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_WATERMARK)) {
            select.setString(1, node);
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    return rows.getLong(1);
                }
            }
        }
        long start;
        try (PreparedStatement select = connection.prepareStatement(MAX_RESULT_ID);
             ResultSet rows = select.executeQuery()) {
            rows.next();
            start = rows.getLong(1);
        }
        flushRollups(connection, List.of(), start);
        return start;
    }

    /**
     * Folds up to {@code limit} results of this node above {@code watermark} into the rollups and
     * advances the watermark; returns the new watermark, or -1 when there was nothing to fold.
     */
    long foldUnfolded(Connection connection, long watermark, int limit) throws SQLException {
        RollupAccumulator rollups = new RollupAccumulator();
        long last = -1;
        try (PreparedStatement select = connection.prepareStatement(UNFOLDED_RESULTS)) {
            select.setLong(1, watermark);
            select.setString(2, node);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    last = rows.getLong(1);
                    // Only what a rollup uses: monitor, start, outcome, total time.
                    rollups.add(new CheckResult(rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)),
                            Outcome.valueOf(rows.getString(4)), "",
                            Timings.totalOnly(rows.getLong(5)), List.of()));
                }
            }
        }
        if (last < 0) {
            return -1;
        }
        flushRollups(connection, new ArrayList<>(rollups.totals().entrySet()), last);
        return last;
    }

    private void insertResults(Connection connection, List<CheckResult> results) throws SQLException {
        if (results.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RESULT)) {
            for (CheckResult result : results) {
                bindResult(insert, result);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertPointResults(Connection connection, List<Store.PointResult> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POINT_RESULT)) {
            for (Store.PointResult point : points) {
                bindResult(insert, point.result());
                insert.setString(12, point.point());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The first eleven parameters of INSERT_RESULT and INSERT_POINT_RESULT. */
    private void bindResult(PreparedStatement insert, CheckResult result) throws SQLException {
        insert.setString(1, result.monitorId());
        insert.setString(2, node);
        insert.setLong(3, result.startedAt().toEpochMilli());
        insert.setString(4, result.outcome().name());
        insert.setString(5, text(result.message()));
        insert.setLong(6, result.timings().dnsMicros());
        insert.setLong(7, result.timings().connectMicros());
        insert.setLong(8, result.timings().tlsMicros());
        insert.setLong(9, result.timings().firstByteMicros());
        insert.setLong(10, result.timings().totalMicros());
        insert.setString(11, json.conditions(result.conditions()));
    }

    private void insertChanges(Connection connection, List<StateChange> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
            for (StateChange change : changes) {
                insert.setString(1, change.monitorId());
                insert.setString(2, node);
                insert.setLong(3, change.at().toEpochMilli());
                insert.setString(4, change.from().name());
                insert.setString(5, change.to().name());
                insert.setString(6, json.cause(change.cause()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_CURRENT_STATE)) {
            for (StateChange change : changes) {
                upsert.setString(1, change.monitorId());
                upsert.setString(2, change.to().name());
                upsert.setLong(3, change.at().toEpochMilli());
                upsert.setString(4, node);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** {@code rows} in the order of {@link RollupAccumulator#ORDER}. */
    private void mergeRollups(Connection connection, List<Map.Entry<RollupAccumulator.Key, RollupTotals>> rows)
            throws SQLException {
        if (!dialect.serializesWriters()) {
            ensureRows(connection, rows);
        }
        byte[][] sketches = mergeStoredSketches(connection, rows);
        try (PreparedStatement upsert = connection.prepareStatement(upsertRollup)) {
            for (int i = 0; i < rows.size(); i++) {
                RollupTotals t = rows.get(i).getValue();
                bindKey(upsert, rows.get(i).getKey());
                upsert.setLong(4, t.count);
                upsert.setLong(5, t.ok);
                upsert.setLong(6, t.degraded);
                upsert.setLong(7, t.failed);
                upsert.setLong(8, t.latencyCount);
                setNullableDouble(upsert, 9, t.latencyMin);
                upsert.setDouble(10, t.latencySum);
                setNullableDouble(upsert, 11, t.latencyMax);
                upsert.setBytes(12, sketches[i]);
                upsert.addBatch();
                if (i % JDBC_BATCH == JDBC_BATCH - 1) {
                    upsert.executeBatch();
                }
            }
            upsert.executeBatch();
        }
    }

    /** See {@link #ENSURE_ROLLUP}; not needed where a transaction excludes all other writers. */
    private static void ensureRows(Connection connection, List<Map.Entry<RollupAccumulator.Key, RollupTotals>> rows)
            throws SQLException {
        try (PreparedStatement ensure = connection.prepareStatement(ENSURE_ROLLUP)) {
            for (int i = 0; i < rows.size(); i++) {
                bindKey(ensure, rows.get(i).getKey());
                ensure.addBatch();
                if (i % JDBC_BATCH == JDBC_BATCH - 1) {
                    ensure.executeBatch();
                }
            }
            ensure.executeBatch();
        }
    }

    /**
     * Locks the rows (PostgreSQL) and merges their stored sketches with the new ones, into new
     * sketches (by index of {@code rows}): the totals stay as they are, so that a failed flush
     * can be retried. One query per (granularity, period) and chunk of monitors; the rows are
     * sorted, so a period is one run of them.
     */
    private byte[][] mergeStoredSketches(Connection connection,
                                         List<Map.Entry<RollupAccumulator.Key, RollupTotals>> rows)
            throws SQLException {
        byte[][] merged = new byte[rows.size()][];
        Map<String, PreparedStatement> selects = new HashMap<>(); // by chunk size: most chunks are full
        try {
            int from = 0;
            while (from < rows.size()) {
                RollupAccumulator.Key first = rows.get(from).getKey();
                int to = from + 1;
                while (to < rows.size() && to - from < MAX_IN_LIST && samePeriod(first, rows.get(to).getKey())) {
                    to++;
                }
                Map<String, Integer> byMonitor = new HashMap<>(2 * (to - from));
                for (int i = from; i < to; i++) {
                    byMonitor.put(rows.get(i).getKey().monitorId(), i);
                }
                int size = to - from;
                String sql = SELECT_SKETCHES.formatted(String.join(", ", Collections.nCopies(size, "?")))
                        + dialect.lockRowsClause();
                PreparedStatement select = selects.get(sql);
                if (select == null) {
                    select = connection.prepareStatement(sql);
                    selects.put(sql, select);
                }
                select.setString(1, RollupAccumulator.code(first.granularity()));
                select.setLong(2, first.periodStartMillis());
                for (int i = 0; i < size; i++) {
                    select.setString(3 + i, rows.get(from + i).getKey().monitorId());
                }
                try (ResultSet stored = select.executeQuery()) {
                    while (stored.next()) {
                        byte[] bytes = stored.getBytes(2);
                        if (bytes != null) {
                            int index = byMonitor.get(stored.getString(1));
                            LatencySketch sketch = LatencySketch.fromBytes(bytes);
                            sketch.merge(rows.get(index).getValue().sketch);
                            merged[index] = sketch.toBytes();
                        }
                    }
                }
                from = to;
            }
        } finally {
            for (PreparedStatement select : selects.values()) {
                select.close();
            }
        }
        for (int i = 0; i < merged.length; i++) {
            if (merged[i] == null) {
                merged[i] = rows.get(i).getValue().sketch.toBytes();
            }
        }
        return merged;
    }

    private static boolean samePeriod(RollupAccumulator.Key a, RollupAccumulator.Key b) {
        return a.granularity() == b.granularity() && a.periodStartMillis() == b.periodStartMillis();
    }

    private static void bindKey(PreparedStatement statement, RollupAccumulator.Key key) throws SQLException {
        statement.setString(1, key.monitorId());
        statement.setString(2, RollupAccumulator.code(key.granularity()));
        statement.setLong(3, key.periodStartMillis());
    }

    private static void setNullableDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** PostgreSQL text cannot hold NUL, and one such message must not sink a whole batch. */
    private static String text(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }
}
