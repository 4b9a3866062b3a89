package dev.lookout.store;

import com.zaxxer.hikari.HikariConfig;
import dev.lookout.storage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite in WAL mode. SQLite has exactly one writer at a time, so every transaction starts with
 * {@code BEGIN IMMEDIATE} ({@link SqliteConnections}): it takes the write lock up front and waits
 * for it (busy_timeout) instead of failing with SQLITE_BUSY when a read-then-write transaction
 * (the rollup merge) finds that another connection wrote in between. Reads run in autocommit and,
 * thanks to WAL, beside the writer.
 */
final class SqliteDialect implements Dialect {

    /**
     * The batch writer is the only steady writer; syncMonitors, the health probe and reads are
     * occasional. Four connections let reads from the web layer run beside a batch; more would
     * only queue on the write lock.
     */
    private static final int POOL_SIZE = 4;
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;

    private SqliteDialect(Path file) {
        this.file = file;
    }

    /**
     * Checks the path before any driver sees it, so that a bad path gives one sentence naming it
     * instead of a driver error three causes deep.
     */
    static SqliteDialect forFile(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new StoreException("SQLite database " + absolute + " is a directory, not a file");
        }
        Path directory = absolute.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory " + directory + " for the SQLite database "
                    + absolute + ": " + describe(e), e);
        }
        if (!Files.isWritable(directory)) {
            throw new StoreException("SQLite database directory " + directory
                    + " is not writable (SQLite also needs to create its -wal and -shm files there)");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new StoreException("SQLite database " + absolute + " is not writable");
        }
        return new SqliteDialect(absolute);
    }

    private static String describe(IOException e) {
        String reason = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            reason = "a file is in the way of a directory (" + e.getMessage() + ")";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            reason = "permission denied (" + e.getMessage() + ")";
        } else if (e.getMessage() != null) {
            reason += ": " + e.getMessage();
        }
        return reason;
    }

    @Override
    public String describe() {
        return "SQLite database " + file;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public HikariConfig poolConfig() {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode: a power cut may lose the last transactions, never corrupt the file.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file);

        HikariConfig config = new HikariConfig();
        config.setDataSource(new SqliteConnections(dataSource)); // each transaction BEGIN IMMEDIATE ... COMMIT
        config.setPoolName("lookout-sqlite");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        // Longer than the busy timeout, so that a writer waiting for the lock is not cut short; far
        // below HikariCP's default of 30 s.
        config.setConnectionTimeout(BUSY_TIMEOUT_MILLIS + 2_000);
        return config;
    }

    @Override
    public boolean serializesWriters() {
        return true;
    }

    @Override
    public String lockRowsClause() {
        return ""; // BEGIN IMMEDIATE already holds the only write lock
    }

    @Override
    public String least(String a, String b) {
        return "min(" + a + ", " + b + ")";
    }

    @Override
    public String greatest(String a, String b) {
        return "max(" + a + ", " + b + ")";
    }

    @Override
    public String lastResultIdQuery() {
        return "SELECT last_insert_rowid()";
    }

    @Override
    public String skipLockedClause() {
        return ""; // one writer at a time: the claiming UPDATE is already exclusive
    }

    @Override
    public String nowMillis() {
        return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
    }
}
