package dev.lookout.store;

import dev.lookout.heartbeat.Ping;
import dev.lookout.heartbeat.PingLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The ping log on SQLite and PostgreSQL (the same statements): {@code ping_log} (V19) finds a
 * monitor's receive times newest first, and each is joined to its pings through the pings'
 * {@code received_at} index.
 */
final class SqlPingLog implements PingLog {

    private static final String INDEX = """
            INSERT INTO ping_log (monitor_id, received_at) VALUES (?, ?)
            ON CONFLICT (monitor_id, received_at) DO NOTHING
            """;

    /** Times up to the cursor's (its millisecond may hold older pings), then the pings before the cursor. */
    private static final String PAGE = """
            SELECT p.id, p.monitor_id, p.received_at, p.kind, p.exit_code, p.run_id, p.duration_ms, p.body, p.body_truncated,
                   p.remote_addr, p.user_agent, p.method, p.message
            FROM (SELECT received_at FROM ping_log
                  WHERE monitor_id = ? AND received_at <= ?
                  ORDER BY received_at DESC
                  LIMIT ?) l
            JOIN pings p ON p.received_at = l.received_at AND p.monitor_id = ?
            WHERE p.received_at < ? OR (p.received_at = ? AND p.id < ?)
            ORDER BY p.received_at DESC, p.id DESC
            LIMIT ?
            """;

    private static final String PURGE_CHUNK = """
            DELETE FROM ping_log
            WHERE received_at IN (SELECT received_at FROM ping_log WHERE received_at < ? LIMIT 5000)
            """;

    private final SqlTransactions transactions;

    SqlPingLog(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void index(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        transactions.run("index " + entries.size() + " pings for the ping log", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INDEX)) {
                for (Entry entry : entries) {
                    insert.setString(1, entry.monitorId());
                    insert.setLong(2, entry.receivedAt().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<LoggedPing> page(String monitorId, Cursor before, int limit) {
        long at = before == null ? Long.MAX_VALUE : before.receivedAt().toEpochMilli();
        long id = before == null ? Long.MAX_VALUE : before.id();
        return transactions.run("read the ping log of " + monitorId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(PAGE)) {
                select.setString(1, monitorId);
                select.setLong(2, at);
                select.setInt(3, limit + 1); // the cursor's own millisecond may give no ping
                select.setString(4, monitorId);
                select.setLong(5, at);
                select.setLong(6, at);
                select.setLong(7, id);
                select.setInt(8, limit);
                List<LoggedPing> page = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        page.add(new LoggedPing(rows.getLong(1), ping(rows)));
                    }
                }
                return page;
            }
        });
    }

    /** Removes the entries of pings older than {@code before} (retention), in chunks; returns how many. */
    static int purge(Connection connection, Instant before) throws SQLException {
        int total = 0;
        try (PreparedStatement delete = connection.prepareStatement(PURGE_CHUNK)) {
            int deleted;
            do {
                delete.setLong(1, before.toEpochMilli());
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted > 0);
        }
        return total;
    }

    private static Ping ping(ResultSet rows) throws SQLException {
        int exit = rows.getInt(5);
        Integer exitCode = rows.wasNull() ? null : exit;
        long duration = rows.getLong(7);
        Long durationMs = rows.wasNull() ? null : duration;
        return new Ping(rows.getString(2), Instant.ofEpochMilli(rows.getLong(3)), Ping.Kind.valueOf(rows.getString(4).toUpperCase(java.util.Locale.ROOT)),
                exitCode, rows.getString(6), durationMs, rows.getBytes(8), rows.getBoolean(9), rows.getString(10),
                rows.getString(11), rows.getString(12), rows.getString(13));
    }
}
