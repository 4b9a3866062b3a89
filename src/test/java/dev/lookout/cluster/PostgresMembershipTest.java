package dev.lookout.cluster;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The membership contract on the real PostgreSQL at 127.0.0.1:5432 (a database per class, a schema per test). */
class PostgresMembershipTest extends MembershipContract {
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
}
