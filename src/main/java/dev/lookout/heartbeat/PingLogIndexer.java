package dev.lookout.heartbeat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the pings this node stored to the ping log's index by monitor, after they are committed
 * and answered. An index by monitor written with each ping turned every ping into a write to a
 * random page (a quarter of the ingest's throughput, docs/rationale.md); written here it costs the
 * same pages, but never a ping's answer: entries wait while the committer has pings queued (a
 * storm), up to {@link #MAX_DEFER}, and are then written sorted by monitor in transactions of
 * {@link #CHUNK}. What a crash loses before it is written, the start-up replay of the trackers
 * (which covers at least the last two minutes) gives back.
 */
final class PingLogIndexer {
    private static final Logger log = LoggerFactory.getLogger(PingLogIndexer.class);
    /** Entries written in one transaction. */
    static final int CHUNK = 5_000;
    /** Entries kept waiting at most; past that the oldest are dropped (those pings are stored, but not in the log). */
    static final int CAPACITY = 1_000_000;
    /** How long entries may wait for the committer to be idle. */
    static final Duration MAX_DEFER = Duration.ofSeconds(60);

    /** One allocation a ping on the ping path; the entry is made when it is written. */
    private record Waiting(String monitorId, java.time.Instant receivedAt, long addedNanos) {
        PingLog.Entry entry() {
            return new PingLog.Entry(monitorId, receivedAt);
        }
    }

    private final PingLog pingLog;
    private final BooleanSupplier committerBusy;
    private final LongSupplier nanoTime;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long dropped;

    /**
     * @param committerBusy whether the committer is in a storm now: the index waits for it (asked before each chunk)
     * @param nanoTime      {@code System::nanoTime}, or a test's
     */
    PingLogIndexer(PingLog pingLog, BooleanSupplier committerBusy, LongSupplier nanoTime) {
        this.pingLog = pingLog;
        this.committerBusy = committerBusy;
        this.nanoTime = nanoTime;
    }

    /** A ping that was committed (here, or replayed at start-up). */
    synchronized void add(Ping ping) {
        if (waiting.size() >= CAPACITY) {
            waiting.pollFirst();
            if (dropped++ == 0) {
                log.warn("ping log: more than {} pings wait for the log's index; the oldest are left out of it",
                        CAPACITY);
            }
        }
        waiting.addLast(new Waiting(ping.monitorId(), ping.receivedAt(), nanoTime.getAsLong()));
    }

    /**
     * Writes what waits, chunk by chunk, unless the committer is busy and nothing has waited
     * {@link #MAX_DEFER}. A failed write keeps the entries for the next call.
     *
     * @return entries written
     */
    int flush() {
        return flush(committerBusy);
    }

    /** Writes everything that waits, busy committer or not (at shutdown). */
    int flushAll() {
        return flush(() -> false);
    }

    /** Asks before each chunk: a storm that starts while a backlog is written stops the writing. */
    private int flush(BooleanSupplier busy) {
        int written = 0;
        while (true) {
            List<PingLog.Entry> chunk = take(busy.getAsBoolean());
            if (chunk.isEmpty()) {
                return written;
            }
            try {
                pingLog.index(chunk);
                written += chunk.size();
            } catch (RuntimeException e) {
                giveBack(chunk);
                log.debug("ping log: indexing {} pings failed, retrying: {}", chunk.size(), e.getMessage());
                return written;
            }
        }
    }

    private synchronized List<PingLog.Entry> take(boolean busy) {
        if (waiting.isEmpty() || busy
                && nanoTime.getAsLong() - waiting.peekFirst().addedNanos() < MAX_DEFER.toNanos()) {
            return List.of();
        }
        List<PingLog.Entry> chunk = new ArrayList<>(Math.min(CHUNK, waiting.size()));
        while (chunk.size() < CHUNK && !waiting.isEmpty()) {
            chunk.add(waiting.pollFirst().entry());
        }
        chunk.sort(Comparator.comparing(PingLog.Entry::monitorId).thenComparing(PingLog.Entry::receivedAt));
        return chunk;
    }

    private synchronized void giveBack(List<PingLog.Entry> chunk) {
        long now = nanoTime.getAsLong();
        for (int i = chunk.size() - 1; i >= 0; i--) {
            PingLog.Entry entry = chunk.get(i);
            waiting.addFirst(new Waiting(entry.monitorId(), entry.receivedAt(), now - MAX_DEFER.toNanos())); // due at once
        }
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
