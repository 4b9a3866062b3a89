package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions on Lookout's SQLite pool when the write lock is not to be had: another connection
 * (a second process, a backup, a stuck writer) holds it past the busy timeout. Whatever failed,
 * every transaction afterwards is one: all of it or nothing, never statement by statement.
 */
class SqliteTransactionsTest {
    @TempDir
    Path dir;
    private Path file;
    private HikariDataSource pool;
    private SqlTransactions transactions;

    @BeforeEach
    void open() throws SQLException {
        file = dir.resolve("lookout.db");
        HikariConfig config = SqliteDialect.forFile(file).poolConfig();
        config.setMaximumPoolSize(1); // every call gets the connection the one before used
        config.setMinimumIdle(1);
        pool = new HikariDataSource(config);
        transactions = new SqlTransactions(pool, null, null);
        transactions.run(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (x INTEGER)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static Void insert(Connection connection, int x) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO t VALUES (" + x + ")");
        }
        return null;
    }

    private int rows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM t")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void a_transaction_that_could_not_take_the_write_lock_leaves_the_next_ones_whole() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            assertThatThrownBy(() -> transactions.run(connection -> insert(connection, 1)))
                    .isInstanceOf(SQLException.class).hasMessageContaining("SQLITE_BUSY");
            lock.execute("ROLLBACK");
        }
        assertThat(rows()).isZero();

        assertThatThrownBy(() -> transactions.run(connection -> {
            insert(connection, 2);
            throw new SQLException("refused half-way");
        })).hasMessage("refused half-way");
        assertThat(rows()).as("a transaction that failed half-way left nothing").isZero();

        transactions.run(connection -> insert(connection, 3));
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void a_committed_transaction_holds_no_write_lock_while_its_connection_waits_in_the_pool() throws SQLException {
        transactions.run(connection -> insert(connection, 1));
        // Another writer gets the lock at once (no busy wait): the pooled connection holds none.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            statement.execute("BEGIN IMMEDIATE");
            statement.executeUpdate("INSERT INTO t VALUES (2)");
            statement.execute("COMMIT");
        }
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void a_commit_is_reported_once_it_is_stored_even_when_another_writer_then_holds_the_lock() throws Exception {
        // The commit must not wait for the lock again after it: a writer that takes the lock right
        // after would make a stored transaction look failed, and its caller write it twice.
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement lock = other.createStatement()) {
            lock.execute("PRAGMA busy_timeout = 20000");
            Thread[] taker = new Thread[1];
            try {
                transactions.run(connection -> {
                    insert(connection, 1);
                    taker[0] = Thread.ofPlatform().start(() -> {
                        try {
                            lock.execute("BEGIN IMMEDIATE"); // waits for the commit below, then holds the lock
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L); // the taker waits for the lock by now, most likely
                    return null;
                });
            } catch (SQLException e) {
                throw new AssertionError("the transaction was stored, yet reported failed: " + e.getMessage(), e);
            } finally {
                if (taker[0] != null) {
                    taker[0].join();
                }
            }
            lock.execute("ROLLBACK");
        }
        assertThat(rows()).isEqualTo(1);
    }
}
