package dev.lookout.store;

import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a database is: the one row of {@code lookout_identity} (a random id, and a mark the health
 * probe raises every second). Compared with what this node remembers ({@link IdentityFile}), it
 * tells Lookout's own database from an empty one, another one or an older copy of it.
 */
record DatabaseIdentity(String databaseId, long mark) {

    private static final String READ = "SELECT database_id, mark FROM lookout_identity WHERE singleton = 1";
    private static final String INSERT = "INSERT INTO lookout_identity (singleton, database_id, created_at, mark) VALUES (1, ?, ?, 1)";
    private static final String RAISE = "UPDATE lookout_identity SET mark = mark + 1 WHERE singleton = 1";

    /** Whether Lookout's tables are there at all (Flyway's history table is the first it creates). */
    static boolean lookoutTables(Connection connection) throws SQLException {
        return tableExists(connection, "flyway_schema_history");
    }

    /** The identity row; empty when the database has no identity table or no row (an older schema). */
    static Optional<DatabaseIdentity> read(Connection connection) throws SQLException {
        if (!tableExists(connection, "lookout_identity")) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement(READ); ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new DatabaseIdentity(row.getString(1), row.getLong(2))) : Optional.empty();
        }
    }

    /** The identity row, written first with a new id when missing (a new or upgraded database). */
    static DatabaseIdentity ensure(Connection connection, Instant now) throws SQLException {
        Optional<DatabaseIdentity> found = read(connection);
        if (found.isPresent()) {
            return found.get();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setLong(2, now.toEpochMilli());
            insert.executeUpdate();
        }
        return read(connection).orElseThrow(() -> new SQLException("the identity row was not written"));
    }

    /** Raises the mark and reads the row: what the health probe does every second. */
    static DatabaseIdentity raiseMark(Connection connection) throws SQLException {
        try (PreparedStatement raise = connection.prepareStatement(RAISE)) {
            raise.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(READ); ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new StoreException("the database has no identity row: it is not the one Lookout was using", null,
                        StorageFault.REPLACED);
            }
            return new DatabaseIdentity(row.getString(1), row.getLong(2));
        }
    }

    /**
     * Why the database found is not the one remembered, or empty when it is (or when the URL
     * changed: an operator pointing Lookout at another database on purpose).
     *
     * @param r      what this node remembers
     * @param tables whether Lookout's tables exist in the database found
     * @param found  its identity row, if any
     */
    static Optional<String> mismatch(IdentityFile.Remembered r, String database, boolean tables,
                                     Optional<DatabaseIdentity> found) {
        if (!r.database().equals(database)) {
            return Optional.empty();
        }
        String last = "this node last used database " + r.databaseId() + " there (mark " + r.mark() + ", " + r.seenAt() + ")";
        if (!tables) {
            return Optional.of("the database is empty: Lookout's tables are gone (deleted, dropped or re-created), but "
                    + last);
        }
        if (found.isEmpty()) {
            return Optional.of("the database has Lookout's tables but no identity (restored from a backup of an older"
                    + " Lookout version?), but " + last);
        }
        DatabaseIdentity f = found.get();
        if (!f.databaseId().equals(r.databaseId())) {
            return Optional.of("this is another database (id " + f.databaseId() + "), but " + last);
        }
        if (f.mark() < r.mark()) {
            return Optional.of("this is an older copy of the database (mark " + f.mark() + ", restored from a backup?), but "
                    + last);
        }
        return Optional.empty();
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        if (schema == null && meta.getDatabaseProductName().startsWith("PostgreSQL")) {
            return false; // the schema in the URL does not exist (dropped): null would match every schema
        }
        for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
            try (ResultSet tables = meta.getTables(null, schema, name, new String[] {"TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
