package dev.lookout.check.db;

import java.sql.Connection;
import java.sql.DriverManager;

/** {@code type: mysql} against the MariaDB of the test setup (127.0.0.1:3306, root without password, database test). */
class MysqlCheckTest extends SqlCheckContract {

    @Override
    Connection admin() throws Exception {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable", "root", "");
    }

    @Override
    SqlSettings settings(String query) {
        return new SqlSettings(SqlDialect.MYSQL, "127.0.0.1", 3306, "test", "root", null, query, "prefer");
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
        return new String[] {"root", "wrong", "Access denied for user 'root'"};
    }

    @Override
    String sleep(int seconds) {
        return "SELECT SLEEP(" + seconds + ")";
    }
}
