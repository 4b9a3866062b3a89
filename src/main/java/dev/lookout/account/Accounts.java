package dev.lookout.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where users, sessions, API keys and failed logins are kept (SQL in the {@code store} package,
 * on the database every node shares). Secrets arrive hashed: nothing here sees a password, a
 * session id or a key.
 */
public interface Accounts {

    /** A user with the Argon2id hash of their password, for signing in. */
    record Credentials(User user, String passwordHash) {
    }

    /** Adds a user; empty when the name is taken. */
    Optional<User> addUser(String name, AccountRole role, String passwordHash, Instant at);

    /** Every user, by name. */
    List<User> users();

    Optional<Credentials> credentials(String name);

    /** Removes a user and their sessions in one transaction; false when unknown. */
    boolean removeUser(String name);

    /** Sets a user's password hash and ends their sessions in one transaction; false when unknown. */
    boolean setPasswordHash(String name, String passwordHash);

    /** Starts a session: every sign-in is one, so the user's last sign-in becomes {@code createdAt}, in the same transaction. */
    void addSession(String idHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt, String address);

    /** The session with this id hash and its user, whatever its age (the caller judges expiry). */
    Optional<Session> session(String idHash);

    /** Records a use of the session. */
    void touchSession(String idHash, Instant at);

    boolean removeSession(String idHash);

    /** Ends every session of a user; returns how many. */
    int removeSessions(long userId);

    /** Deletes sessions that ended (idle since before {@code idleBefore} or expired before {@code now}). */
    int purgeSessions(Instant idleBefore, Instant now);

    ApiKey addApiKey(String name, String prefix, String keyHash, AccountRole role, String createdBy, Instant createdAt,
                     Instant expiresAt);

    /** Every key, revoked and expired ones included, oldest first. */
    List<ApiKey> apiKeys();

    Optional<ApiKey> apiKeyByHash(String keyHash);

    void touchApiKey(long id, Instant at);

    /** Revokes a key; false when unknown or already revoked. */
    boolean revokeApiKey(long id, Instant at);

    void recordFailedLogin(String account, String address, Instant at);

    /** The times of failed logins at or after {@code since}, newest first, for the account and for the address. */
    FailedLogins failedLoginsSince(String account, String address, Instant since);

    /** Forgets an account's failed logins (after a successful one) and every one older than {@code before}. */
    void forgetFailedLogins(String account, Instant before);

    /** A user's TOTP secret (Base32); {@code confirmedAt} null while enrolment waits for its first code. */
    record TwoFactorSecret(String secret, Instant confirmedAt, long lastStep) {

        public boolean active() {
            return confirmedAt != null;
        }
    }

    /**
     * Starts (or starts again) a user's enrolment with a new secret; false when their two-factor
     * authentication is active already (it must be removed first).
     */
    boolean beginTwoFactor(long userId, String secret, Instant at);

    Optional<TwoFactorSecret> twoFactor(long userId);

    /** Every user's stored secret (sealed or not), by user id: for sealing those stored before secrets were. */
    java.util.Map<Long, String> twoFactorSecrets();

    /** Replaces a user's stored secret if it is still {@code expected}; false when it changed meanwhile. */
    boolean replaceTwoFactorSecret(long userId, String expected, String replacement);

    /**
     * Activates a begun enrolment whose first code was of time step {@code step}, replacing the
     * recovery codes, in one transaction; false when there is no begun enrolment.
     */
    boolean confirmTwoFactor(long userId, long step, List<String> recoveryCodeHashes, Instant at);

    /**
     * Records that a code of time step {@code step} was accepted; false (refuse the code) when one
     * of this step or a later one was accepted before: a code is good once.
     */
    boolean useTimeStep(long userId, long step);

    /** Deletes an unused recovery code; false when it is not one (or was used). */
    boolean useRecoveryCode(long userId, String codeHash);

    int recoveryCodesLeft(long userId);

    /** Removes a user's secret, recovery codes and half-logins; false when they had no secret. */
    boolean removeTwoFactor(long userId);

    /** A user whose password was right and whose second step is still to come. */
    record HalfLogin(User user, Instant expiresAt) {
    }

    /** Adds a half-login, and deletes every one that expired before {@code now}. */
    void addHalfLogin(String idHash, long userId, Instant now, Instant expiresAt);

    Optional<HalfLogin> halfLogin(String idHash);

    boolean removeHalfLogin(String idHash);

    /** The user a single sign-on created for this subject of the provider ({@code issuer|sub}). */
    Optional<User> ssoUser(String subject);

    /** Adds a user of single sign-on, without a password; empty when the name or the subject is taken. */
    Optional<User> addSsoUser(String name, String subject, AccountRole role, Instant at);

    void setRole(long userId, AccountRole role);

    /**
     * When each user last signed in (the start of their newest session, kept on the user when the
     * session ends), by user id; a user who never signed in has none.
     */
    java.util.Map<Long, Instant> lastSignIns();

    /** A sign-in sent to the provider, waiting for its callback: what the callback must match, and where to go after. */
    record OidcLogin(String nonce, String codeVerifier, String next, Instant expiresAt) {
    }

    /** Adds a waiting sign-in under the SHA-256 of its state, and deletes every one that expired before {@code now}. */
    void addOidcLogin(String stateHash, OidcLogin login, Instant now);

    /** Removes and returns the waiting sign-in: a state is good once. */
    Optional<OidcLogin> takeOidcLogin(String stateHash);

    /** What {@link #failedLoginsSince} found, newest first. */
    record FailedLogins(List<Instant> ofAccount, List<Instant> ofAddress) {
    }
}
