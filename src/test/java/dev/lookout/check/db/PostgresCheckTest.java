package dev.lookout.check.db;

import java.sql.Connection;
import java.sql.DriverManager;

/** {@code type: postgres} against the PostgreSQL of the test setup (127.0.0.1:5432, user postgres, trust, database test). */
class PostgresCheckTest extends SqlCheckContract {

    @Override
    Connection admin() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
    }

    @Override
    SqlSettings settings(String query) {
        return new SqlSettings(SqlDialect.POSTGRES, "127.0.0.1", 5432, "test", "postgres", null, query, "prefer");
    }

    @Override
    SqlSettings withCredentials(SqlSettings s, String user, String password) {
        return new SqlSettings(s.dialect(), s.host(), s.port(), s.database(), user, password, s.query(), s.sslMode());
    }

    @Override
    SqlSettings withDatabase(SqlSettings s, String database) {
        return new SqlSettings(s.dialect(), s.host(), s.port(), database, s.user(), s.password(), s.query(), s.sslMode());
    }

    @Override
    SqlSettings withPort(SqlSettings s, int port) {
        return new SqlSettings(s.dialect(), s.host(), port, s.database(), s.user(), s.password(), s.query(), s.sslMode());
    }

    @Override
    String[] refusedCredentials() {
        // The test server trusts every local user that exists, so refusal means a role that does not.
        return new String[] {"lookout_no_such_role", "wrong", "role \"lookout_no_such_role\" does not exist"};
    }

    @Override
    String sleep(int seconds) {
        return "SELECT pg_sleep(" + seconds + ")";
    }
}
