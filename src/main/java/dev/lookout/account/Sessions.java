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
    /** How long the code may take after the password. */
    public static final Duration HALF_LOGIN_EXPIRY = Duration.ofMinutes(5);
    private static final String WRONG = "wrong user name or password";
    private static final String WRONG_CODE = "wrong code";

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final LoginThrottle throttle;
    private final Supplier<AccountsConfig> config;
    private final InstantSource clock;
    private final TwoFactor twoFactor;

    /** @param twoFactor the users' second factors, which a login with one asks for */
    public Sessions(Accounts accounts, PasswordHashing hashing, Supplier<AccountsConfig> config, InstantSource clock,
                    TwoFactor twoFactor) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.throttle = new LoginThrottle(accounts, config, clock);
        this.config = config;
        this.clock = clock;
        this.twoFactor = twoFactor;
    }

    /**
     * Checks the password unless the account or the address is throttled; a success starts a
     * session, or a half-login when the user has two-factor authentication; a failure counts
     * against both.
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
        if (credentials.isEmpty() || credentials.get().user().sso()) {
            // A user of single sign-on has no password here; the answer and its time are those of an unknown name.
            hashing.verifyDecoy(password);
            matches = false;
        } else {
            matches = hashing.matches(password, credentials.get().passwordHash());
        }
        if (!matches) {
            throttle.failed(name, address);
            return new Login.Refused(WRONG);
        }
        User user = credentials.get().user();
        if (accounts.twoFactor(user.id()).filter(Accounts.TwoFactorSecret::active).isPresent()) {
            // The failures are forgotten only after the code: else the password alone would reset the count of wrong codes.
            String halfLogin = SecretTokens.newToken("");
            Instant now = clock.instant();
            accounts.addHalfLogin(SecretTokens.sha256(halfLogin), user.id(), now, now.plus(HALF_LOGIN_EXPIRY));
            return new Login.SecondStep(halfLogin);
        }
        throttle.succeeded(name);
        return start(user, address, false);
    }

    /**
     * The second step of a login: the code from the authenticator app (or a recovery code) for the
     * half-login the password started. Throttled and counted like passwords, for the same account.
     */
    public Login secondStep(String halfLoginId, String code, String address) {
        if (halfLoginId == null || halfLoginId.isEmpty() || halfLoginId.length() > 100) {
            return new Login.Expired();
        }
        String idHash = SecretTokens.sha256(halfLoginId);
        Optional<Accounts.HalfLogin> half = accounts.halfLogin(idHash);
        if (half.isEmpty() || !clock.instant().isBefore(half.get().expiresAt())) {
            accounts.removeHalfLogin(idHash);
            return new Login.Expired();
        }
        User user = half.get().user();
        Optional<Duration> refused = throttle.refusal(user.name(), address);
        if (refused.isPresent()) {
            return new Login.Throttled(refused.get());
        }
        if (!twoFactor.accepts(user.id(), code)) {
            throttle.failed(user.name(), address);
            return new Login.Refused(WRONG_CODE);
        }
        if (!accounts.removeHalfLogin(idHash)) {
            return new Login.Expired(); // another request used it a moment ago
        }
        throttle.succeeded(user.name());
        return start(user, address, true);
    }

    /**
     * Whether this session's user must set up two-factor authentication before anything else: their
     * role is in {@code accounts.require_2fa}, they have none and they do not sign in through single sign-on.
     */
    public boolean mustEnrol(Session session) {
        // A user of single sign-on passed the provider's own second factor, if it asks for one.
        return !session.twoFactor() && !session.user().sso() && config.get().requireTwoFactor().contains(session.user().role().code());
    }

    /** A session for a user the single sign-on provider vouched for (whose second factor is the provider's). */
    public Login.SignedIn signIn(User user, String address) {
        return start(user, address, false);
    }

    private Login.SignedIn start(User user, String address, boolean twoFactor) {
        AccountsConfig settings = config.get();
        Instant now = clock.instant();
        accounts.purgeSessions(now.minus(settings.sessionIdle()), now);
        String id = SecretTokens.newToken("");
        String csrf = SecretTokens.newToken("");
        Instant expires = now.plus(settings.sessionLifetime());
        accounts.addSession(SecretTokens.sha256(id), user.id(), csrf, now, expires, address);
        return new Login.SignedIn(id, new Session(SecretTokens.sha256(id), user, csrf, now, now, expires, twoFactor));
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
