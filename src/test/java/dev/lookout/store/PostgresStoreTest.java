package dev.lookout.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against the real PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). A
 * database per test class, a schema per test. Fails, never skips, when the server is missing:
 * a green build must mean PostgreSQL was tested.
 */
class PostgresStoreTest extends StoreContract {

    private static final String SERVER = "127.0.0.1:5432";
    private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "/test";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "lookout_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(ADMIN_URL); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection admin = admin(ADMIN_URL); Statement sql = admin.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private static Connection admin(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url, "postgres", "");
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL is required for this test at " + SERVER
                    + " (user postgres, trust auth): " + e.getMessage(), e);
        }
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = admin("jdbc:postgresql://" + SERVER + "/" + database);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://postgres@" + SERVER + "/" + database + "?currentSchema=" + schema;
    }

    @Override
    String jdbcUrl(String storeUrl) {
        return "jdbc:postgresql://" + storeUrl.substring("postgresql://postgres@".length());
    }

    @Override
    String jdbcUser() {
        return "postgres";
    }
}
