package dev.lookout.account;

import java.time.Instant;

/**
 * An operator who signs in with a name and a password, or through single sign-on.
 *
 * @param sso whether the user was created by a single sign-on and signs in only there (no password here)
 */
public record User(long id, String name, AccountRole role, Instant createdAt, boolean sso) {
}
