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

    /** What {@link #failedLoginsSince} found, newest first. */
    record FailedLogins(List<Instant> ofAccount, List<Instant> ofAddress) {
    }
}
