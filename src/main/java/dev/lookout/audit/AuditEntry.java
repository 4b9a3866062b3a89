package dev.lookout.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One write someone made: who, when, from where, through which route or command, to which object,
 * and the object before and after (JSON, without secrets) where it is configuration-like.
 *
 * @param id         0 for an entry not stored yet
 * @param actor      a user's name, {@code api key 'NAME'}, {@code admin token}, {@code probe 'NAME'},
 *                   {@code cli} or {@code anonymous}
 * @param address    the client's address (behind trusted proxies, the one they name), or for the
 *                   command line the OS user and host that ran it; null when unknown
 * @param action     the route as declared ({@code POST /api/v1/incidents/{id}/updates}) or the
 *                   command ({@code lookout api-key create})
 * @param objectType what was written ({@code incident}, {@code user}, ...), or null
 * @param objectId   which one, or null (never a secret token)
 * @param before     the object before the write as JSON, or null (new, or not configuration-like)
 * @param after      the object after the write (or what was asked) as JSON, or null (deleted)
 */
public record AuditEntry(long id, Instant at, String actor, String address, String action, String objectType,
                         String objectId, String before, String after) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }

    /** A new entry, to be stored. */
    public static AuditEntry of(Instant at, String actor, String address, String action, String objectType, String objectId,
                                String before, String after) {
        return new AuditEntry(0, at, actor, address, action, objectType, objectId, before, after);
    }
}
