package dev.lookout.probe.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lookout.check.CheckResult;
import dev.lookout.probe.ProbeProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The probe's results until a server has stored them, on the probe's own disk (one SQLite file),
 * each numbered once and for good: the numbers survive a restart, so a replay after a crash or an
 * outage is recognised by the server and stored once. Bounded: when {@code max} results wait, the
 * oldest are dropped and counted ({@link #dropped}), and the server is told how many.
 */
final class ResultBuffer implements AutoCloseable {
    /** The default bound: one hour of 1,600 monitors checked every minute, about 30 MB on disk. */
    static final int DEFAULT_MAX = 100_000;

    private final Connection db;
    private final int max;
    private long nextSeq;
    private long dropped;
    private int size;

    ResultBuffer(Path directory, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the buffer must hold at least one result, not " + max);
        }
        this.max = max;
        Path file = directory.resolve("probe-buffer.db");
        try {
            Files.createDirectories(directory);
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement sql = db.createStatement()) {
                sql.execute("PRAGMA journal_mode=WAL");
                sql.execute("PRAGMA synchronous=NORMAL");
                sql.execute("PRAGMA busy_timeout=5000");
                sql.execute("CREATE TABLE IF NOT EXISTS results (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)");
                sql.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            long highest = scalar("SELECT coalesce(max(seq), 0) FROM results");
            nextSeq = Math.max(highest, meta("last_seq").map(Long::parseLong).orElse(0L)) + 1;
            dropped = meta("dropped").map(Long::parseLong).orElse(0L);
            size = (int) scalar("SELECT count(*) FROM results");
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot open the probe's buffer " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Numbers and keeps the results, in order, in one transaction; drops the oldest beyond the bound.
     * A batch that cannot be kept (a full disk) leaves nothing of itself, and the counts as they were.
     */
    synchronized void append(List<CheckResult> results) {
        if (results.isEmpty()) {
            return;
        }
        long first = nextSeq;
        int grown = size + results.size();
        int excess = Math.max(0, grown - max);
        try {
            begin();
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO results (seq, body) VALUES (?, ?)")) {
                long seq = first;
                for (CheckResult result : results) {
                    insert.setLong(1, seq);
                    insert.setString(2, ProbeProtocol.JSON.writeValueAsString(ProbeProtocol.WireResult.of(seq, result)));
                    insert.addBatch();
                    seq++;
                }
                insert.executeBatch();
            }
            if (excess > 0) {
                try (PreparedStatement drop = db.prepareStatement(
                        "DELETE FROM results WHERE seq IN (SELECT seq FROM results ORDER BY seq LIMIT ?)")) {
                    drop.setInt(1, excess);
                    drop.executeUpdate();
                }
                setMeta("dropped", String.valueOf(dropped + excess));
            }
            setMeta("last_seq", String.valueOf(first + results.size() - 1));
            commit();
        } catch (SQLException | JsonProcessingException e) {
            rollback();
            throw new IllegalStateException("cannot write to the probe's buffer: " + e.getMessage(), e);
        }
        nextSeq = first + results.size();
        size = grown - excess;
        dropped += excess;
    }

    /** The oldest results waiting, at most {@code limit}, in order. */
    synchronized List<ProbeProtocol.WireResult> oldest(int limit) {
        List<ProbeProtocol.WireResult> out = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("SELECT body FROM results ORDER BY seq LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(ProbeProtocol.JSON.readValue(rows.getString(1), ProbeProtocol.WireResult.class));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the probe's buffer: " + e.getMessage(), e);
        }
    }

    /**
     * The server stored everything up to {@code ackedSeq}: forgets it. A server that has stored
     * more than this buffer ever numbered (the buffer was lost) makes it number on above that.
     */
    synchronized void acked(long ackedSeq) {
        int deleted;
        try {
            begin();
            try (PreparedStatement delete = db.prepareStatement("DELETE FROM results WHERE seq <= ?")) {
                delete.setLong(1, ackedSeq);
                deleted = delete.executeUpdate();
            }
            if (ackedSeq >= nextSeq) {
                setMeta("last_seq", String.valueOf(ackedSeq));
            }
            commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("cannot update the probe's buffer: " + e.getMessage(), e);
        }
        size -= deleted;
        if (ackedSeq >= nextSeq) {
            nextSeq = ackedSeq + 1;
        }
    }

    /** The last assignment received, to go on checking after a restart while no server answers. */
    synchronized void saveAssignment(String json) {
        try {
            setMeta("assignment", json); // one statement: its own transaction
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the assignment: " + e.getMessage(), e);
        }
    }

    synchronized Optional<String> assignment() {
        try {
            return meta("assignment");
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    synchronized int size() {
        return size;
    }

    /** How many results were dropped because the buffer was full, since it was created. */
    synchronized long dropped() {
        return dropped;
    }

    /** The number the next result gets. */
    synchronized long nextSeq() {
        return nextSeq;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing: nothing more to keep
        }
    }

    private Optional<String> meta(String key) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private void setMeta(String key, String value) throws SQLException {
        try (PreparedStatement upsert = db.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, key);
            upsert.setString(2, value);
            upsert.executeUpdate();
        }
    }

    private long scalar(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /*
     * Transactions are SQLite's own statements on a connection in auto-commit mode: the driver's
     * (setAutoCommit(false), commit) lose track after SQLite rolls a transaction back by itself, as
     * it does on a full disk, and every later commit then failed with "cannot commit - no
     * transaction is active" until the probe restarted.
     */

    private void begin() throws SQLException {
        execute("BEGIN IMMEDIATE");
    }

    private void commit() throws SQLException {
        execute("COMMIT");
    }

    /** Ends a failed transaction; SQLite may have rolled it back by itself already. */
    private void rollback() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // nothing to roll back, or the connection is gone; the next call says so
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
