package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.storage.DatabaseMismatchException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identity contract on the real PostgreSQL at 127.0.0.1:5432 (a database per class, a schema
 * per Lookout database; "emptied" is DROP SCHEMA ... CASCADE and CREATE SCHEMA, as a reset or a
 * re-created database leaves it).
 */
class PostgresDatabaseIdentityTest extends DatabaseIdentityContract {
    private static final String SERVER = "127.0.0.1:5432";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "lookout_identity_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("test"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection admin = connect("test"); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Connection connect(String db) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + db, "postgres", "");
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is required for this test at " + SERVER + " (user postgres, trust auth): "
                    + e.getMessage(), e);
        }
    }

    private static String schema(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    /** The database's mark, which the health probe raises every second. */
    private static long mark(String url) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + database
                + "?currentSchema=" + schema(url), "postgres", "")) {
            return DatabaseIdentity.read(connection).orElseThrow().mark();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://postgres@" + SERVER + "/" + database + "?currentSchema=" + schema;
    }

    @Override
    void wipe(String url) throws SQLException {
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA " + schema(url) + " CASCADE");
            sql.execute("CREATE SCHEMA " + schema(url));
        }
    }

    @Override
    boolean hasTables(String url) throws SQLException {
        try (Connection connection = connect(database);
             ResultSet tables = connection.getMetaData().getTables(null, schema(url), "%", new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    /** A restore of an older dump leaves the identity with the mark it had then. */
    @Test
    void an_older_copy_of_the_database_is_refused() throws Exception {
        String url = newDatabaseUrl();
        Path state = dir.resolve("node.identity");
        Store store = open(url, state);
        await("the health probe raised the mark past the one set below", () -> mark(url) > 1);
        store.close();
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("UPDATE " + schema(url) + ".lookout_identity SET mark = 1");
        }

        assertThatThrownBy(() -> open(url, state))
                .isInstanceOf(DatabaseMismatchException.class)
                .hasMessageContaining("an older copy of the database");
    }
}
