package dev.lookout.account;

import java.time.Instant;

/** An operator who signs in with a name and a password. */
public record User(long id, String name, AccountRole role, Instant createdAt) {
}
