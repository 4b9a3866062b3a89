package dev.lookout.account;

import dev.lookout.config.AccountsConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logging in and out, and finding the session behind a cookie. A session ends when unused for
 * {@code accounts.session_idle} or {@code accounts.session_lifetime} after its login, whichever
 * comes first; its last use is written at most once a {@link #TOUCH_EVERY}, so that reading pages
 * does not write to the database on every request.
 */
public final class Sessions {
    /** How stale a session's last use may be in the database; the idle timeout is at least a minute. */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);
    private static final String WRONG = "wrong user name or password";

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final Supplier<AccountsConfig> config;
    private final InstantSource clock;

    public Sessions(Accounts accounts, PasswordHashing hashing, Supplier<AccountsConfig> config, InstantSource clock) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.throttle = new LoginThrottle(accounts, config, clock);
        this.config = config;
        this.clock = clock;
    }

    /**
     * Checks the password unless the account or the address is throttled; a success starts a
     * session, a failure counts against both.
     *
     * @param address the client's address, as far as it is known (a trusted proxy's X-Forwarded-For)
     */
    public Login login(String name, CharSequence password, String address) {
        if (name == null || name.isBlank() || password == null || password.length() > Users.MAX_PASSWORD_LENGTH) {
            return new Login.Refused(WRONG);
        }
        Optional<Duration> refused = throttle.refusal(name, address);
        if (refused.isPresent()) {
            return new Login.Throttled(refused.get());
        }
        Optional<Accounts.Credentials> credentials = accounts.credentials(name);
        boolean matches;
        if (credentials.isEmpty()) {
            hashing.verifyDecoy(password);
            matches = false;
        } else {
            matches = hashing.matches(password, credentials.get().passwordHash());
        }
        if (!matches) {
            throttle.failed(name, address);
            return new Login.Refused(WRONG);
        }
        throttle.succeeded(name);
        AccountsConfig settings = config.get();
        Instant now = clock.instant();
        accounts.purgeSessions(now.minus(settings.sessionIdle()), now);
        String id = SecretTokens.newToken("");
        String csrf = SecretTokens.newToken("");
        User user = credentials.get().user();
        accounts.addSession(SecretTokens.sha256(id), user.id(), csrf, now, now.plus(settings.sessionLifetime()), address);
        return new Login.SignedIn(id, new Session(SecretTokens.sha256(id), user, csrf, now, now, now.plus(settings.sessionLifetime())));
    }

    /** The live session with this id (from the cookie), its use recorded; empty when unknown or ended. */
    public Optional<Session> resume(String sessionId) {
        if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 100) {
            return Optional.empty();
        }
        String idHash = SecretTokens.sha256(sessionId);
        Optional<Session> found = accounts.session(idHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(session.expiresAt()) || !now.isBefore(session.lastSeenAt().plus(config.get().sessionIdle()))) {
            accounts.removeSession(idHash);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastSeenAt().plus(TOUCH_EVERY))) {
            accounts.touchSession(idHash, now);
        }
        return found;
    }

    public void logout(Session session) {
        accounts.removeSession(session.idHash());
    }

    /** Ends every session of the user, on every browser; returns how many. */
    public int logoutEverywhere(User user) {
        return accounts.removeSessions(user.id());
    }

    /** How long a session lasts at most: the cookie's Max-Age. */
    public Duration lifetime() {
        return config.get().sessionLifetime();
    }
}
