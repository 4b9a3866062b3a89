package dev.lookout.web.console;

import dev.lookout.account.AccountRole;
import dev.lookout.account.ApiKeys;
import dev.lookout.web.AccountActions;
import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/api-keys} (admins): the keys with their role, creation, expiry and last use;
 * creating one, whose secret the answering page shows this once (never stored, never shown again),
 * and revoking, through the same {@link AccountActions} as {@code /api/v1/api-keys}.
 */
final class ApiKeysPage implements RouteGroup {
    private static final Map<String, String> DONE = Map.of("revoked", "API key %s is revoked.");

    private final AccountActions actions;
    private final ConsoleView view;
    private final InstantSource clock;

    ApiKeysPage(AccountActions actions, ConsoleView view, InstantSource clock) {
        this.actions = actions;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/api-keys", Role.ADMIN, ctx -> page(ctx, 200, null)),
                Route.of(HandlerType.POST, "/console/api-keys", Role.ADMIN, this::create),
                Route.of(HandlerType.POST, "/console/api-keys/{id}/revoke", Role.ADMIN, this::revoke));
    }

    /** Answers with the secret on a page of its own (no-store): a redirect would have to carry it in a link. */
    private void create(Context ctx) {
        ApiKeys.Created created;
        try {
            created = actions.createKey(ctx, ctx.formParam("name"), ctx.formParam("role"), ctx.formParam("expires"));
        } catch (ApiException e) {
            page(ctx, e.status(), e.getMessage());
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("key", created.key());
        model.put("secret", created.secret());
        view.render(ctx, 201, "console/api_key_created.jte", model, 4_096);
    }

    private void revoke(Context ctx) {
        try {
            long id = actions.revokeKey(ctx, ctx.pathParam("id"));
            DoneNotice.back(ctx, "/console/api-keys", "revoked", String.valueOf(id));
        } catch (ApiException e) {
            page(ctx, e.status(), e.getMessage());
        }
    }

    private void page(Context ctx, int status, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("keys", new ApiKeysView(actions.keys(), Arrays.stream(AccountRole.values()).map(AccountRole::code).toList(),
                clock.instant(), error, error == null ? DoneNotice.text(ctx.queryParam("done"), DONE) : null));
        view.render(ctx, status, "console/api_keys.jte", model, 16_384);
    }
}
