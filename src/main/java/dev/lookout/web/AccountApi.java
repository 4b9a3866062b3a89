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
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/users} (with resetting a user's two-factor authentication) and {@code /api/v1/api-keys}
 * for admins, and {@code /api/v1/me} for anyone signed in. A new key's secret is in the answer to its creation and nowhere else.
 */
public final class AccountApi implements RouteGroup {

    record NewUser(String name, String role, String password) {
    }

    record NewPassword(String password) {
    }

    record NewKey(String name, String role, String expires) {
    }

    private final Users users;
    private final ApiKeys keys;
    private final TwoFactor twoFactor;

    public AccountApi(Users users, ApiKeys keys, TwoFactor twoFactor) {
        this.users = users;
        this.keys = keys;
        this.twoFactor = twoFactor;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/me", Role.VIEWER, this::me).documented(ApiDoc.of("Who is calling: name, role, and via session or bearer")),
                Route.get("/api/v1/users", Role.ADMIN, this::listUsers).documented(ApiDoc.of("The users, by name").paged(PAGES)),
                Route.of(HandlerType.POST, "/api/v1/users", Role.ADMIN, mapped(this::addUser))
                        .documented(ApiDoc.of("Adds a user").body(NewUser.class).answers(201, "the user")
                                .answers(409, "the name is taken")),
                Route.of(HandlerType.DELETE, "/api/v1/users/{name}", Role.ADMIN, mapped(this::removeUser))
                        .documented(ApiDoc.of("Removes a user and ends their sessions").answers(204, "removed")),
                Route.of(HandlerType.PUT, "/api/v1/users/{name}/password", Role.ADMIN, mapped(this::setPassword))
                        .documented(ApiDoc.of("Sets a user's password and ends their sessions").body(NewPassword.class)
                                .answers(204, "set")),
                Route.of(HandlerType.DELETE, "/api/v1/users/{name}/2fa", Role.ADMIN, mapped(this::resetTwoFactor))
                        .documented(ApiDoc.of("Removes a user's two-factor authentication and ends their sessions")),
                Route.get("/api/v1/api-keys", Role.ADMIN, this::listKeys)
                        .documented(ApiDoc.of("The API keys, oldest first, never a secret").paged(PAGES)),
                Route.of(HandlerType.POST, "/api/v1/api-keys", Role.ADMIN, mapped(this::createKey))
                        .documented(ApiDoc.of("Creates an API key; its secret is in `key`, this once").body(NewKey.class)
                                .answers(201, "the key with its secret")),
                Route.of(HandlerType.DELETE, "/api/v1/api-keys/{id}", Role.ADMIN, mapped(this::revokeKey))
                        .documented(ApiDoc.of("Revokes an API key at once").answers(204, "revoked")));
    }

    /** The accounts package's refusals as API errors: invalid → 400, conflict → 409, not found → 404. */
    private static Handler mapped(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (AccountException e) {
                throw new ApiException(switch (e.reason()) {
                    case INVALID -> 400;
                    case CONFLICT -> 409;
                    case NOT_FOUND -> 404;
                }, e.getMessage());
            }
        };
    }

    private void me(Context ctx) {
        Caller caller = Caller.of(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", caller.name());
        body.put("role", caller.role().code());
        body.put("via", caller.session() != null ? "session" : "bearer");
        ctx.json(body);
    }

    /** Users and keys are few (tens); the default page holds them all. */
    static final Paging.Limits PAGES = new Paging.Limits(1000, 1000);

    private void listUsers(Context ctx) {
        Paging.Page<User> page = Paging.of(ctx, users.list().stream().sorted(java.util.Comparator.comparing(User::name)).toList(),
                PAGES, Paging.Order.byText(User::name));
        ctx.json(listed("users", page.items().stream().map(AccountApi::json).toList(), page.next()));
    }

    private static Map<String, Object> listed(String name, List<?> items, String next) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put(name, items);
        body.put("next", next);
        return body;
    }

    private void addUser(Context ctx) {
        NewUser request = JsonBody.read(ctx, NewUser.class);
        if (request.name() == null || request.password() == null) {
            throw ApiException.badRequest("name, role and password are required");
        }
        User user = users.add(request.name(), role(request.role()), request.password());
        AuditNote.of(ctx).object("user", user.name()).after(json(user));
        ctx.status(201).json(json(user));
    }

    private void removeUser(Context ctx) {
        String name = ctx.pathParam("name");
        AuditNote note = AuditNote.of(ctx).object("user", name);
        users.list().stream().filter(u -> u.name().equals(name)).findFirst().ifPresent(u -> note.before(json(u)));
        users.remove(name);
        note.after(null);
        ctx.status(204);
    }

    private void setPassword(Context ctx) {
        NewPassword request = JsonBody.read(ctx, NewPassword.class);
        users.changePassword(ctx.pathParam("name"), request.password());
        AuditNote.of(ctx).object("user", ctx.pathParam("name")).after(Map.of("password", "changed"));
        ctx.status(204);
    }

    /** For a user who lost their authenticator and recovery codes: they sign in with the password alone, and set it up again. */
    private void resetTwoFactor(Context ctx) {
        boolean had = twoFactor.reset(ctx.pathParam("name"));
        AuditNote.of(ctx).object("two_factor", ctx.pathParam("name")).after(Map.of("two_factor", had ? "reset" : "none to reset"));
        ctx.json(Map.of("name", ctx.pathParam("name"), "reset", had));
    }

    private void listKeys(Context ctx) {
        Paging.Page<ApiKey> page = Paging.of(ctx, keys.list().stream().sorted(java.util.Comparator.comparingLong(ApiKey::id)).toList(),
                PAGES, Paging.Order.byNumber(ApiKey::id, false));
        ctx.json(listed("api_keys", page.items().stream().map(AccountApi::json).toList(), page.next()));
    }

    private void createKey(Context ctx) {
        NewKey request = JsonBody.read(ctx, NewKey.class);
        Duration expires = null;
        if (request.expires() != null) {
            expires = Durations.parse(request.expires()).orElseThrow(() -> ApiException.badRequest("expires '"
                    + request.expires() + "' is not a duration (e.g. 30d, 12h)"));
        }
        ApiKeys.Created created = keys.create(request.name(), role(request.role()), expires, Caller.of(ctx).name());
        Map<String, Object> body = json(created.key());
        AuditNote.of(ctx).object("api_key", created.key().id()).after(json(created.key()));
        body.put("key", created.secret());
        ctx.status(201).json(body);
    }

    private void revokeKey(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            AuditNote note = AuditNote.of(ctx).object("api_key", id);
            keys.list().stream().filter(k -> k.id() == id).findFirst().ifPresent(k -> note.before(json(k)));
            keys.revoke(id);
            keys.list().stream().filter(k -> k.id() == id).findFirst().ifPresent(k -> note.after(json(k)));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no active API key with id '" + raw + "'");
        }
        ctx.status(204);
    }

    private static AccountRole role(String code) {
        if (code == null) {
            throw ApiException.badRequest("role is required (" + AccountRole.known() + ")");
        }
        return AccountRole.parse(code).orElseThrow(() -> ApiException.badRequest("unknown role '" + code + "' (known: "
                + AccountRole.known() + ")"));
    }

    private static Map<String, Object> json(User user) {
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

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
