package dev.lookout.account;

import dev.lookout.config.AccountsConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Refuses logins to an account or from an address that failed too often within the window, until
 * the oldest failure that counts leaves it. Failures are stored, so every node of a cluster counts
 * the same ones. Counting per address as well keeps one client from trying one password on every
 * account; counting per account keeps many addresses from guessing one password.
 */
final class LoginThrottle {
    private final Accounts accounts;
    private final Supplier<AccountsConfig> config;
    private final InstantSource clock;

    LoginThrottle(Accounts accounts, Supplier<AccountsConfig> config, InstantSource clock) {
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    /** How long logins to this account or from this address are refused; empty when they may try. */
    Optional<Duration> refusal(String account, String address) {
        AccountsConfig settings = config.get();
        Instant now = clock.instant();
        Accounts.FailedLogins failed = accounts.failedLoginsSince(key(account), address, now.minus(settings.attemptWindow()));
        Duration wait = Duration.ZERO;
        wait = max(wait, waitFor(failed.ofAccount(), settings.attemptsPerAccount(), settings.attemptWindow(), now));
        wait = max(wait, waitFor(failed.ofAddress(), settings.attemptsPerAddress(), settings.attemptWindow(), now));
        return wait.isPositive() ? Optional.of(wait) : Optional.empty();
    }

    void failed(String account, String address) {
        accounts.recordFailedLogin(key(account), address, clock.instant());
    }

    void succeeded(String account) {
        accounts.forgetFailedLogins(key(account), clock.instant().minus(config.get().attemptWindow()));
    }

    /** With {@code limit} failures in the window (newest first), the limit-th newest must leave it first. */
    private static Duration waitFor(List<Instant> newestFirst, int limit, Duration window, Instant now) {
        if (newestFirst.size() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, newestFirst.get(limit - 1).plus(window));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Names differ in case only when typed so: "Ada" and "ada" are one account to count. */
    private static String key(String account) {
        return account.toLowerCase(Locale.ROOT);
    }
}
