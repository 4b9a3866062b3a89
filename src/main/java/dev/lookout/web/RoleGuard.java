package dev.lookout.web;

import io.javalin.http.Handler;

/**
 * Authenticates the callers of every route of one {@link Role} (other than PUBLIC and ADMIN,
 * which {@link WebServer} handles itself): a {@link RouteGroup} that also implements this guards
 * its role's routes, so that no handler checks access by hand.
 */
public interface RoleGuard {

    Role role();

    /** The handler, run only once the request is authenticated; otherwise an {@link ApiException} (401, 403). */
    Handler guard(Handler handler);
}
