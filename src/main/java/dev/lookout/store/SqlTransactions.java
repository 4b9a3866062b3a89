package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work in one transaction on a pooled connection: commit, or roll back and
 * rethrow. A connection whose transaction failed with a database error is evicted from the pool
 * rather than reused: a PostgreSQL connection may have been cut, and nothing is won by trusting a
 * SQLite connection after SQLITE_FULL or an I/O error ({@link SqliteConnections} keeps its
 * transactions whole either way).
 */
final class SqlTransactions {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * The longest a caller's call waits for one answer of the database (the socket's read timeout
     * for the call): an admin write or an outbox claim on a server that froze answers 503 after
     * this, not after the driver's 60 s socket timeout, which stays for the batch writer's big writes.
     */
    static final java.time.Duration CALLER_DEADLINE = java.time.Duration.ofSeconds(5);

    private final DataSource pool;
    private final StorageHealth health;
    private final DatabaseFileWatch fileWatch;

    /** @param fileWatch the SQLite file's watch; null for a database server */
    SqlTransactions(DataSource pool, StorageHealth health, DatabaseFileWatch fileWatch) {
        this.pool = pool;
        this.health = health;
        this.fileWatch = fileWatch;
    }

    /**
     * Holds the storage when the database file was deleted or replaced under Lookout, and throws:
     * the pooled connections would write into a file nobody will read again.
     */
    void checkDatabaseFile() {
        String problem = fileWatch == null ? null : fileWatch.problem();
        if (problem != null) {
            health.hold(problem);
            throw new StoreException(problem, null, StorageFault.REPLACED);
        }
    }

    /**
     * {@link #run(Work)} for the store's callers: a database failure is a {@link StoreException}
     * saying what could not be done, reported to the health (the work's own exceptions, such as a
     * conflict, pass unchanged); while the storage is known to be failing it fails
     * at once instead of waiting for a connection (the health probe notices the return).
     */
    <T> T run(String what, Work<T> work) {
        refuseWhileFailing(what);
        try {
            return run(work, CALLER_DEADLINE);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Throws without touching the database while the storage is known to be failing. */
    void refuseWhileFailing(String what) {
        if (fileWatch != null && fileWatch.problem() != null) {
            health.hold(fileWatch.problem());
        }
        StorageStatus status = health.status();
        if (!status.ok()) {
            throw new StoreException("cannot " + what + ": " + status.fault().label() + " since " + status.since()
                    + " (" + health.database() + ": " + status.reason() + ")", null, status.fault());
        }
    }

    /** Reports a failed call to the health and names what could not be done. */
    StoreException failure(String what, Exception e) {
        if (e instanceof StoreException se && se.fault().isPresent()) {
            return se; // already refused or reported
        }
        health.failed(e);
        return new StoreException("cannot " + what + " in " + health.database() + ": " + DatabaseErrors.rootMessage(e), e,
                DatabaseErrors.fault(e));
    }

    <T> T run(Work<T> work) throws SQLException {
        return run(work, null);
    }

    /** @param deadline the longest wait for one answer of the database; null: the driver's own */
    private <T> T run(Work<T> work, java.time.Duration deadline) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (deadline != null) {
                limitWaits(connection, deadline);
            }
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
                if (e instanceof SQLException) {
                    evict(connection); // the work's own refusals (a conflict, bad input) leave the connection sound
                }
                throw e;
            }
        }
    }

    /**
     * Sets the connection's network timeout for this call (the pool resets it when the connection
     * is returned). A driver without one (SQLite, whose waits are bounded by its busy timeout) is
     * left as it is.
     */
    private static void limitWaits(Connection connection, java.time.Duration deadline) {
        try {
            connection.setNetworkTimeout(command -> Thread.ofVirtual().start(command), (int) deadline.toMillis());
        } catch (SQLException | UnsupportedOperationException e) {
            // no network between Lookout and the database
        }
    }

    /** Closes the connection for good instead of returning it to the pool. */
    void evict(Connection connection) {
        if (pool instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
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
