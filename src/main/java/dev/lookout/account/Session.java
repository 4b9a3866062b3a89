package dev.lookout.account;

import java.time.Instant;

/**
 * A signed-in browser: the user it belongs to and the CSRF token its forms must carry. Kept in the
 * database by the SHA-256 of its id, so that any node of a cluster accepts it and a copy of the
 * table signs nobody in.
 *
 * @param twoFactor whether the user's two-factor authentication is active (then this session passed it)
 */
public record Session(String idHash, User user, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                      boolean twoFactor) {
}
