package dev.lookout.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** Runs a unit of JDBC work in one transaction on a pooled connection: commit, or roll back and rethrow. */
final class SqlTransactions {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;

    SqlTransactions(DataSource pool) {
        this.pool = pool;
    }

    <T> T run(Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
