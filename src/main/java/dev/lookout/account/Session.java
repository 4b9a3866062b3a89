package dev.lookout.account;

import java.time.Instant;

/**
 * A signed-in browser: the user it belongs to and the CSRF token its forms must carry. Kept in the
 * database by the SHA-256 of its id, so that any node of a cluster accepts it and a copy of the
 * table signs nobody in.
 */
public record Session(String idHash, User user, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
}
