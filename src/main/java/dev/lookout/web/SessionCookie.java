package dev.lookout.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The two cookies of the console, written and read here only: {@code lookout_session} (the session
 * id, HttpOnly, SameSite=Lax so that a link from an alert opens the console signed in; its forms
 * carry a CSRF token as well), {@code lookout_login} (the login form's CSRF token, before there
 * is a session), {@code lookout_2fa} (the half-login between the password and the code, SameSite=Strict)
 * and {@code lookout_oidc} (the state of a single sign-on under way, SameSite=Lax: the provider's
 * redirect back is a navigation from another site).
 * All are {@code Secure} when the request came over TLS or the public URL is https.
 */
final class SessionCookie {
    static final String SESSION = "lookout_session";
    static final String LOGIN = "lookout_login";
    static final String HALF_LOGIN = "lookout_2fa";
    static final String OIDC_STATE = "lookout_oidc";

    private final ForwardedRequest requests;

    SessionCookie(ForwardedRequest requests) {
        this.requests = requests;
    }

    Optional<String> session(Context ctx) {
        return Optional.ofNullable(ctx.cookie(SESSION)).filter(v -> !v.isEmpty());
    }

    Optional<String> loginToken(Context ctx) {
        return Optional.ofNullable(ctx.cookie(LOGIN)).filter(v -> !v.isEmpty());
    }

    Optional<String> halfLogin(Context ctx) {
        return Optional.ofNullable(ctx.cookie(HALF_LOGIN)).filter(v -> !v.isEmpty());
    }

    void setHalfLogin(Context ctx, String id, Duration maxAge) {
        set(ctx, HALF_LOGIN, id, maxAge.toSeconds(), "Strict");
    }

    void clearHalfLogin(Context ctx) {
        set(ctx, HALF_LOGIN, "", 0, "Strict");
    }

    Optional<String> oidcState(Context ctx) {
        return Optional.ofNullable(ctx.cookie(OIDC_STATE)).filter(v -> !v.isEmpty());
    }

    void setOidcState(Context ctx, String state, Duration maxAge) {
        set(ctx, OIDC_STATE, state, maxAge.toSeconds(), "Lax");
    }

    void clearOidcState(Context ctx) {
        set(ctx, OIDC_STATE, "", 0, "Lax");
    }

    void setSession(Context ctx, String id, Duration maxAge) {
        set(ctx, SESSION, id, maxAge.toSeconds(), "Lax");
    }

    void setLoginToken(Context ctx, String token) {
        set(ctx, LOGIN, token, Duration.ofHours(1).toSeconds(), "Strict");
    }

    void clear(Context ctx) {
        set(ctx, SESSION, "", 0, "Lax");
    }

    private void set(Context ctx, String name, String value, long maxAge, String sameSite) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=" + sameSite
                + (requests.secure(ctx) ? "; Secure" : ""));
    }
}
