package dev.lookout.web.console;

import dev.lookout.web.ApiException;
import dev.lookout.web.AuditTrail;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/audit} (admins): the audit log, newest first, filtered by actor, action and time
 * and paged as {@code GET /api/v1/audit} is (the same {@link AuditTrail#page}), with each entry's
 * object before and after where it is configuration-like. Refused filters show the page with why.
 */
final class AuditPage implements RouteGroup {
    private final AuditTrail trail;
    private final ConsoleView view;

    AuditPage(AuditTrail trail, ConsoleView view) {
        this.trail = trail;
        this.view = view;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get("/console/audit", Role.ADMIN, this::page));
    }

    private void page(Context ctx) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : AuditView.FILTERS) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                filters.put(name, value.strip());
            }
        }
        Map<String, Object> model = new HashMap<>();
        try {
            AuditTrail.Page page = trail.page(ctx);
            model.put("audit", new AuditView(page.entries(), filters, page.next(), null));
            view.render(ctx, "console/audit.jte", model, 32_768);
        } catch (ApiException e) {
            model.put("audit", new AuditView(List.of(), filters, null, e.getMessage()));
            view.render(ctx, e.status(), "console/audit.jte", model, 8_192);
        }
    }
}
