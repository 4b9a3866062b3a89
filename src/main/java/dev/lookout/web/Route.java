package dev.lookout.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP route with the role allowed to call it, whether scripts on other sites may read its
 * answers ({@link CrossOrigin}: only public reads may be shared so), whether a user who must still
 * set up two-factor authentication ({@code accounts.require_2fa}) may call it, and whether it takes
 * in data rather than making a change (its writes are then not in the audit log, see {@link AuditTrail}),
 * whether a POST only reads (a Markdown preview), so that it is not in the audit log either, and what
 * the OpenAPI document says of it ({@link ApiDoc}; null: not in the document, as the console's and
 * status pages' HTML).
 */
public record Route(HandlerType method, String path, Role role, Handler handler, boolean anyOrigin,
                    boolean openBeforeTwoFactor, boolean ingest, boolean readOnly, ApiDoc doc) {
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    public Route {
        Objects.requireNonNull(role, () -> "route " + method + " " + path + " declares no role");
        if (anyOrigin && (role != Role.PUBLIC || !READS.contains(method))) {
            throw new IllegalArgumentException("only public reads may be shared with other origins, not " + role + " "
                    + method + " " + path);
        }
    }

    public Route(HandlerType method, String path, Role role, Handler handler) {
        this(method, path, role, handler, false, false, false, false, null);
    }

    public static Route of(HandlerType method, String path, Role role, Handler handler) {
        return new Route(method, path, role, handler);
    }

    public static Route get(String path, Role role, Handler handler) {
        return new Route(HandlerType.GET, path, role, handler);
    }

    /** This route with its answers readable by scripts of any site ({@code Access-Control-Allow-Origin: *}). */
    public Route readableByAnyOrigin() {
        return new Route(method, path, role, handler, true, openBeforeTwoFactor, ingest, readOnly, doc);
    }

    /** This route open to a user who must set up two-factor authentication first: the set-up itself, signing out. */
    public Route beforeTwoFactor() {
        return new Route(method, path, role, handler, anyOrigin, true, ingest, readOnly, doc);
    }

    /**
     * This route as one that takes in data (heartbeat pings, a probe's results) at the rate of the
     * checks: its data has records of its own, and an audit entry per ping would bury the changes
     * people made.
     */
    public Route takingInData() {
        return new Route(method, path, role, handler, anyOrigin, openBeforeTwoFactor, true, readOnly, doc);
    }

    /**
     * This route as one that changes nothing although its method is not GET: a Markdown preview,
     * whose text may be too long for a URL. It is not in the audit log (one entry per keystroke
     * would bury the changes people made); it still needs its role and, from a browser, the CSRF token.
     */
    public Route readingOnly() {
        return new Route(method, path, role, handler, anyOrigin, openBeforeTwoFactor, ingest, true, doc);
    }

    /**
     * This route in the OpenAPI document ({@code /api/v1/openapi.json}), described by {@code doc}.
     * Every route under {@code /api/} and {@code /ping/} must have one (OpenApiDocumentTest).
     */
    public Route documented(ApiDoc description) {
        return new Route(method, path, role, handler, anyOrigin, openBeforeTwoFactor, ingest, readOnly,
                Objects.requireNonNull(description, "description"));
    }

    /** The same path, role, sharing, two-factor opening, intake and description for another method and handler. */
    Route as(HandlerType otherMethod, Handler otherHandler) {
        return new Route(otherMethod, path, role, otherHandler, anyOrigin, openBeforeTwoFactor, ingest, readOnly, doc);
    }
}
