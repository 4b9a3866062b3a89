package dev.lookout.heartbeat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a heartbeat monitor's tracker remembers of its pings, saved so that a restart does not
 * need to read them back (the pings table has no index by monitor: its inserts stay sequential).
 *
 * @param openRuns runs started and not finished, by run id ("" without one), oldest first
 * @param savedAt  when this was saved; the pings received since the newest save are replayed on it
 */
public record HeartbeatMemory(String monitorId, Instant lastPing, Ping.Kind lastKind, Instant lastClosing, Long lastDurationMs,
                              Instant lastSuccess, Map<String, Instant> openRuns, Instant savedAt) {

    public HeartbeatMemory {
        openRuns = Collections.unmodifiableMap(new LinkedHashMap<>(openRuns));
    }

    /** A monitor that has never been pinged. */
    public static HeartbeatMemory empty(String monitorId) {
        return new HeartbeatMemory(monitorId, null, null, null, null, null, Map.of(), Instant.EPOCH);
    }
}
