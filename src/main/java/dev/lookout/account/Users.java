package dev.lookout.account;

import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;

/** Adding, listing and removing operators and changing their passwords; the CLI and the API call this. */
public final class Users {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    /** NIST SP 800-63B asks for at least 8; a console that can silence every alert asks for more. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Argon2 takes any length; a limit keeps a request from making it hash megabytes. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final InstantSource clock;

    public Users(Accounts accounts, PasswordHashing hashing, InstantSource clock) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.clock = clock;
    }

    public User add(String name, AccountRole role, CharSequence password) {
        checkName(name);
        checkPassword(password);
        return accounts.addUser(name, role, hashing.hash(password), clock.instant())
                .orElseThrow(() -> AccountException.conflict("a user named '" + name + "' exists already"));
    }

    public List<User> list() {
        return accounts.users();
    }

    public void remove(String name) {
        if (!accounts.removeUser(name)) {
            throw AccountException.notFound("no user named '" + name + "'");
        }
    }

    /**
     * Gives a user another role, in force at their next request. A single sign-on user's role comes
     * from their groups at every sign-in, so it is refused for them.
     */
    public User changeRole(String name, AccountRole role) {
        User user = accounts.credentials(name).map(Accounts.Credentials::user)
                .orElseThrow(() -> AccountException.notFound("no user named '" + name + "'"));
        if (user.sso()) {
            throw AccountException.invalid("'" + name + "' signs in through single sign-on: the role comes from the groups"
                    + " at the provider (accounts.oidc.roles)");
        }
        accounts.setRole(user.id(), role);
        return new User(user.id(), user.name(), role, user.createdAt(), false);
    }

    /** When each user last signed in, by user id (see {@link Accounts#lastSignIns}). */
    public java.util.Map<Long, java.time.Instant> lastSignIns() {
        return accounts.lastSignIns();
    }

    /** Sets a new password and ends every session of the user. */
    public void changePassword(String name, CharSequence password) {
        checkPassword(password);
        if (accounts.credentials(name).filter(c -> c.user().sso()).isPresent()) {
            throw AccountException.invalid("'" + name + "' signs in through single sign-on and has no password here");
        }
        if (!accounts.setPasswordHash(name, hashing.hash(password))) {
            throw AccountException.notFound("no user named '" + name + "'");
        }
    }

    /** Whether this can be a user name (a provider's user name must be one, too). */
    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    private static void checkName(String name) {
        if (!validName(name)) {
            throw AccountException.invalid("a user name is 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a"
                    + " letter or digit");
        }
    }

    private static void checkPassword(CharSequence password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw AccountException.invalid("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw AccountException.invalid("a password has at most " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
