package dev.lookout.web.console;

import dev.lookout.account.AccountRole;
import dev.lookout.web.AccountActions;
import dev.lookout.web.ApiException;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/users} (admins): the users with their role, two-factor state and last sign-in;
 * adding one, changing a role, resetting two-factor authentication and removing, through the same
 * {@link AccountActions} as {@code /api/v1/users}. A refused form shows the page again with why.
 */
final class UsersPage implements RouteGroup {
    private static final Map<String, String> DONE = Map.of(
            "added", "User %s is added.",
            "role", "User %s has a new role, in force at their next request.",
            "reset", "Two-factor authentication of %s is reset; their sessions ended.",
            "removed", "User %s is removed; their sessions ended.");

    private final AccountActions actions;
    private final ConsoleView view;

    UsersPage(AccountActions actions, ConsoleView view) {
        this.actions = actions;
        this.view = view;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/users", Role.ADMIN, ctx -> page(ctx, 200, null)),
                Route.of(HandlerType.POST, "/console/users", Role.ADMIN, refusedOnPage(ctx -> {
                    String name = ctx.formParam("name");
                    actions.addUser(ctx, name, ctx.formParam("role"), ctx.formParam("password"));
                    DoneNotice.back(ctx, "/console/users", "added", name);
                })),
                Route.of(HandlerType.POST, "/console/users/{name}/role", Role.ADMIN, refusedOnPage(ctx -> {
                    actions.changeRole(ctx, ctx.pathParam("name"), ctx.formParam("role"));
                    DoneNotice.back(ctx, "/console/users", "role", ctx.pathParam("name"));
                })),
                Route.of(HandlerType.POST, "/console/users/{name}/2fa-reset", Role.ADMIN, refusedOnPage(ctx -> {
                    actions.resetTwoFactor(ctx, ctx.pathParam("name"));
                    DoneNotice.back(ctx, "/console/users", "reset", ctx.pathParam("name"));
                })),
                Route.of(HandlerType.POST, "/console/users/{name}/delete", Role.ADMIN, refusedOnPage(ctx -> {
                    actions.removeUser(ctx, ctx.pathParam("name"));
                    DoneNotice.back(ctx, "/console/users", "removed", ctx.pathParam("name"));
                })));
    }

    private Handler refusedOnPage(Handler action) {
        return ctx -> {
            try {
                action.handle(ctx);
            } catch (ApiException e) {
                page(ctx, e.status(), e.getMessage());
            }
        };
    }

    private void page(Context ctx, int status, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("users", new UsersView(actions.users(), Arrays.stream(AccountRole.values()).map(AccountRole::code).toList(),
                error, error == null ? DoneNotice.text(ctx.queryParam("done"), DONE) : null));
        view.render(ctx, status, "console/users.jte", model, 16_384);
    }
}
