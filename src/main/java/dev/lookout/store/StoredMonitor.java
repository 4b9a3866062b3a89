package dev.lookout.store;

import java.time.Instant;

/** A monitor as stored, with when it was first seen, last changed and (if so) removed from the configuration. */
public record StoredMonitor(MonitorRecord monitor, Instant createdAt, Instant updatedAt, Instant removedAt) {

    public boolean removed() {
        return removedAt != null;
    }
}
