package dev.lookout.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The SQLite driver's connections with JDBC transactions made of SQLite's own statements: a
 * transaction starts with {@code BEGIN IMMEDIATE} (the write lock up front, waited for up to the
 * busy timeout) and ends with one {@code COMMIT} or {@code ROLLBACK}.
 *
 * <p>The driver's own transactions break when the lock is not to be had in time, as on a
 * saturated machine or while another process writes: it marks a connection as not auto-committing
 * before its {@code BEGIN} succeeds, so that a connection whose {@code BEGIN} failed went back to
 * the pool and then ran the next caller's transaction statement by statement (its failure left
 * half of it stored, and its commit said "cannot commit - no transaction is active"); and its
 * {@code commit()} begins the next transaction at once, so a commit that stored everything could
 * still fail waiting for the lock again, and its caller would write it twice.
 *
 * <p>Here the driver's connection stays in auto-commit mode and this class keeps the JDBC state:
 * {@code setAutoCommit(false)} begins (and fails with nothing changed), {@code commit()} and
 * {@code rollback()} end the transaction, and the next one begins with the next statement.
 */
final class SqliteConnections implements DataSource {
    private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final DataSource driver;

    SqliteConnections(DataSource driver) {
        this.driver = driver;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(driver.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(driver.getConnection(username, password));
    }

    private static Connection wrap(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return (Connection) Proxy.newProxyInstance(SqliteConnections.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Transactions(connection));
    }

    /** One connection's JDBC transaction state over the driver's connection. */
    private static final class Transactions implements InvocationHandler {
        private final Connection connection;
        /** The JDBC auto-commit mode the caller asked for. */
        private boolean autoCommit = true;
        /** Whether this class began a transaction that is not ended yet. */
        private boolean open;

        Transactions(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getAutoCommit":
                    return autoCommit;
                case "setAutoCommit":
                    setAutoCommit((Boolean) args[0]);
                    return null;
                case "commit":
                    commit();
                    return null;
                case "rollback":
                    if (args == null) {
                        rollback();
                        return null;
                    }
                    throw new SQLFeatureNotSupportedException("savepoints are not used on Lookout's SQLite connections");
                case "setSavepoint", "releaseSavepoint":
                    throw new SQLFeatureNotSupportedException("savepoints are not used on Lookout's SQLite connections");
                case "close":
                    if (open) {
                        try {
                            rollback(); // JDBC leaves an open transaction at close to the driver: end it here
                        } catch (SQLException e) {
                            // closing anyway; SQLite rolls back what a closed connection left open
                        }
                    }
                    break;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "isWrapperFor":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "SQLite connection " + connection + (open ? " (in a transaction)" : "");
                default:
                    if (STATEMENT_FACTORIES.contains(method.getName()) && !autoCommit && !open) {
                        begin();
                    }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void setAutoCommit(boolean on) throws SQLException {
            if (on == autoCommit) {
                return;
            }
            if (on) {
                if (open) {
                    end("COMMIT"); // JDBC: switching auto-commit on commits the transaction in progress
                }
                autoCommit = true;
            } else {
                begin();
                autoCommit = false;
            }
        }

        private void commit() throws SQLException {
            if (autoCommit) {
                throw new SQLException("database in auto-commit mode");
            }
            if (open) {
                end("COMMIT");
            }
        }

        private void rollback() throws SQLException {
            if (open) {
                end("ROLLBACK");
            }
        }

        private void begin() throws SQLException {
            execute("BEGIN IMMEDIATE");
            open = true;
        }

        /**
         * COMMIT or ROLLBACK. SQLite may have rolled the transaction back itself (a full disk, an
         * I/O error): a COMMIT then fails saying so, a ROLLBACK has nothing left to do.
         */
        private void end(String statement) throws SQLException {
            try {
                execute(statement);
                open = false;
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    throw e; // a COMMIT that failed otherwise leaves the transaction open, for a ROLLBACK
                }
                open = false;
                if (statement.equals("COMMIT")) {
                    throw new SQLException("SQLite rolled the transaction back before its commit: " + e.getMessage(), e);
                }
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
