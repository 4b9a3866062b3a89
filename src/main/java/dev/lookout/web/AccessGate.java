package dev.lookout.web;

import dev.lookout.account.AccountRole;
import dev.lookout.account.ApiKey;
import dev.lookout.account.ApiKeys;
import dev.lookout.account.Session;
import dev.lookout.account.Sessions;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that reads credentials and decides whether a caller may call a route: an
 * {@code Authorization: Bearer} API key (or the deprecated {@code server.admin_token}, an admin
 * key), else the session cookie. No credentials is a 401; too weak a role is a 403; a write with a
 * session needs the session's CSRF token (form field {@code csrf} or header {@code X-CSRF-Token});
 * a write with a bearer key needs none (a browser never sends one by itself). A session whose user
 * must still set up two-factor authentication reaches only the routes open before it (the set-up,
 * signing out). The caller is left for the handler as {@link Caller}.
 */
public final class AccessGate {
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    /** Where a user who must set up two-factor authentication is sent. */
    static final String TWO_FACTOR_PAGE = "/console/2fa";
    static final String CSRF_FIELD = "csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private final byte[] adminToken;
    private final Sessions sessions;
    private final ApiKeys apiKeys;
    private final SessionCookie cookies;
    private final ForwardedRequest requests;

    /**
     * @param adminToken the deprecated {@code server.admin_token}, or null
     * @param sessions   null: no accounts (only the admin token, as in tests of other APIs)
     * @param apiKeys    null: no accounts
     */
    public AccessGate(String adminToken, Sessions sessions, ApiKeys apiKeys, java.util.List<String> trustedProxies,
                      boolean publicUrlIsHttps) {
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.requests = new ForwardedRequest(trustedProxies, publicUrlIsHttps);
        this.cookies = new SessionCookie(requests);
    }

    /** Only the admin token: for a server without accounts. */
    public static AccessGate adminTokenOnly(String adminToken) {
        return new AccessGate(adminToken, null, null, java.util.List.of(), false);
    }

    SessionCookie cookies() {
        return cookies;
    }

    ForwardedRequest requests() {
        return requests;
    }

    Sessions sessions() {
        return sessions;
    }

    /** The handler behind this gate: a public route's is the handler itself. */
    Handler guard(Route route, Handler handler) {
        if (route.role() == Role.PUBLIC) {
            return handler;
        }
        Role needed = route.role();
        boolean writes = !READS.contains(route.method());
        return ctx -> {
            Caller caller = identify(ctx);
            if (!needed.admits(caller.role())) {
                throw new ApiException(403, caller.name() + " is " + caller.role().code() + "; " + ctx.method() + " "
                        + route.path() + " needs " + needed.name().toLowerCase() + " or more");
            }
            if (caller.session() != null && !route.openBeforeTwoFactor() && sessions.mustEnrol(caller.session())) {
                if (ctx.method() == HandlerType.GET && AcceptHeader.prefersHtml(ctx.header("Accept"))) {
                    ctx.redirect(TWO_FACTOR_PAGE, io.javalin.http.HttpStatus.SEE_OTHER);
                    throw new Redirected();
                }
                throw new ApiException(403, caller.name() + " must set up two-factor authentication first, at " + TWO_FACTOR_PAGE);
            }
            if (writes && caller.session() != null) {
                checkCsrf(ctx, caller.session());
            }
            ctx.attribute(Caller.ATTRIBUTE, caller);
            handler.handle(ctx);
        };
    }

    /**
     * The handler of a route whose role no account reaches ({@link Role#PROBE}): its bearer token
     * is vouched for by the role's guard, or the request is refused (no guard: 403).
     */
    Handler vouched(Route route, RoleGuard guard, Handler handler) {
        return ctx -> {
            if (guard == null) {
                throw new ApiException(403, "this server has no " + route.role().name().toLowerCase() + " API");
            }
            String authorization = ctx.header("Authorization");
            String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).trim() : null;
            String name;
            try {
                name = guard.vouch(token, ctx.header(guard.claimHeader()), ctx.ip());
            } catch (ApiException e) {
                if (e.status() == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"" + guard.realm() + "\""
                            + (token == null ? "" : ", error=\"invalid_token\""));
                }
                throw e;
            }
            ctx.attribute(Caller.ATTRIBUTE, new Caller(name, null, null));
            handler.handle(ctx);
        };
    }

    private Caller identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw unauthorized(ctx, "only 'Authorization: Bearer <API key>' is understood", true);
            }
            return byToken(authorization.substring(7).trim())
                    .orElseThrow(() -> unauthorized(ctx, "wrong admin token or unknown, expired or revoked API key", true));
        }
        Optional<Session> session = sessions == null ? Optional.empty() : cookies.session(ctx).flatMap(sessions::resume);
        if (session.isPresent()) {
            return new Caller(session.get().user().name(), session.get().user().role(), session.get());
        }
        if (ctx.method() == HandlerType.GET && AcceptHeader.prefersHtml(ctx.header("Accept"))) {
            // a browser without a session goes to the login page, and comes back after it
            ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
            throw new Redirected();
        }
        throw unauthorized(ctx, "missing admin token or API key: send 'Authorization: Bearer <key>', or sign in at /login",
                false);
    }

    /** The admin token's or a live API key's caller. */
    private Optional<Caller> byToken(String token) {
        if (adminToken != null && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller("admin token", AccountRole.ADMIN, null));
        }
        Optional<ApiKey> key = apiKeys == null ? Optional.empty() : apiKeys.authenticate(token);
        return key.map(k -> new Caller("api key '" + k.name() + "'", k.role(), null));
    }

    /**
     * Whether the caller of a public route is also an operator with at least {@code role}: a valid
     * bearer key or admin token, else a session (whose user has set up two-factor authentication
     * when they must). For public answers that show operators more; a wrong key or an ended session
     * is no error here, only an anonymous caller.
     */
    boolean admitsOnPublicRoute(Context ctx, Role role) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && byToken(authorization.substring(7).trim()).filter(c -> role.admits(c.role())).isPresent();
        }
        return sessions != null && cookies.session(ctx).flatMap(sessions::resume)
                .filter(s -> !sessions.mustEnrol(s)).filter(s -> role.admits(s.user().role())).isPresent();
    }

    private static ApiException unauthorized(Context ctx, String message, boolean invalidToken) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"lookout\"" + (invalidToken ? ", error=\"invalid_token\"" : ""));
        return new ApiException(401, message);
    }

    private static void checkCsrf(Context ctx, Session session) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        if (given == null || !MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "missing or wrong CSRF token: reload the page and try again");
        }
    }

    /** Ends a request that was answered with a redirect to the login page. */
    static final class Redirected extends RuntimeException {
        Redirected() {
            super(null, null, false, false);
        }
    }
}
