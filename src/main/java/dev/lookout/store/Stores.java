package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.lookout.storage.DatabaseMismatchException;
import dev.lookout.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/** Opens the store named by a URL: {@code sqlite:path/to/file.db} or {@code postgresql://user:pass@host:port/db}. */
public final class Stores {

    private Stores() {
    }

    /**
     * Connects, migrates the schema to the current version and starts the batch writer.
     *
     * @throws StoreException naming the database and the reason when it cannot be opened
     * @throws IllegalArgumentException when the URL is not one of the supported forms
     */
    public static Store open(String url, StoreOptions options) {
        return open(url, options, false);
    }

    /**
     * Like {@link #open}, except that a database that is not the one this node was using (its
     * state file says so) is not refused but <em>held</em>: nothing is migrated or written, the
     * store's health says why and which command accepts it, and what the node produces waits in
     * memory until an operator accepts it ({@link Store#acceptNewDatabase()}). This is how a
     * node starts: its checks and its public side go on, and /readyz says what is wrong.
     */
    public static Store openOrHold(String url, StoreOptions options) {
        return open(url, options, true);
    }

    private static Store open(String url, StoreOptions options, boolean hold) {
        Dialect dialect = dialectFor(url);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(dialect.poolConfig());
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
        IdentityFile stateFile = options.stateFile() == null ? null : new IdentityFile(options.stateFile());
        DatabaseIdentity identity;
        String heldBecause = null;
        try {
            var remembered = stateFile == null || options.acceptNewDatabase()
                    ? java.util.Optional.<IdentityFile.Remembered>empty() : stateFile.read();
            if (remembered.isPresent()) {
                var mismatch = anotherDatabase(pool, dialect, remembered.get());
                if (mismatch.isPresent() && !hold) {
                    throw new DatabaseMismatchException(dialect.describe(), mismatch.get());
                }
                heldBecause = mismatch.orElse(null);
            }
            if (heldBecause == null) {
                migrate(pool, dialect);
                identity = ensureIdentity(pool, dialect, options);
            } else {
                identity = new DatabaseIdentity(remembered.get().databaseId(), remembered.get().mark());
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        try {
            return new SqlStore(dialect, pool, options, identity, stateFile, heldBecause);
        } catch (StoreException e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }

    /**
     * The probes' registry of the database at {@code url}, for {@code lookout probe-token}: usable
     * while a server runs on the same database (SQLite waits for its write lock, PostgreSQL has no
     * single writer). The schema is migrated first, as a server would.
     */
    public static OpenedRepository<dev.lookout.probe.ProbeRegistry> probeRegistry(String url) {
        return opened(url, (transactions, dialect) -> new SqlProbeRegistry(transactions, dialect, null, null));
    }

    /**
     * The operators' accounts of the database at {@code url}, opened on their own for the account
     * commands, as {@link #probeRegistry} is: no batch writer and no recovery of a server's
     * unflushed rollups (a full store opened beside a running server would fold its results twice).
     */
    public static OpenedRepository<dev.lookout.account.Accounts> accounts(String url) {
        return opened(url, (transactions, dialect) -> new SqlAccounts(transactions));
    }

    /** The console's monitors of the database at {@code url}, for {@code lookout export-config}, opened as {@link #accounts} is. */
    public static OpenedRepository<dev.lookout.config.ManagedMonitors> managedMonitors(String url) {
        return opened(url, (transactions, dialect) -> new SqlManagedMonitors(transactions));
    }

    private static <T> OpenedRepository<T> opened(String url, java.util.function.BiFunction<SqlTransactions, Dialect, T> make) {
        Dialect dialect = dialectFor(url);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(dialect.poolConfig());
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
        try {
            migrate(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        SqlTransactions transactions = new SqlTransactions(pool, new StorageHealth(java.time.InstantSource.system(),
                dialect.describe()), null);
        return new OpenedRepository<>(make.apply(transactions, dialect), new SqlAuditLog(transactions), pool, dialect.describe());
    }

    /**
     * Before anything is written (a migration would make an empty database look like Lookout's):
     * why it is not the one remembered, or empty when it is.
     */
    private static java.util.Optional<String> anotherDatabase(HikariDataSource pool, Dialect dialect,
                                                              IdentityFile.Remembered remembered) {
        try (Connection connection = pool.getConnection()) {
            boolean tables = DatabaseIdentity.lookoutTables(connection);
            var found = tables ? DatabaseIdentity.read(connection) : java.util.Optional.<DatabaseIdentity>empty();
            return DatabaseIdentity.mismatch(remembered, dialect.describe(), tables, found);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }

    /** Migrates the schema to the current version (also when an operator accepts a new, empty database). */
    static void migrate(javax.sql.DataSource pool, Dialect dialect) {
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("cannot migrate the schema of " + dialect.describe() + ": "
                    + DatabaseErrors.rootMessage(e), e);
        }
    }

    /** The database's identity row, written with a new id when it has none (a new or upgraded database). */
    static DatabaseIdentity ensureIdentity(javax.sql.DataSource pool, Dialect dialect, StoreOptions options) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            DatabaseIdentity identity = DatabaseIdentity.ensure(connection, options.clock().instant());
            connection.commit();
            return identity;
        } catch (SQLException e) {
            throw new StoreException("cannot read the identity of " + dialect.describe() + ": "
                    + DatabaseErrors.rootMessage(e), e);
        }
    }

    static Dialect dialectFor(String url) {
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2); // sqlite:///abs/file.db
            }
            if (path.isBlank() || path.equals(":memory:")) {
                throw new IllegalArgumentException("SQLite store URL needs a file path, e.g. sqlite:./data/lookout.db");
            }
            return SqliteDialect.forFile(Path.of(path));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return PostgresDialect.forUrl(url);
        }
        throw new IllegalArgumentException("unsupported store URL " + PostgresDialect.redact(url)
                + ": expected sqlite:<path> or postgresql://user:password@host:port/database");
    }
}
