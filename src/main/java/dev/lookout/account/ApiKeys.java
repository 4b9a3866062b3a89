package dev.lookout.account;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys: created with a role and an optional expiry, shown once, stored as their SHA-256,
 * revocable. A key's last use is written at most once a {@link #TOUCH_EVERY}.
 */
public final class ApiKeys {
    /** Every key starts so, which lets a secret scanner recognise a leaked one. */
    public static final String PREFIX = "lk_";
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    /** A new key and its secret, which is not kept anywhere: show it once. */
    public record Created(ApiKey key, String secret) {
    }

    private final Accounts accounts;
    private final InstantSource clock;

    public ApiKeys(Accounts accounts, InstantSource clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * @param expiresIn null: never expires
     * @param createdBy who asked (a user name, or "cli")
     */
    public Created create(String name, AccountRole role, Duration expiresIn, String createdBy) {
        if (name == null || name.isBlank() || !NAME.matcher(name).matches()) {
            throw AccountException.invalid("an API key's name is 1 to 100 characters without control characters");
        }
        if (expiresIn != null && !expiresIn.isPositive()) {
            throw AccountException.invalid("an API key's expiry must be in the future");
        }
        String secret = SecretTokens.newToken(PREFIX);
        Instant now = clock.instant();
        ApiKey key = accounts.addApiKey(name.strip(), secret.substring(0, PREFIX.length() + 6), SecretTokens.sha256(secret),
                role, createdBy, now, expiresIn == null ? null : now.plus(expiresIn));
        return new Created(key, secret);
    }

    public List<ApiKey> list() {
        return accounts.apiKeys();
    }

    public void revoke(long id) {
        if (!accounts.revokeApiKey(id, clock.instant())) {
            throw AccountException.notFound("no active API key with id " + id);
        }
    }

    /** The usable key with this secret, its use recorded; empty when unknown, expired or revoked. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiKey> key = accounts.apiKeyByHash(SecretTokens.sha256(secret)).filter(k -> k.usableAt(now));
        key.filter(k -> k.lastUsedAt() == null || !now.isBefore(k.lastUsedAt().plus(TOUCH_EVERY)))
                .ifPresent(k -> accounts.touchApiKey(k.id(), now));
        return key;
    }
}
