package dev.lookout.heartbeat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where heartbeat monitors keep their pings and the memories their trackers restart from;
 * implemented in {@code store}. Calls are synchronous and throw when the storage fails.
 */
public interface PingStore {

    /**
     * Writes pings in one transaction and returns when they are committed: the heartbeat ingest
     * answers 200 only after this. The caller groups concurrent pings into one call.
     */
    void appendPings(List<Ping> pings);

    /**
     * Hands each ping received at or after {@code since} to {@code each}, oldest first, without
     * its body (replayed on the saved {@link HeartbeatMemory} at start-up). Streams: uses the
     * index on the receive time and holds no more than a fetch's rows.
     */
    void replayPingsSince(Instant since, Consumer<Ping> each);

    /** The saved memory of every heartbeat monitor that has one. */
    List<HeartbeatMemory> heartbeatMemories();

    /** Saves (inserts or replaces) these monitors' memories in one transaction. */
    void saveHeartbeatMemories(Collection<HeartbeatMemory> memories);

    /**
     * Hands on, as they commit, the pings other nodes sharing the database stored (with their
     * bodies, oldest first), on a thread of the store's; and, when hearing them starts or resumes,
     * each monitor's newest ping another node stored in the last minutes (what may have been
     * missed). Nothing on a database that only one node uses (SQLite).
     */
    void onStoredElsewhere(Consumer<List<Ping>> pings);
}
