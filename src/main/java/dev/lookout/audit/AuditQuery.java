package dev.lookout.audit;

import java.time.Instant;

/**
 * Which audit entries to read, newest first: every filter is optional (null), and {@code before}
 * is the id the previous page ended at (the cursor), so that pages stay stable while entries are
 * added.
 *
 * @param actor      exactly this actor
 * @param action     entries whose action (route or command) contains this text
 * @param objectType entries about objects of this type
 * @param objectId   entries about this object (with {@code objectType}, or of any type)
 * @param from       entries at or after this time
 * @param until      entries before this time
 * @param before     entries with an id below this one
 * @param limit      at most this many
 */
public record AuditQuery(String actor, String action, String objectType, String objectId, Instant from, Instant until, Long before,
                         int limit) {
    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
    }

    /** The newest {@code limit} entries, unfiltered. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, limit);
    }
}
