package dev.lookout.store;

import dev.lookout.config.ManagedMonitor;
import dev.lookout.config.ManagedMonitors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ManagedMonitors} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlManagedMonitors implements ManagedMonitors {

    private static final String COLUMNS = "id, definition, version, created_at, created_by, updated_at, updated_by";
    private static final String ALL = "SELECT " + COLUMNS + " FROM managed_monitors ORDER BY id";
    private static final String ONE = "SELECT " + COLUMNS + " FROM managed_monitors WHERE id = ?";
    private static final String INSERT = """
            INSERT INTO managed_monitors (id, definition, version, created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, 1, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String UPDATE = """
            UPDATE managed_monitors SET definition = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ? AND version = ?
            """;
    private static final String DELETE = "DELETE FROM managed_monitors WHERE id = ? AND version = ?";
    private static final String MARK = """
            SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(updated_at), 0) FROM managed_monitors
            """;

    private final SqlTransactions transactions;

    SqlManagedMonitors(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<ManagedMonitor> all() {
        return transactions.run("read the console's monitors", connection -> {
            try (PreparedStatement select = connection.prepareStatement(ALL); ResultSet rows = select.executeQuery()) {
                List<ManagedMonitor> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(monitor(rows));
                }
                return out;
            }
        });
    }

    @Override
    public Optional<ManagedMonitor> find(String id) {
        return transactions.run("read a console monitor", connection -> one(connection, id));
    }

    @Override
    public Optional<ManagedMonitor> create(String id, String definition, String actor, Instant at) {
        return transactions.run("store a console monitor", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, id);
                insert.setString(2, definition);
                insert.setLong(3, at.toEpochMilli());
                insert.setString(4, actor);
                insert.setLong(5, at.toEpochMilli());
                insert.setString(6, actor);
                return insert.executeUpdate() == 1 ? one(connection, id) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<ManagedMonitor> update(String id, String definition, long expectedVersion, String actor, Instant at) {
        return transactions.run("change a console monitor", connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setString(1, definition);
                update.setLong(2, at.toEpochMilli());
                update.setString(3, actor);
                update.setString(4, id);
                update.setLong(5, expectedVersion);
                return update.executeUpdate() == 1 ? one(connection, id) : Optional.empty();
            }
        });
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return transactions.run("delete a console monitor", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, id);
                delete.setLong(2, expectedVersion);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public String changeMark() {
        return transactions.run("read whether the console's monitors changed", connection -> {
            try (PreparedStatement select = connection.prepareStatement(MARK); ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) + "/" + rows.getLong(2) + "/" + rows.getLong(3);
            }
        });
    }

    private static Optional<ManagedMonitor> one(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(ONE)) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(monitor(rows)) : Optional.empty();
            }
        }
    }

    private static ManagedMonitor monitor(ResultSet rows) throws SQLException {
        return new ManagedMonitor(rows.getString(1), rows.getString(2), rows.getLong(3),
                Instant.ofEpochMilli(rows.getLong(4)), rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)),
                rows.getString(7));
    }
}
