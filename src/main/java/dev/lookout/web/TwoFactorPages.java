package dev.lookout.web;

import dev.lookout.account.AccountException;
import dev.lookout.account.Session;
import dev.lookout.account.Sessions;
import dev.lookout.account.TwoFactor;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/2fa}: a signed-in user sets up two-factor authentication (a new secret shown as
 * a QR code, a key and an {@code otpauth://} link, activated by a first code, then ten recovery
 * codes shown once) or turns it off with their password or a code. The set-up is open to a user
 * whose role must have it and who has none yet ({@code accounts.require_2fa}); turning it off is not.
 */
public final class TwoFactorPages implements RouteGroup {
    private final ConsoleTemplates templates = new ConsoleTemplates();
    private final TwoFactor twoFactor;
    private final Sessions sessions;

    public TwoFactorPages(TwoFactor twoFactor, AccessGate gate) {
        this.twoFactor = twoFactor;
        this.sessions = gate.sessions();
        if (sessions == null) {
            throw new IllegalArgumentException("two-factor authentication needs accounts: an AccessGate with sessions");
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get(AccessGate.TWO_FACTOR_PAGE, Role.VIEWER, this::status).beforeTwoFactor(),
                Route.of(HandlerType.POST, AccessGate.TWO_FACTOR_PAGE + "/enrol", Role.VIEWER, this::enrol).beforeTwoFactor(),
                Route.of(HandlerType.POST, AccessGate.TWO_FACTOR_PAGE + "/confirm", Role.VIEWER, this::confirm).beforeTwoFactor(),
                Route.of(HandlerType.POST, AccessGate.TWO_FACTOR_PAGE + "/disable", Role.VIEWER, this::disable));
    }

    private void status(Context ctx) {
        renderStatus(ctx, 200, null, ctx.queryParam("off") != null ? "Two-factor authentication is off." : null);
    }

    private void renderStatus(Context ctx, int status, String message, String notice) {
        Session session = session(ctx);
        TwoFactor.Status state = twoFactor.status(session.user());
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", session.csrfToken());
        model.put("active", state.active());
        model.put("recoveryCodesLeft", state.recoveryCodesLeft());
        model.put("required", sessions.mustEnrol(session));
        model.put("message", message);
        model.put("notice", notice);
        templates.render(ctx, status, "console/two_factor.jte", model);
    }

    private void enrol(Context ctx) {
        Session session = session(ctx);
        try {
            TwoFactor.Enrolment begun = twoFactor.begin(session.user());
            AuditNote.of(ctx).object("two_factor", session.user().name()).after(Map.of("two_factor", "set-up begun"));
            renderEnrolment(ctx, 200, session, begun, null);
        } catch (AccountException e) {
            renderStatus(ctx, 409, e.getMessage(), null);
        }
    }

    private void confirm(Context ctx) {
        Session session = session(ctx);
        try {
            List<String> codes = twoFactor.confirm(session.user(), ctx.formParam("code"));
            AuditNote.of(ctx).object("two_factor", session.user().name()).after(Map.of("two_factor", "on"));
            templates.render(ctx, 200, "console/two_factor_codes.jte", Map.of("codes", codes));
        } catch (AccountException e) {
            var begun = twoFactor.begun(session.user());
            if (begun.isPresent()) {
                renderEnrolment(ctx, 400, session, begun.get(), e.getMessage());
            } else {
                renderStatus(ctx, 400, e.getMessage(), null);
            }
        }
    }

    private void disable(Context ctx) {
        Session session = session(ctx);
        try {
            twoFactor.disable(session.user(), ctx.formParam("proof"));
            AuditNote.of(ctx).object("two_factor", session.user().name()).after(Map.of("two_factor", "off"));
            ctx.redirect(AccessGate.TWO_FACTOR_PAGE + "?off", HttpStatus.SEE_OTHER);
        } catch (AccountException e) {
            renderStatus(ctx, 400, e.getMessage(), null);
        }
    }

    private void renderEnrolment(Context ctx, int status, Session session, TwoFactor.Enrolment enrolment, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", session.csrfToken());
        model.put("secret", enrolment.secret());
        model.put("uri", enrolment.uri());
        model.put("qrSvg", QrCodeSvg.of(enrolment.uri()));
        model.put("message", message);
        templates.render(ctx, status, "console/two_factor_enrol.jte", model);
    }

    private static Session session(Context ctx) {
        Session session = Caller.of(ctx).session();
        if (session == null) {
            throw ApiException.badRequest("an API key has no two-factor authentication: sign in at /login");
        }
        return session;
    }
}
