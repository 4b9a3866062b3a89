package dev.lookout.web;

import dev.lookout.account.ApiKeys;
import dev.lookout.account.User;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/users} (with changing a user's role and resetting their two-factor authentication)
 * and {@code /api/v1/api-keys} for admins, and {@code /api/v1/me} for anyone signed in. A new key's
 * secret is in the answer to its creation and nowhere else. The actions are {@link AccountActions}'s,
 * shared with the console.
 */
public final class AccountApi implements RouteGroup {

    record NewUser(String name, String role, String password) {
    }

    record NewPassword(String password) {
    }

    record NewRole(String role) {
    }

    record NewKey(String name, String role, String expires) {
    }

    private final AccountActions actions;

    public AccountApi(AccountActions actions) {
        this.actions = actions;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/me", Role.VIEWER, this::me).documented(ApiDoc.of("Who is calling: name, role, and via session or bearer")),
                Route.get("/api/v1/users", Role.ADMIN, this::listUsers)
                        .documented(ApiDoc.of("The users, by name, with their two-factor state and last sign-in").paged(PAGES)),
                Route.of(HandlerType.POST, "/api/v1/users", Role.ADMIN, this::addUser)
                        .documented(ApiDoc.of("Adds a user").body(NewUser.class).answers(201, "the user")
                                .answers(409, "the name is taken")),
                Route.of(HandlerType.DELETE, "/api/v1/users/{name}", Role.ADMIN, this::removeUser)
                        .documented(ApiDoc.of("Removes a user and ends their sessions").answers(204, "removed")),
                Route.of(HandlerType.PUT, "/api/v1/users/{name}/password", Role.ADMIN, this::setPassword)
                        .documented(ApiDoc.of("Sets a user's password and ends their sessions").body(NewPassword.class)
                                .answers(204, "set")),
                Route.of(HandlerType.PUT, "/api/v1/users/{name}/role", Role.ADMIN, this::setRole)
                        .documented(ApiDoc.of("Changes a user's role and ends their sessions").body(NewRole.class)),
                Route.of(HandlerType.DELETE, "/api/v1/users/{name}/2fa", Role.ADMIN, this::resetTwoFactor)
                        .documented(ApiDoc.of("Removes a user's two-factor authentication and ends their sessions")),
                Route.get("/api/v1/api-keys", Role.ADMIN, this::listKeys)
                        .documented(ApiDoc.of("The API keys, oldest first, never a secret").paged(PAGES)),
                Route.of(HandlerType.POST, "/api/v1/api-keys", Role.ADMIN, this::createKey)
                        .documented(ApiDoc.of("Creates an API key; its secret is in `key`, this once").body(NewKey.class)
                                .answers(201, "the key with its secret")),
                Route.of(HandlerType.DELETE, "/api/v1/api-keys/{id}", Role.ADMIN, this::revokeKey)
                        .documented(ApiDoc.of("Revokes an API key at once").answers(204, "revoked")));
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
        Paging.Page<AccountActions.UserLine> page = Paging.of(ctx, actions.users().stream()
                .sorted(java.util.Comparator.comparing((AccountActions.UserLine line) -> line.user().name())).toList(),
                PAGES, Paging.Order.byText(line -> line.user().name()));
        ctx.json(listed("users", page.items().stream().map(line -> {
            Map<String, Object> out = AccountActions.json(line.user());
            out.put("two_factor", line.twoFactor());
            out.put("last_sign_in_at", AccountActions.text(line.lastSignIn()));
            return out;
        }).toList(), page.next()));
    }

    private static Map<String, Object> listed(String name, List<?> items, String next) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put(name, items);
        body.put("next", next);
        return body;
    }

    private void addUser(Context ctx) {
        NewUser request = JsonBody.read(ctx, NewUser.class);
        User user = actions.addUser(ctx, request.name(), request.role(), request.password());
        ctx.status(201).json(AccountActions.json(user));
    }

    private void removeUser(Context ctx) {
        actions.removeUser(ctx, ctx.pathParam("name"));
        ctx.status(204);
    }

    private void setPassword(Context ctx) {
        NewPassword request = JsonBody.read(ctx, NewPassword.class);
        actions.setPassword(ctx, ctx.pathParam("name"), request.password());
        ctx.status(204);
    }

    private void setRole(Context ctx) {
        NewRole request = JsonBody.read(ctx, NewRole.class);
        ctx.json(AccountActions.json(actions.changeRole(ctx, ctx.pathParam("name"), request.role())));
    }

    /** For a user who lost their authenticator and recovery codes: they sign in with the password alone, and set it up again. */
    private void resetTwoFactor(Context ctx) {
        boolean had = actions.resetTwoFactor(ctx, ctx.pathParam("name"));
        ctx.json(Map.of("name", ctx.pathParam("name"), "reset", had));
    }

    private void listKeys(Context ctx) {
        Paging.Page<dev.lookout.account.ApiKey> page = Paging.of(ctx, actions.keys().stream()
                .sorted(java.util.Comparator.comparingLong(dev.lookout.account.ApiKey::id)).toList(),
                PAGES, Paging.Order.byNumber(dev.lookout.account.ApiKey::id, false));
        ctx.json(listed("api_keys", page.items().stream().map(AccountActions::json).toList(), page.next()));
    }

    private void createKey(Context ctx) {
        NewKey request = JsonBody.read(ctx, NewKey.class);
        ApiKeys.Created created = actions.createKey(ctx, request.name(), request.role(), request.expires());
        Map<String, Object> body = AccountActions.json(created.key());
        body.put("key", created.secret());
        ctx.status(201).json(body);
    }

    private void revokeKey(Context ctx) {
        actions.revokeKey(ctx, ctx.pathParam("id"));
        ctx.status(204);
    }
}
