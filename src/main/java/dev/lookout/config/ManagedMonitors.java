package dev.lookout.config;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the console-managed monitors are kept (SQL in the {@code store} package, on the database
 * every node shares: a monitor created on one node runs on the cluster).
 */
public interface ManagedMonitors {

    /** Every managed monitor, by id. */
    List<ManagedMonitor> all();

    Optional<ManagedMonitor> find(String id);

    /** Stores a new monitor at version 1; empty when the id is taken. */
    Optional<ManagedMonitor> create(String id, String definition, String actor, Instant at);

    /** Replaces the definition if the stored version is {@code expectedVersion}; empty otherwise (or when gone). */
    Optional<ManagedMonitor> update(String id, String definition, long expectedVersion, String actor, Instant at);

    /** Deletes the monitor if the stored version is {@code expectedVersion}; whether it did. */
    boolean delete(String id, long expectedVersion);

    /**
     * A short text that changes whenever a monitor is created, edited or deleted (by any node): read
     * every few seconds, so it must cost one small query.
     */
    String changeMark();
}
