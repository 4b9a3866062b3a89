package dev.lookout.web;

import io.javalin.http.Context;

/**
 * The HTML answer to a browser asking for an address no route serves. {@link StatusPages}
 * answers with the status page's own "page not found" in its language; without status pages a
 * plain page says the same.
 */
interface NotFoundPage {
    /** Writes a 404 page for the request's host and path. */
    void render(Context ctx);

    /** A page that needs no status page. */
    NotFoundPage PLAIN = ctx -> SubscriberPages.page(ctx, 404, "Page not found",
            "There is nothing at this address. It may be mistyped, or what was here has moved.", null);
}
