package dev.lookout.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The leadership contract on the real PostgreSQL at 127.0.0.1:5432 (a database per class, a schema per test). */
class PostgresLeadershipTest extends LeadershipContract {
    private static SharedPostgres postgres;

    @BeforeAll
    static void createDatabase() throws SQLException {
        postgres = SharedPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String newDatabaseUrl() throws SQLException {
        return postgres.newSchemaUrl();
    }

    @Override
    Connection connect(String url) throws SQLException {
        return postgres.connect(url);
    }

    @Override
    void lockLeaseTable(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("LOCK TABLE cluster_leader IN EXCLUSIVE MODE"); // writers wait, readers (this one too) do not
        }
    }
}
