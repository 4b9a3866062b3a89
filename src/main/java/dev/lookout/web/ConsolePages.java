package dev.lookout.web;

import dev.lookout.account.Login;
import dev.lookout.account.Sessions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The console's login (the password, then the code when the user has two-factor authentication)
 * and logout; its pages are in {@code web.console}, {@code /console} the dashboard. The login forms
 * are protected from cross-site posts by a token in a cookie of its own that the form must repeat;
 * the forms after login carry the session's CSRF token, which {@link AccessGate} checks.
 */
public final class ConsolePages implements RouteGroup {
    /** Where a login may send the browser on: a path of this site, never another site ({@code //host}). */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\s]{0,500}|/");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final Sessions sessions;
    private final SessionCookie cookies;
    private final ForwardedRequest requests;
    private final BooleanSupplier ssoOffered;

    /** @param ssoOffered whether the login page offers single sign-on ({@code accounts.oidc} is set) */
    public ConsolePages(AccessGate gate, BooleanSupplier ssoOffered) {
        this.ssoOffered = ssoOffered;
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
                Route.get("/login/code", Role.PUBLIC, this::codePage),
                Route.of(HandlerType.POST, "/login/code", Role.PUBLIC, this::code),
                Route.of(HandlerType.POST, "/logout", Role.VIEWER, this::logout).beforeTwoFactor(),
                Route.of(HandlerType.POST, "/logout/everywhere", Role.VIEWER, this::logoutEverywhere).beforeTwoFactor());
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
        String next = next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        model.put("next", next);
        model.put("message", message);
        model.put("notice", notice);
        model.put("name", name);
        model.put("ssoUrl", ssoOffered.getAsBoolean() ? "/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : null);
        render(ctx, status, "console/login.jte", model);
    }

    private void login(Context ctx) {
        if (!formFromThisSite(ctx)) {
            renderLogin(ctx, 403, "The form expired or came from another site: please sign in again.", null, "");
            return;
        }
        String name = ctx.formParam("name");
        String password = ctx.formParam("password");
        Login outcome = sessions.login(name, password, requests.address(ctx));
        switch (outcome) {
            case Login.SignedIn signedIn -> signedIn(ctx, signedIn);
            case Login.SecondStep secondStep -> {
                cookies.setHalfLogin(ctx, secondStep.halfLoginId(), Sessions.HALF_LOGIN_EXPIRY);
                ctx.header("Cache-Control", "no-store");
                ctx.redirect("/login/code?next=" + URLEncoder.encode(next(ctx.formParam("next")), StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER);
            }
            case Login.Refused refused -> renderLogin(ctx, 401, refused.message(), null, name == null ? "" : name);
            case Login.Throttled throttled -> {
                ctx.header("Retry-After", String.valueOf(throttled.seconds()));
                renderLogin(ctx, 429, throttled.message(), null, name == null ? "" : name);
            }
            case Login.Expired expired -> renderLogin(ctx, 401, expired.message(), null, "");
        }
    }

    private void codePage(Context ctx) {
        if (cookies.halfLogin(ctx).isEmpty()) {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return;
        }
        renderCode(ctx, 200, null);
    }

    private void renderCode(Context ctx, int status, String message) {
        String token = newToken();
        cookies.setLoginToken(ctx, token);
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", token);
        model.put("next", next(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        model.put("message", message);
        templates.render(ctx, status, "console/login_code.jte", model);
    }

    private void code(Context ctx) {
        if (!formFromThisSite(ctx)) {
            renderLogin(ctx, 403, "The form expired or came from another site: please sign in again.", null, "");
            return;
        }
        Login outcome = sessions.secondStep(cookies.halfLogin(ctx).orElse(null), ctx.formParam("code"), requests.address(ctx));
        switch (outcome) {
            case Login.SignedIn signedIn -> {
                cookies.clearHalfLogin(ctx);
                signedIn(ctx, signedIn);
            }
            case Login.Refused refused -> renderCode(ctx, 401, refused.message());
            case Login.Throttled throttled -> {
                ctx.header("Retry-After", String.valueOf(throttled.seconds()));
                renderCode(ctx, 429, throttled.message());
            }
            case Login.Expired expired -> {
                cookies.clearHalfLogin(ctx);
                renderLogin(ctx, 401, expired.message(), null, "");
            }
            case Login.SecondStep unexpected -> throw new IllegalStateException("a second step asks for no third");
        }
    }

    /** The login forms repeat the token of the {@code lookout_login} cookie, which another site can neither read nor send. */
    private boolean formFromThisSite(Context ctx) {
        String expected = cookies.loginToken(ctx).orElse(null);
        return expected != null && expected.equals(ctx.formParam("csrf"));
    }

    private void signedIn(Context ctx, Login.SignedIn signedIn) {
        AuditNote.of(ctx).actor(signedIn.session().user().name()).object("session", null).after(null);
        cookies.setSession(ctx, signedIn.sessionId(), sessions.lifetime());
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
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
        templates.render(ctx, status, template, model);
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
