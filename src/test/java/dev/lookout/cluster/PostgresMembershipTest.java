package dev.lookout.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The membership contract on the real PostgreSQL at 127.0.0.1:5432 (a database per class, a schema per test). */
class PostgresMembershipTest extends MembershipContract {
    private static final String SERVER = "127.0.0.1:5432";
    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = "lookout_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
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

    @Override
    String newDatabaseUrl() throws SQLException {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://postgres@" + SERVER + "/" + database + "?currentSchema=" + schema;
    }
}
