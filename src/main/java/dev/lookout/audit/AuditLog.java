package dev.lookout.audit;

import java.time.Instant;
import java.util.List;

/**
 * Where audit entries are kept (SQL in the {@code store} package, on the database every node
 * shares, so that any node answers for the writes of all).
 */
public interface AuditLog {

    /** Stores an entry; returns it with its id. */
    AuditEntry record(AuditEntry entry);

    /** The entries the query asks for, newest first. */
    List<AuditEntry> find(AuditQuery query);

    /** Deletes the entries older than {@code before} (retention); returns how many. */
    int purgeBefore(Instant before);
}
