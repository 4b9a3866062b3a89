package dev.lookout.store;

import dev.lookout.account.AccountRole;
import dev.lookout.account.Accounts;
import dev.lookout.account.ApiKey;
import dev.lookout.account.Session;
import dev.lookout.account.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Accounts} in SQL, the same statements on SQLite and PostgreSQL. */
final class SqlAccounts implements Accounts {

    private static final String INSERT_USER = """
            INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """;

    private static final String SELECT_USERS = "SELECT id, name, role, created_at, sso_subject, password_hash FROM users ORDER BY name";

    private static final String SELECT_USER = """
            SELECT id, name, role, created_at, sso_subject, password_hash FROM users WHERE name = ?
            """;

    private static final String SELECT_SSO_USER = """
            SELECT id, name, role, created_at, sso_subject FROM users WHERE sso_subject = ?
            """;

    private static final String INSERT_SSO_USER = """
            INSERT INTO users (name, role, password_hash, created_at, sso_subject) VALUES (?, ?, '!sso', ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id
            """;

    private static final String SET_ROLE = "UPDATE users SET role = ? WHERE id = ?";

    private static final String INSERT_OIDC_LOGIN = """
            INSERT INTO oidc_logins (state_hash, nonce, code_verifier, next, expires_at) VALUES (?, ?, ?, ?, ?)
            """;

    private static final String TAKE_OIDC_LOGIN = """
            DELETE FROM oidc_logins WHERE state_hash = ?
            RETURNING nonce, code_verifier, next, expires_at
            """;

    private static final String PURGE_OIDC_LOGINS = "DELETE FROM oidc_logins WHERE expires_at <= ?";

    private static final String SELECT_USER_ID = "SELECT id FROM users WHERE name = ?";

    private static final String DELETE_USER = "DELETE FROM users WHERE id = ?";

    private static final String SET_PASSWORD = "UPDATE users SET password_hash = ? WHERE id = ?";

