package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.lookout.storage.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Consistent copies of Lookout's database, taken while Lookout runs, and putting one back while
 * it is stopped. SQLite: {@code VACUUM INTO} (one transaction's snapshot, in a new file); PostgreSQL:
 * {@code pg_dump}'s custom format of Lookout's schema and {@code pg_restore}, PostgreSQL's own tools.
 * A restored database is an older copy of the one Lookout remembers: restoring accepts it, as
 * {@code lookout storage accept-new --offline} does, so that Lookout starts on it normally.
 */
public final class Backups {
    /** How long PostgreSQL's tools may take before they are stopped. */
    private static final Duration TOOL_DEADLINE = Duration.ofMinutes(30);
    /** A node that beat this recently is alive (the cluster's own rule, with a margin). */
    private static final long ALIVE_MILLIS = 10_000;

    private Backups() {
    }

    /** What a backup wrote. */
    public record Copy(Path file, long bytes, String database) {
    }

    /** Writes a consistent copy of the database of {@code url} to {@code file}, which must not exist. */
    public static Copy backup(String url, Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new StoreException(target + " exists already; name a new file");
        }
        Dialect dialect = Stores.dialectFor(url);
        if (dialect instanceof PostgresDialect postgres) {
            List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-owner",
                    "--schema=" + postgres.tools().schema(), "--file=" + target));
            command.addAll(postgres.tools().connectionArguments());
            run(command, postgres.tools().password(), "pg_dump");
        } else {
            try (HikariDataSource pool = new HikariDataSource(dialect.poolConfig());
                 Connection connection = pool.getConnection()) {
                requireLookoutTables(connection, dialect);
                try (var statement = connection.prepareStatement("VACUUM INTO ?")) {
                    statement.setString(1, target.toString());
                    statement.execute();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot back up " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
            }
        }
        try {
            return new Copy(target, Files.size(target), dialect.describe());
        } catch (IOException e) {
            throw new StoreException("the backup " + target + " cannot be read back: " + e.getMessage(), e);
        }
    }

    /**
     * Puts the copy in {@code file} in the place of the database of {@code url}, and accepts it as
     * Lookout's (its identity is remembered in the options' state file). Refused while a Lookout
     * node that uses the database is alive.
     *
     * @return the database restored, for messages
     */
    public static String restore(String url, Path file, StoreOptions options) {
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new StoreException(source + " is not a file");
        }
        Dialect dialect = Stores.dialectFor(url);
        refuseWhileAlive(dialect);
        if (dialect instanceof PostgresDialect postgres) {
            List<String> command = new ArrayList<>(List.of("pg_restore", "--clean", "--if-exists", "--no-owner",
                    "--single-transaction", "--exit-on-error"));
            command.addAll(postgres.tools().connectionArguments());
            command.add(source.toString());
            run(command, postgres.tools().password(), "pg_restore");
        } else {
            restoreSqlite(dialect, source);
        }
        try (Store accepted = Stores.open(url, options.acceptingNewDatabase())) {
            return accepted.health().database();
        }
    }

    private static void restoreSqlite(Dialect dialect, Path source) {
        SqliteDialect copy = SqliteDialect.forFile(source);
        try (HikariDataSource pool = new HikariDataSource(copy.poolConfig()); Connection connection = pool.getConnection()) {
            requireLookoutTables(connection, copy);
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "PRAGMA integrity_check")) {
                String verdict = rows.next() ? rows.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new StoreException(source + " is damaged: " + verdict);
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (e instanceof StoreException known) {
                throw known;
            }
            throw new StoreException(source + " is not a Lookout backup: " + DatabaseErrors.rootMessage(e), e);
        }
        Path database = dialect.file();
        Path staged = database.resolveSibling(database.getFileName() + ".restoring");
        try {
            Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
            try (var channel = java.nio.channels.FileChannel.open(staged, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // The old database's log would be replayed into the copy: it goes first.
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-wal"));
            Files.deleteIfExists(database.resolveSibling(database.getFileName() + "-shm"));
            Files.move(staged, database, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("cannot put " + source + " in the place of " + database + ": " + e, e);
        }
    }

    private static void requireLookoutTables(Connection connection, Dialect dialect) throws SQLException {
        if (!DatabaseIdentity.lookoutTables(connection)) {
            throw new StoreException(dialect.describe() + " holds no Lookout tables");
        }
    }

    /** A running Lookout would find its database replaced under it: stop it first. */
    private static void refuseWhileAlive(Dialect dialect) {
        if (dialect.file() != null && !Files.exists(dialect.file())) {
            return; // nothing there yet: nobody uses it
        }
        try (HikariDataSource pool = new HikariDataSource(dialect.poolConfig()); Connection connection = pool.getConnection()) {
            if (!DatabaseIdentity.lookoutTables(connection)) {
                return;
            }
            List<String> alive = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                    "SELECT node_name FROM cluster_nodes WHERE left_at IS NULL AND last_beat >= (" + dialect.nowMillis()
                            + ") - " + ALIVE_MILLIS)) {
                while (rows.next()) {
                    alive.add(rows.getString(1));
                }
            }
            if (!alive.isEmpty()) {
                throw new StoreException("Lookout is running on " + dialect.describe() + " (node " + String.join(", ", alive)
                        + "): stop it before restoring");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + dialect.describe() + ": " + DatabaseErrors.rootMessage(e), e);
        }
    }

    private static void run(List<String> command, String password, String tool) {
        Path output;
        try {
            output = Files.createTempFile("lookout-" + tool, ".log");
        } catch (IOException e) {
            throw new StoreException("cannot run " + tool + ": " + e.getMessage(), e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new StoreException(tool + " is needed for a PostgreSQL database and could not be started ("
                        + e.getMessage() + "); install PostgreSQL's client tools of the server's major version or newer");
            }
            try {
                if (!process.waitFor(TOOL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new StoreException(tool + " did not finish within " + TOOL_DEADLINE.toMinutes() + " minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new StoreException(tool + " was interrupted");
            }
            if (process.exitValue() != 0) {
                throw new StoreException(tool + " failed (exit " + process.exitValue() + "): " + Files.readString(output).strip());
            }
        } catch (IOException e) {
            throw new StoreException(tool + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(output);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
