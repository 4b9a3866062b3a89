package dev.lookout.account;

import java.time.Instant;

/**
 * A key for programs calling the API ({@code Authorization: Bearer lk_...}), with the role it
 * grants. Only its SHA-256 is stored; {@code prefix} is its first characters, to recognise it.
 *
 * @param expiresAt  null: it does not expire
 * @param lastUsedAt null: never used (updated at most once a minute)
 * @param revokedAt  null: not revoked
 */
public record ApiKey(long id, String name, String prefix, AccountRole role, String createdBy, Instant createdAt,
                     Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
