package dev.lookout.store;

import dev.lookout.heartbeat.Ping;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the pings table straight from the database, for tests that check what a ping left behind.
 * Lookout itself never reads pings by monitor (the table has no such index, so that inserts stay
 * sequential), so the store offers no such read.
 */
public final class StoredPings {
    private final String jdbcUrl;
    private final String user;

    /** @param user null for none; the password is empty */
    public StoredPings(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** The pings of a SQLite database file. */
    public static StoredPings sqlite(Path file) {
        return new StoredPings("jdbc:sqlite:" + file, null);
    }

    /** The newest pings of one monitor, newest first, at most {@code limit}. */
    public List<Ping> last(String monitorId, int limit) {
        return read("""
                SELECT monitor_id, received_at, kind, exit_code, run_id, duration_ms, body, body_truncated,
                       remote_addr, user_agent, method, message
                FROM pings
                WHERE monitor_id = ?
                ORDER BY received_at DESC, id DESC
                LIMIT ?
                """, statement -> {
            statement.setString(1, monitorId);
            statement.setInt(2, limit);
        }, StoredPings::ping);
    }

    /** How many pings of one monitor are stored. */
    public long count(String monitorId) {
        return read("SELECT count(*) FROM pings WHERE monitor_id = ?", statement -> statement.setString(1, monitorId),
                rows -> rows.getLong(1)).getFirst();
    }

    /** How many pings are stored, all monitors together. */
    public long count() {
        return read("SELECT count(*) FROM pings", statement -> {
        }, rows -> rows.getLong(1)).getFirst();
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> List<T> read(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, user == null ? null : "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(mapper.map(rows));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("cannot read the pings of " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    private static Ping ping(ResultSet rows) throws SQLException {
        return new Ping(rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), Ping.Kind.valueOf(rows.getString(3).toUpperCase()),
                nullable(rows, rows.getInt(4)), rows.getString(5), nullable(rows, rows.getLong(6)), rows.getBytes(7),
                rows.getBoolean(8), rows.getString(9), rows.getString(10), rows.getString(11), rows.getString(12));
    }

    private static <T> T nullable(ResultSet rows, T value) throws SQLException {
        return rows.wasNull() ? null : value;
    }
}
