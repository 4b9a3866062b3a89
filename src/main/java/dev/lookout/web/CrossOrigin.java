package dev.lookout.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * CORS for the public reads ({@link Route#readableByAnyOrigin()}): the Statuspage-compatible
 * {@code /api/v2} documents, the public {@code /api/v1} reads, feeds and badges, so that a widget
 * on another site (Atlassian's {@code statuspage-widget}, a dashboard) can fetch them. The answer
 * is {@code Access-Control-Allow-Origin: *} and never allows credentials: these routes need none,
 * and a browser sends no cookie or token with a wildcard. Admin routes and anything that writes
 * cannot be declared so ({@link Route} refuses), and get no CORS header at all, so a browser keeps
 * other sites' scripts away from them.
 */
final class CrossOrigin {
    static final String METHODS = "GET, HEAD, OPTIONS";
    /**
     * What a script may add to a shared read: content negotiation and conditional requests. No
     * {@code Authorization}: a request that would carry credentials fails its preflight.
     */
    static final String HEADERS = "Accept, Accept-Language, Cache-Control, Content-Language, Content-Type, If-Modified-Since,"
            + " If-None-Match, X-Requested-With";
    /** Beyond the headers a script may always read (Content-Type, Cache-Control, Last-Modified, ...). */
    static final String EXPOSED = "ETag, Retry-After";
    /** How long a browser may keep a preflight's answer; Chromium keeps it two hours at most. */
    static final int MAX_AGE_SECONDS = 86_400;

    private CrossOrigin() {
    }

    /** {@code handler} with the CORS headers set first, so that its errors (404, 503) are readable too. */
    static Handler allowing(Handler handler) {
        return ctx -> {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Access-Control-Expose-Headers", EXPOSED);
            handler.handle(ctx);
        };
    }

    /** The answer to {@code OPTIONS} on a shared route: a preflight's, or the methods to anyone else. */
    static void preflight(Context ctx) {
        ctx.header("Allow", METHODS);
        if (ctx.header("Origin") != null) {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Access-Control-Allow-Methods", METHODS);
            ctx.header("Access-Control-Allow-Headers", HEADERS);
            ctx.header("Access-Control-Max-Age", String.valueOf(MAX_AGE_SECONDS));
        }
        ctx.status(204);
    }
}
