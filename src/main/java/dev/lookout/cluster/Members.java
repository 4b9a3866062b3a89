package dev.lookout.cluster;

import java.time.Instant;
import java.util.List;

/** The membership table: implemented in {@code store}, used by {@link Membership}. */
public interface Members {

    /** What this node writes with each beat. */
    record Beat(String name, String instanceId, String version, String configHash, int monitors, long lagMillis) {
        public Beat(String name, String instanceId, String version, String configHash, int monitors) {
            this(name, instanceId, version, configHash, monitors, 0);
        }
    }

    /**
     * Writes this node's beat at the database's time. The row is taken over only when it is this
     * instance's, or its instance left or has not beaten for {@code deadAfter}.
     *
     * @return false when another live instance holds the name (nothing was written)
     */
    boolean beat(Beat beat, java.time.Duration deadAfter);

    /** Every node that ever beat, and the database's clock now (to tell their ages). */
    Snapshot read();

    /** Records which monitors a configuration has (once per hash; a hash already recorded is left as it is). */
    void publishConfig(String configHash, java.util.Collection<String> monitorIds);

    /** The monitors of a configuration some node published; empty when none did. */
    java.util.Optional<java.util.Set<String>> configMonitors(String configHash);

    /** Marks the instance as stopped cleanly, so that the name is free at once. */
    void leave(String name, String instanceId);

    /** The rows and the database's "now" they were read at. */
    record Snapshot(List<NodeRecord> nodes, Instant now) {
    }
}