    private static final String INSERT_SESSION = """
            INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, address)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String SELECT_SESSION = """
            SELECT s.id_hash, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.expires_at,
                   u.id, u.name, u.role, u.created_at, u.sso_subject,
                   EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS two_factor
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.id_hash = ?
            """;

    private static final String TOUCH_SESSION = "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?";

    private static final String LAST_SIGN_INS = "SELECT id, last_sign_in_at FROM users WHERE last_sign_in_at IS NOT NULL";
    private static final String SET_LAST_SIGN_IN = "UPDATE users SET last_sign_in_at = ? WHERE id = ?";
    private static final String DELETE_SESSION = "DELETE FROM sessions WHERE id_hash = ?";

    private static final String DELETE_SESSIONS_OF_USER = "DELETE FROM sessions WHERE user_id = ?";

    private static final String PURGE_SESSIONS = "DELETE FROM sessions WHERE last_seen_at < ? OR expires_at <= ?";

    private static final String KEY_COLUMNS = """
            id, name, prefix, role, created_by, created_at, expires_at, last_used_at, revoked_at""";

    private static final String INSERT_KEY = """
            INSERT INTO api_keys (name, prefix, key_hash, role, created_by, created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """;

    private static final String SELECT_KEYS = "SELECT " + KEY_COLUMNS + " FROM api_keys ORDER BY id";

    private static final String SELECT_KEY_BY_HASH = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = ?";

    private static final String SELECT_KEY_BY_ID = "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = ?";

    private static final String TOUCH_KEY = """
            UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)
            """;

    private static final String REVOKE_KEY = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

    private static final String INSERT_FAILED_LOGIN = "INSERT INTO login_attempts (account, address, failed_at) VALUES (?, ?, ?)";

    private static final String FAILED_OF_ACCOUNT = """
            SELECT failed_at FROM login_attempts WHERE account = ? AND failed_at >= ? ORDER BY failed_at DESC LIMIT 1000
            """;

    private static final String FAILED_OF_ADDRESS = """
            SELECT failed_at FROM login_attempts WHERE address = ? AND failed_at >= ? ORDER BY failed_at DESC LIMIT 100000
            """;

    private static final String BEGIN_TWO_FACTOR = """
            INSERT INTO two_factor (user_id, secret, created_at) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, last_step = -1
            WHERE two_factor.confirmed_at IS NULL
            """;

    private static final String SELECT_TWO_FACTOR_SECRETS = "SELECT user_id, secret FROM two_factor";
    private static final String REPLACE_TWO_FACTOR_SECRET = "UPDATE two_factor SET secret = ? WHERE user_id = ? AND secret = ?";
    private static final String SELECT_TWO_FACTOR = "SELECT secret, confirmed_at, last_step FROM two_factor WHERE user_id = ?";

    private static final String CONFIRM_TWO_FACTOR = """
            UPDATE two_factor SET confirmed_at = ?, last_step = ? WHERE user_id = ? AND confirmed_at IS NULL
            """;

    private static final String USE_TIME_STEP = """
            UPDATE two_factor SET last_step = ? WHERE user_id = ? AND confirmed_at IS NOT NULL AND last_step < ?
            """;

    private static final String INSERT_RECOVERY_CODE = "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)";

    private static final String USE_RECOVERY_CODE = "DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?";

    private static final String COUNT_RECOVERY_CODES = "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?";

    private static final String DELETE_RECOVERY_CODES = "DELETE FROM recovery_codes WHERE user_id = ?";

    private static final String DELETE_TWO_FACTOR = "DELETE FROM two_factor WHERE user_id = ?";

    private static final String INSERT_HALF_LOGIN = "INSERT INTO half_logins (id_hash, user_id, expires_at) VALUES (?, ?, ?)";

    private static final String SELECT_HALF_LOGIN = """
            SELECT h.expires_at AS half_expires_at, u.id, u.name, u.role, u.created_at, u.sso_subject
            FROM half_logins h JOIN users u ON u.id = h.user_id
            WHERE h.id_hash = ?
            """;

    private static final String PURGE_HALF_LOGINS = "DELETE FROM half_logins WHERE expires_at <= ?";

    private static final String DELETE_HALF_LOGIN = "DELETE FROM half_logins WHERE id_hash = ?";

    private static final String DELETE_HALF_LOGINS_OF_USER = "DELETE FROM half_logins WHERE user_id = ?";

    private static final String FORGET_FAILED = "DELETE FROM login_attempts WHERE account = ? OR failed_at < ?";

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final SqlTransactions transactions;

    SqlAccounts(SqlTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<User> addUser(String name, AccountRole role, String passwordHash, Instant at) {
        return transactions.run("add a user", connection -> {
            List<Long> ids = select(connection, INSERT_USER, s -> {
                s.setString(1, name);
                s.setString(2, role.code());
                s.setString(3, passwordHash);
                s.setLong(4, at.toEpochMilli());
            }, rows -> rows.getLong(1));
            return ids.stream().findFirst().map(id -> new User(id, name, role, Instant.ofEpochMilli(at.toEpochMilli()), false));
        });
    }

    @Override
    public List<User> users() {
        return transactions.run("list users", connection -> select(connection, SELECT_USERS, s -> { }, SqlAccounts::user));
    }

    @Override
    public Optional<Credentials> credentials(String name) {
        return transactions.run("read a user", connection -> select(connection, SELECT_USER, s -> s.setString(1, name),
                rows -> new Credentials(user(rows), rows.getString("password_hash")))).stream().findFirst();
    }

    @Override
    public boolean removeUser(String name) {
        return transactions.run("remove a user", connection -> {
            Optional<Long> id = userId(connection, name);
            if (id.isEmpty()) {
                return false;
            }
            // SQLite enforces no foreign keys here: the sessions go first, by hand, in the same transaction.
            for (String dependent : List.of(DELETE_SESSIONS_OF_USER, DELETE_HALF_LOGINS_OF_USER, DELETE_RECOVERY_CODES,
                    DELETE_TWO_FACTOR)) {
                update(connection, dependent, s -> s.setLong(1, id.get()));
            }
            return update(connection, DELETE_USER, s -> s.setLong(1, id.get())) == 1;
        });
    }

    @Override
    public boolean setPasswordHash(String name, String passwordHash) {
        return transactions.run("change a password", connection -> {
            Optional<Long> id = userId(connection, name);
            if (id.isEmpty()) {
                return false;
            }
            update(connection, SET_PASSWORD, s -> {
                s.setString(1, passwordHash);
                s.setLong(2, id.get());
            });
            update(connection, DELETE_SESSIONS_OF_USER, s -> s.setLong(1, id.get()));
            return true;
        });
    }

    @Override
    public void addSession(String idHash, long userId, String csrfToken, Instant createdAt, Instant expiresAt, String address) {
        transactions.run("start a session", connection -> {
            update(connection, INSERT_SESSION, s -> {
                s.setString(1, idHash);
                s.setLong(2, userId);
                s.setString(3, csrfToken);
                s.setLong(4, createdAt.toEpochMilli());
                s.setLong(5, createdAt.toEpochMilli());
                s.setLong(6, expiresAt.toEpochMilli());
                s.setString(7, address);
            });
            return update(connection, SET_LAST_SIGN_IN, s -> {
                s.setLong(1, createdAt.toEpochMilli());
                s.setLong(2, userId);
            });
        });
    }

    @Override
    public Optional<Session> session(String idHash) {
        return transactions.run("read a session", connection -> select(connection, SELECT_SESSION, s -> s.setString(1, idHash),
                rows -> new Session(rows.getString("id_hash"), user(rows), rows.getString("csrf_token"),
                        SqlTransactions.instant(rows, "session_created_at"), SqlTransactions.instant(rows, "last_seen_at"),
                        SqlTransactions.instant(rows, "expires_at"), rows.getBoolean("two_factor")))).stream().findFirst();
    }

    @Override
    public void touchSession(String idHash, Instant at) {
        transactions.run("record a session's use", connection -> update(connection, TOUCH_SESSION, s -> {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, idHash);
            s.setLong(3, at.toEpochMilli());
        }));
    }

    @Override
    public boolean removeSession(String idHash) {
        return transactions.run("end a session", connection -> update(connection, DELETE_SESSION, s -> s.setString(1, idHash))) == 1;
    }

    @Override
    public int removeSessions(long userId) {
        return transactions.run("end a user's sessions", connection -> update(connection, DELETE_SESSIONS_OF_USER,
                s -> s.setLong(1, userId)));
    }

    @Override
    public int purgeSessions(Instant idleBefore, Instant now) {
        return transactions.run("purge ended sessions", connection -> update(connection, PURGE_SESSIONS, s -> {
            s.setLong(1, idleBefore.toEpochMilli());
            s.setLong(2, now.toEpochMilli());
        }));
    }

    @Override
    public ApiKey addApiKey(String name, String prefix, String keyHash, AccountRole role, String createdBy, Instant createdAt,
                            Instant expiresAt) {
        return transactions.run("add an API key", connection -> {
            long id = select(connection, INSERT_KEY, s -> {
                s.setString(1, name);
                s.setString(2, prefix);
                s.setString(3, keyHash);
                s.setString(4, role.code());
                s.setString(5, createdBy);
                s.setLong(6, createdAt.toEpochMilli());
                SqlTransactions.setMillis(s, 7, expiresAt);
            }, rows -> rows.getLong(1)).getFirst();
            return select(connection, SELECT_KEY_BY_ID, s -> s.setLong(1, id), SqlAccounts::apiKey).getFirst();
        });
    }

    @Override
    public List<ApiKey> apiKeys() {
        return transactions.run("list API keys", connection -> select(connection, SELECT_KEYS, s -> { }, SqlAccounts::apiKey));
    }

    @Override
    public Optional<ApiKey> apiKeyByHash(String keyHash) {
        return transactions.run("read an API key", connection -> select(connection, SELECT_KEY_BY_HASH,
                s -> s.setString(1, keyHash), SqlAccounts::apiKey)).stream().findFirst();
    }

    @Override
    public void touchApiKey(long id, Instant at) {
        transactions.run("record an API key's use", connection -> update(connection, TOUCH_KEY, s -> {
            s.setLong(1, at.toEpochMilli());
            s.setLong(2, id);
            s.setLong(3, at.toEpochMilli());
        }));
    }

    @Override
    public boolean revokeApiKey(long id, Instant at) {
        return transactions.run("revoke an API key", connection -> update(connection, REVOKE_KEY, s -> {
            s.setLong(1, at.toEpochMilli());
            s.setLong(2, id);
        })) == 1;
    }

    @Override
    public void recordFailedLogin(String account, String address, Instant at) {
        transactions.run("record a failed login", connection -> update(connection, INSERT_FAILED_LOGIN, s -> {
            s.setString(1, account);
            s.setString(2, address);
            s.setLong(3, at.toEpochMilli());
        }));
    }

    @Override
    public FailedLogins failedLoginsSince(String account, String address, Instant since) {
        return transactions.run("count failed logins", connection -> new FailedLogins(
                select(connection, FAILED_OF_ACCOUNT, s -> {
                    s.setString(1, account);
                    s.setLong(2, since.toEpochMilli());
                }, rows -> Instant.ofEpochMilli(rows.getLong(1))),
                select(connection, FAILED_OF_ADDRESS, s -> {
                    s.setString(1, address);
                    s.setLong(2, since.toEpochMilli());
                }, rows -> Instant.ofEpochMilli(rows.getLong(1)))));
    }

    @Override
    public void forgetFailedLogins(String account, Instant before) {
        transactions.run("forget failed logins", connection -> update(connection, FORGET_FAILED, s -> {
            s.setString(1, account);
            s.setLong(2, before.toEpochMilli());
        }));
    }

    @Override
    public boolean beginTwoFactor(long userId, String secret, Instant at) {
        return transactions.run("begin two-factor enrolment", connection -> update(connection, BEGIN_TWO_FACTOR, s -> {
            s.setLong(1, userId);
            s.setString(2, secret);
            s.setLong(3, at.toEpochMilli());
        })) == 1;
    }

    @Override
    public Optional<TwoFactorSecret> twoFactor(long userId) {
        return transactions.run("read a two-factor secret", connection -> select(connection, SELECT_TWO_FACTOR,
                s -> s.setLong(1, userId), rows -> new TwoFactorSecret(rows.getString("secret"),
                        SqlTransactions.instant(rows, "confirmed_at"), rows.getLong("last_step")))).stream().findFirst();
    }

    @Override
    public java.util.Map<Long, String> twoFactorSecrets() {
        java.util.Map<Long, String> secrets = new java.util.LinkedHashMap<>();
        transactions.run("read the two-factor secrets", connection -> select(connection, SELECT_TWO_FACTOR_SECRETS, s -> { },
                rows -> secrets.put(rows.getLong("user_id"), rows.getString("secret"))));
        return secrets;
    }

    @Override
    public boolean replaceTwoFactorSecret(long userId, String expected, String replacement) {
        return transactions.run("seal a two-factor secret", connection -> update(connection, REPLACE_TWO_FACTOR_SECRET, s -> {
            s.setString(1, replacement);
            s.setLong(2, userId);
            s.setString(3, expected);
        })) == 1;
    }

    @Override
    public boolean confirmTwoFactor(long userId, long step, List<String> recoveryCodeHashes, Instant at) {
        return transactions.run("confirm two-factor enrolment", connection -> {
            int confirmed = update(connection, CONFIRM_TWO_FACTOR, s -> {
                s.setLong(1, at.toEpochMilli());
                s.setLong(2, step);
                s.setLong(3, userId);
            });
            if (confirmed != 1) {
                return false;
            }
            update(connection, DELETE_RECOVERY_CODES, s -> s.setLong(1, userId));
            for (String hash : recoveryCodeHashes) {
                update(connection, INSERT_RECOVERY_CODE, s -> {
                    s.setLong(1, userId);
                    s.setString(2, hash);
                });
            }
            return true;
        });
    }

    @Override
    public boolean useTimeStep(long userId, long step) {
        return transactions.run("record a used two-factor code", connection -> update(connection, USE_TIME_STEP, s -> {
            s.setLong(1, step);
            s.setLong(2, userId);
            s.setLong(3, step);
        })) == 1;
    }

    @Override
    public boolean useRecoveryCode(long userId, String codeHash) {
        return transactions.run("use a recovery code", connection -> update(connection, USE_RECOVERY_CODE, s -> {
            s.setLong(1, userId);
            s.setString(2, codeHash);
        })) == 1;
    }

    @Override
    public int recoveryCodesLeft(long userId) {
        return transactions.run("count recovery codes", connection -> select(connection, COUNT_RECOVERY_CODES,
                s -> s.setLong(1, userId), rows -> rows.getInt(1))).getFirst();
    }

    @Override
    public boolean removeTwoFactor(long userId) {
        return transactions.run("remove two-factor authentication", connection -> {
            update(connection, DELETE_RECOVERY_CODES, s -> s.setLong(1, userId));
            update(connection, DELETE_HALF_LOGINS_OF_USER, s -> s.setLong(1, userId));
            return update(connection, DELETE_TWO_FACTOR, s -> s.setLong(1, userId)) == 1;
        });
    }

    @Override
    public void addHalfLogin(String idHash, long userId, Instant now, Instant expiresAt) {
        transactions.run("begin a two-step login", connection -> {
            update(connection, PURGE_HALF_LOGINS, s -> s.setLong(1, now.toEpochMilli()));
            return update(connection, INSERT_HALF_LOGIN, s -> {
                s.setString(1, idHash);
                s.setLong(2, userId);
                s.setLong(3, expiresAt.toEpochMilli());
            });
        });
    }

    @Override
    public Optional<HalfLogin> halfLogin(String idHash) {
        return transactions.run("read a two-step login", connection -> select(connection, SELECT_HALF_LOGIN,
                s -> s.setString(1, idHash), rows -> new HalfLogin(user(rows), SqlTransactions.instant(rows, "half_expires_at"))))
                .stream().findFirst();
    }

    @Override
    public boolean removeHalfLogin(String idHash) {
        return transactions.run("end a two-step login", connection -> update(connection, DELETE_HALF_LOGIN,
                s -> s.setString(1, idHash))) == 1;
    }

    @Override
    public Optional<User> ssoUser(String subject) {
        return transactions.run("read a single sign-on user", connection -> select(connection, SELECT_SSO_USER,
                s -> s.setString(1, subject), SqlAccounts::user)).stream().findFirst();
    }

    @Override
    public Optional<User> addSsoUser(String name, String subject, AccountRole role, Instant at) {
        return transactions.run("add a single sign-on user", connection -> {
            List<Long> ids = select(connection, INSERT_SSO_USER, s -> {
                s.setString(1, name);
                s.setString(2, role.code());
                s.setLong(3, at.toEpochMilli());
                s.setString(4, subject);
            }, rows -> rows.getLong(1));
            return ids.stream().findFirst().map(id -> new User(id, name, role, Instant.ofEpochMilli(at.toEpochMilli()), true));
        });
    }

    @Override
    public java.util.Map<Long, Instant> lastSignIns() {
        return transactions.run("read the last sign-ins", connection -> {
            java.util.Map<Long, Instant> out = new java.util.HashMap<>();
            select(connection, LAST_SIGN_INS, s -> { }, rows -> out.put(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2))));
            return out;
        });
    }

    @Override
    public void setRole(long userId, AccountRole role) {
        transactions.run("change a user's role", connection -> update(connection, SET_ROLE, s -> {
            s.setString(1, role.code());
            s.setLong(2, userId);
        }));
    }

    @Override
    public void addOidcLogin(String stateHash, OidcLogin login, Instant now) {
        transactions.run("begin a single sign-on", connection -> {
            update(connection, PURGE_OIDC_LOGINS, s -> s.setLong(1, now.toEpochMilli()));
            return update(connection, INSERT_OIDC_LOGIN, s -> {
                s.setString(1, stateHash);
                s.setString(2, login.nonce());
                s.setString(3, login.codeVerifier());
                s.setString(4, login.next());
                s.setLong(5, login.expiresAt().toEpochMilli());
            });
        });
    }

    @Override
    public Optional<OidcLogin> takeOidcLogin(String stateHash) {
        return transactions.run("finish a single sign-on", connection -> select(connection, TAKE_OIDC_LOGIN,
                s -> s.setString(1, stateHash), rows -> new OidcLogin(rows.getString("nonce"), rows.getString("code_verifier"),
                        rows.getString("next"), SqlTransactions.instant(rows, "expires_at")))).stream().findFirst();
    }

    private static Optional<Long> userId(Connection connection, String name) throws SQLException {
        return select(connection, SELECT_USER_ID, s -> s.setString(1, name), rows -> rows.getLong(1)).stream().findFirst();
    }

    private static User user(ResultSet rows) throws SQLException {
        return new User(rows.getLong("id"), rows.getString("name"), role(rows.getString("role")),
                SqlTransactions.instant(rows, "created_at"), rows.getString("sso_subject") != null);
    }

    private static ApiKey apiKey(ResultSet rows) throws SQLException {
        return new ApiKey(rows.getLong("id"), rows.getString("name"), rows.getString("prefix"), role(rows.getString("role")),
                rows.getString("created_by"), SqlTransactions.instant(rows, "created_at"),
                SqlTransactions.instant(rows, "expires_at"), SqlTransactions.instant(rows, "last_used_at"),
                SqlTransactions.instant(rows, "revoked_at"));
    }

    private static AccountRole role(String code) throws SQLException {
        return AccountRole.parse(code).orElseThrow(() -> new SQLException("unknown role '" + code + "' in the database"));
    }

    private static int update(Connection connection, String sql, Binder binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        }
    }

    private static <T> List<T> select(Connection connection, String sql, Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(row.read(rows));
                }
                return out;
            }
        }
    }
}
