package dev.lookout.web;

import dev.lookout.account.Sessions;
import dev.lookout.account.SingleSignOn;
import dev.lookout.account.SsoLogin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /login/oidc}: single sign-on. The first route sends the browser to the provider with a
 * state that a cookie of this browser keeps; the callback finishes the sign-in and starts an
 * ordinary session, or shows why not, with a link back to the login page (never an error of the
 * provider's library).
 */
public final class SsoPages implements RouteGroup {
    static final String CALLBACK = "/login/oidc/callback";
    /** The state cookie outlives the wait for the callback a little; the database decides. */
    private static final Duration STATE_COOKIE = Duration.ofMinutes(15);

    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final SingleSignOn sso;
    private final Sessions sessions;
    private final SessionCookie cookies;
    private final ForwardedRequest requests;

    public SsoPages(SingleSignOn sso, AccessGate gate) {
        this.sso = sso;
        this.sessions = gate.sessions();
        this.cookies = gate.cookies();
        this.requests = gate.requests();
        if (sessions == null) {
            throw new IllegalArgumentException("single sign-on needs accounts: an AccessGate with sessions");
        }
    }

    /** Where the provider sends the browser back, below {@code server.public_url}. */
    public static String redirectUri(String publicUrl) {
        return publicUrl + CALLBACK;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/login/oidc", Role.PUBLIC, this::begin),
                Route.get(CALLBACK, Role.PUBLIC, this::callback));
    }

    private void begin(Context ctx) {
        switch (sso.begin(ConsolePages.next(ctx.queryParam("next")))) {
            case SsoLogin.ToProvider toProvider -> {
                cookies.setOidcState(ctx, toProvider.state(), STATE_COOKIE);
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(toProvider.authorizationUrl().toString(), HttpStatus.SEE_OTHER);
            }
            case SsoLogin.Refused refused -> refuse(ctx, refused);
            case SsoLogin.SignedIn unexpected -> throw new IllegalStateException("a sign-in begins at the provider");
        }
    }

    private void callback(Context ctx) {
        SingleSignOn.Callback callback = new SingleSignOn.Callback(ctx.queryParam("code"), ctx.queryParam("state"),
                ctx.queryParam("error"), ctx.queryParam("error_description"));
        SsoLogin outcome = sso.finish(cookies.oidcState(ctx).orElse(null), callback, requests.address(ctx));
        cookies.clearOidcState(ctx);
        switch (outcome) {
            case SsoLogin.SignedIn signedIn -> {
                cookies.setSession(ctx, signedIn.login().sessionId(), sessions.lifetime());
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(ConsolePages.next(signedIn.next()), HttpStatus.SEE_OTHER);
            }
            case SsoLogin.Refused refused -> refuse(ctx, refused);
            case SsoLogin.ToProvider unexpected -> throw new IllegalStateException("a callback ends the sign-in");
        }
    }

    private void refuse(Context ctx, SsoLogin.Refused refused) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", refused.message());
        templates.render(ctx, refused.status(), "console/sso_refused.jte", model);
    }
}
