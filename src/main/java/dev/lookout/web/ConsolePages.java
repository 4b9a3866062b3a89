package dev.lookout.web;

import dev.lookout.account.Login;
import dev.lookout.account.Sessions;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's login and logout, and its placeholder home page (who you are, your role). The
 * login form is protected from cross-site posts by a token in a cookie of its own that the form
 * must repeat; the forms after login carry the session's CSRF token, which {@link AccessGate} checks.
 */
public final class ConsolePages implements RouteGroup {
    /** Where a login may send the browser on: a path of this site, never another site ({@code //host}). */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\s]{0,500}|/");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Sessions sessions;
    private final SessionCookie cookies;
    private final ForwardedRequest requests;

    public ConsolePages(AccessGate gate) {
        this.sessions = gate.sessions();
        this.cookies = gate.cookies();
        this.requests = gate.requests();
        if (sessions == null) {
            throw new IllegalArgumentException("the console needs accounts: an AccessGate with sessions");
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/login", Role.PUBLIC, this::loginPage),
                Route.of(HandlerType.POST, "/login", Role.PUBLIC, this::login),
                Route.get("/console", Role.VIEWER, this::home),
                Route.of(HandlerType.POST, "/logout", Role.VIEWER, this::logout),
                Route.of(HandlerType.POST, "/logout/everywhere", Role.VIEWER, this::logoutEverywhere));
    }

    private void loginPage(Context ctx) {
        String notice = ctx.queryParam("signed_out") != null ? "You are signed out." : null;
        renderLogin(ctx, 200, null, notice, "");
    }

    private void renderLogin(Context ctx, int status, String message, String notice, String name) {
        String token = newToken();
        cookies.setLoginToken(ctx, token);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", token);
        model.put("next", next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        model.put("message", message);
        model.put("notice", notice);
        model.put("name", name);
        render(ctx, status, "console/login.jte", model);
    }

    private void login(Context ctx) {
        String expected = cookies.loginToken(ctx).orElse(null);
        String given = ctx.formParam("csrf");
        if (expected == null || !expected.equals(given)) {
            renderLogin(ctx, 403, "The form expired or came from another site: please sign in again.", null, "");
            return;
        }
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        Login outcome = sessions.login(name, password, requests.address(ctx));
        switch (outcome) {
            case Login.SignedIn signedIn -> {
                AuditNote.of(ctx).actor(name).object("session", null).after(null);
                cookies.setSession(ctx, signedIn.sessionId(), sessions.lifetime());
                ctx.header("Cache-Control", "no-store");
                ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
            }
            case Login.Refused refused -> renderLogin(ctx, 401, refused.message(), null, name == null ? "" : name);
            case Login.Throttled throttled -> {
                ctx.header("Retry-After", String.valueOf(throttled.seconds()));
                renderLogin(ctx, 429, throttled.message(), null, name == null ? "" : name);
            }
        }
    }

    private void home(Context ctx) {
        Caller caller = Caller.of(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("name", caller.name());
        model.put("role", caller.role().code());
        model.put("csrf", caller.session() == null ? "" : caller.session().csrfToken());
        model.put("session", caller.session() != null);
        render(ctx, 200, "console/home.jte", model);
    }

    private void logout(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.session() == null) {
            throw ApiException.badRequest("an API key has no session to sign out of");
        }
        sessions.logout(caller.session());
        AuditNote.of(ctx).object("session", null).after(null);
        cookies.clear(ctx);
        ctx.redirect("/login?signed_out", HttpStatus.SEE_OTHER);
    }

    private void logoutEverywhere(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (caller.session() == null) {
            throw ApiException.badRequest("an API key has no session to sign out of");
        }
        sessions.logoutEverywhere(caller.session().user());
        AuditNote.of(ctx).object("user", caller.session().user().name()).after(Map.of("sessions", "ended everywhere"));
        cookies.clear(ctx);
        ctx.redirect("/login?signed_out", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String template, Map<String, Object> model) {
        StringOutput out = new StringOutput(4096);
        templates.render(template, model, out);
        ctx.attribute(WebServer.ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin").html(out.toString());
    }

    static String next(String wanted) {
        return wanted != null && LOCAL_PATH.matcher(wanted).matches() ? wanted : "/console";
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
