package dev.lookout.web.console;

import dev.lookout.account.ApiKey;
import java.time.Instant;
import java.util.List;

/**
 * The API keys page.
 *
 * @param error what the last form got wrong, or null
 * @param done  the notice after a revocation, or null
 */
public record ApiKeysView(List<ApiKey> keys, List<String> roles, Instant now, String error, String done) {

    /** {@code active}, {@code revoked} or {@code expired}. */
    public String state(ApiKey key) {
        return key.revokedAt() != null ? "revoked" : key.expiresAt() != null && !key.expiresAt().isAfter(now) ? "expired"
                : "active";
    }
}
