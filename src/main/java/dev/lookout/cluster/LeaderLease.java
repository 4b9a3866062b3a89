package dev.lookout.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The leader's lease row: implemented in {@code store}, used by {@link Leadership}. Every time is the database's clock. */
public interface LeaderLease {

    /** Who holds the lease, until when, and the database's "now" it was read at. */
    record Holder(String name, String instanceId, Instant since, Instant expiresAt, Instant now) {

        /** Whether the lease still runs at {@link #now}. */
        public boolean valid() {
            return expiresAt.isAfter(now);
        }
    }

    /**
     * Takes or renews the lease for {@code length} from the database's now. It is taken only when
     * nobody holds it, it expired, it is this instance's, or it is held by an earlier instance of
     * this node's name that the membership table no longer lists (a node restarted after a crash
     * does not wait out its own lease).
     *
     * @return whether this instance holds the lease now (nothing was written when false)
     */
    boolean hold(String name, String instanceId, Duration length);

    /** The holder as the database has it (possibly expired), or empty when nobody ever held it or it was released. */
    Optional<Holder> read();

    /** Gives the lease up, when this instance holds it. */
    void release(String instanceId);
}
