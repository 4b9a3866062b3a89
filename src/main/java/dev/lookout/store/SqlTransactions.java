package dev.lookout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;

/** Runs a unit of JDBC work in one transaction on a pooled connection: commit, or roll back and rethrow. */
final class SqlTransactions {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final String database;

    /** @param database how errors name the database ({@code Dialect.describe()}) */
    SqlTransactions(DataSource pool, String database) {
        this.pool = pool;
        this.database = database;
    }

    /** {@link #run(Work)} for the store's callers: a failure is a {@link StoreException} saying what could not be done. */
    <T> T run(String what, Work<T> work) {
        try {
            return run(work);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + " in " + database + ": " + StoreException.rootMessage(e), e);
        }
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

    static void setMillis(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, at.toEpochMilli());
        }
    }

    static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }
}
