package dev.lookout.heartbeat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A monitor's stored pings, read back newest first (the ping log of the API), and the index by
 * monitor that makes that read cheap; implemented in {@code store}. The pings table itself has no
 * index by monitor, so that storing a ping stays an append: {@link PingLogIndexer} adds the index
 * entries afterwards, in batches and out of the way of the ping committer.
 */
public interface PingLog {

    /** Indexes these stored pings by monitor, in one transaction; entries already there are kept. */
    void index(Collection<Entry> entries);

    /**
     * Up to {@code limit} indexed pings of one monitor, newest first, with their bodies: the
     * newest ones when {@code before} is null, else those older than it.
     */
    List<LoggedPing> page(String monitorId, Cursor before, int limit);

    /** A ping as the index knows it. */
    record Entry(String monitorId, Instant receivedAt) {
    }

    /** A position in a monitor's log: the last ping of a page (pings are ordered by receive time, then id). */
    record Cursor(Instant receivedAt, long id) {
    }

    /** A stored ping with its row id, which orders pings received in the same millisecond. */
    record LoggedPing(long id, Ping ping) {
        public Cursor cursor() {
            return new Cursor(ping.receivedAt(), id);
        }
    }
}
