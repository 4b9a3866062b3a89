package dev.lookout.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The real PostgreSQL at 127.0.0.1:5432 for a test class: a database of its own, a schema per test. */
public final class SharedPostgres implements AutoCloseable {
    private static final String SERVER = "127.0.0.1:5432";

    private final String database;

    private SharedPostgres(String database) {
        this.database = database;
    }

    public static SharedPostgres createDatabase() throws SQLException {
        String database = "lookout_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("postgres", null); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        return new SharedPostgres(database);
    }

    /** A store URL of a new, empty schema. */
    public String newSchemaUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(database, null); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://postgres@" + SERVER + "/" + database + "?currentSchema=" + schema;
    }

    /** A JDBC connection to the schema of a URL from {@link #newSchemaUrl()}. */
    public Connection connect(String storeUrl) throws SQLException {
        return connect(database, storeUrl.substring(storeUrl.indexOf("currentSchema=") + "currentSchema=".length()));
    }

    private static Connection connect(String db, String schema) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + db
                    + (schema == null ? "" : "?currentSchema=" + schema), "postgres", "");
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is required for this test at " + SERVER + " (user postgres, trust auth): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect("postgres", null); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
