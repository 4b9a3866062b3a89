package dev.lookout.web;

import dev.lookout.account.AccountException;
import dev.lookout.account.AccountRole;
import dev.lookout.account.ApiKey;
import dev.lookout.account.ApiKeys;
import dev.lookout.account.TwoFactor;
import dev.lookout.account.User;
import dev.lookout.account.Users;
import dev.lookout.condition.Durations;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an admin does to users and API keys, the same through the API ({@link AccountApi}) and the
 * console's users and API keys pages: each action validates once (the accounts package's refusals
 * become API errors: invalid 400, conflict 409, unknown 404), notes the object before and after
 * for the audit log (never a password or a key), and returns what it did; the caller only chooses
 * the answer (JSON or a page).
 */
public final class AccountActions {

    /** A user as the users page and {@code GET /api/v1/users} show them. */
    public record UserLine(User user, boolean twoFactor, Instant lastSignIn) {
    }

    private final Users users;
    private final ApiKeys keys;
    private final TwoFactor twoFactor;

    public AccountActions(Users users, ApiKeys keys, TwoFactor twoFactor) {
        this.users = users;
        this.keys = keys;
        this.twoFactor = twoFactor;
    }

    /** Every user by name, with whether two-factor authentication is on and their last sign-in. */
    public List<UserLine> users() {
        Map<Long, Instant> signIns = users.lastSignIns();
        return users.list().stream().map(u -> new UserLine(u, twoFactor.status(u).active(), signIns.get(u.id()))).toList();
    }

    public User addUser(Context ctx, String name, String role, String password) {
        if (name == null || name.isBlank() || password == null) {
            throw ApiException.badRequest("name, role and password are required");
        }
        User user = mapped(() -> users.add(name, role(role), password));
        AuditNote.of(ctx).object("user", user.name()).after(json(user));
        return user;
    }

    public void removeUser(Context ctx, String name) {
        AuditNote note = AuditNote.of(ctx).object("user", name);
        users.list().stream().filter(u -> u.name().equals(name)).findFirst().ifPresent(u -> note.before(json(u)));
        mapped(() -> {
            users.remove(name);
            return null;
        });
        note.after(null);
    }

    public User changeRole(Context ctx, String name, String role) {
        AccountRole next = role(role);
        AuditNote note = AuditNote.of(ctx).object("user", name);
        users.list().stream().filter(u -> u.name().equals(name)).findFirst().ifPresent(u -> note.before(json(u)));
        User user = mapped(() -> users.changeRole(name, next));
        note.after(json(user));
        return user;
    }

    public void setPassword(Context ctx, String name, String password) {
        mapped(() -> {
            users.changePassword(name, password);
            return null;
        });
        AuditNote.of(ctx).object("user", name).after(Map.of("password", "changed"));
    }

    /** For a user who lost their authenticator and recovery codes; whether they had it on (or begun). */
    public boolean resetTwoFactor(Context ctx, String name) {
        boolean had = mapped(() -> twoFactor.reset(name));
        AuditNote.of(ctx).object("two_factor", name).after(Map.of("two_factor", had ? "reset" : "none to reset"));
        return had;
    }

    public List<ApiKey> keys() {
        return keys.list();
    }

    /** A new key; its secret is in the answer and nowhere else (not in the audit log). */
    public ApiKeys.Created createKey(Context ctx, String name, String role, String expires) {
        Duration expiresIn = null;
        if (expires != null && !expires.isBlank()) {
            expiresIn = Durations.parse(expires.strip()).orElseThrow(() -> ApiException.badRequest("expires '" + expires
                    + "' is not a duration (e.g. 30d, 12h)"));
        }
        Duration in = expiresIn;
        ApiKeys.Created created = mapped(() -> keys.create(name, role(role), in, Caller.of(ctx).name()));
        AuditNote.of(ctx).object("api_key", created.key().id()).after(json(created.key()));
        return created;
    }

    /** Revokes the key numbered {@code idText}; an unknown, revoked or malformed id is a 404. */
    public long revokeKey(Context ctx, String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no active API key with id '" + idText + "'");
        }
        AuditNote note = AuditNote.of(ctx).object("api_key", id);
        keys.list().stream().filter(k -> k.id() == id).findFirst().ifPresent(k -> note.before(json(k)));
        mapped(() -> {
            keys.revoke(id);
            return null;
        });
        keys.list().stream().filter(k -> k.id() == id).findFirst().ifPresent(k -> note.after(json(k)));
        return id;
    }

    private static <T> T mapped(Supplier<T> action) {
        try {
            return action.get();
        } catch (AccountException e) {
            throw new ApiException(switch (e.reason()) {
                case INVALID -> 400;
                case CONFLICT -> 409;
                case NOT_FOUND -> 404;
            }, e.getMessage());
        }
    }

    private static AccountRole role(String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("role is required (" + AccountRole.known() + ")");
        }
        return AccountRole.parse(code).orElseThrow(() -> ApiException.badRequest("unknown role '" + code + "' (known: "
                + AccountRole.known() + ")"));
    }

    static Map<String, Object> json(User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", user.name());
        out.put("role", user.role().code());
        out.put("created_at", user.createdAt().toString());
        out.put("sso", user.sso());
        return out;
    }

    static Map<String, Object> json(ApiKey key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("name", key.name());
        out.put("prefix", key.prefix());
        out.put("role", key.role().code());
        out.put("created_by", key.createdBy());
        out.put("created_at", text(key.createdAt()));
        out.put("expires_at", text(key.expiresAt()));
        out.put("last_used_at", text(key.lastUsedAt()));
        out.put("revoked_at", text(key.revokedAt()));
        return out;
    }

    static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
