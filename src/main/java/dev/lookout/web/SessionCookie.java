package dev.lookout.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;

/**
 * The two cookies of the console, written and read here only: {@code lookout_session} (the session
 * id, HttpOnly, SameSite=Lax so that a link from an alert opens the console signed in; its forms
 * carry a CSRF token as well), {@code lookout_login} (the login form's CSRF token, before there
 * is a session) and {@code lookout_2fa} (the half-login between the password and the code, SameSite=Strict).
 * All are {@code Secure} when the request came over TLS or the public URL is https.
 */
final class SessionCookie {
    static final String SESSION = "lookout_session";
    static final String LOGIN = "lookout_login";
    static final String HALF_LOGIN = "lookout_2fa";

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
