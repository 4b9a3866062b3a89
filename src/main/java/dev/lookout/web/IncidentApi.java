package dev.lookout.web;

import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentFilter;
import dev.lookout.incident.Incidents;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/incidents}: reading is public (what the status page shows anyway), writing needs an editor. */
public final class IncidentApi implements RouteGroup {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    record NewIncident(String name, String status, String impact, String body, Map<String, String> components) {
    }

    record IncidentUpdate(String status, String body, Map<String, String> components, String impact) {
    }

    record Resolution(String body, Map<String, String> components) {
    }

    record PostmortemText(String body) {
    }

    private final Incidents incidents;

    public IncidentApi(Incidents incidents) {
        this.incidents = incidents;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/incidents", Role.PUBLIC, IncidentErrors.mapped(this::list)).readableByAnyOrigin(),
                Route.get("/api/v1/incidents/{id}", Role.PUBLIC, IncidentErrors.mapped(this::show)).readableByAnyOrigin(),
                Route.of(HandlerType.POST, "/api/v1/incidents", Role.EDITOR, IncidentErrors.mapped(this::create)),
                Route.of(HandlerType.POST, "/api/v1/incidents/{id}/updates", Role.EDITOR, IncidentErrors.mapped(this::update)),
                Route.of(HandlerType.POST, "/api/v1/incidents/{id}/resolve", Role.EDITOR, IncidentErrors.mapped(this::resolve)),
                Route.of(HandlerType.PUT, "/api/v1/incidents/{id}/postmortem", Role.EDITOR, IncidentErrors.mapped(this::postmortem)));
    }

    private void list(Context ctx) {
        IncidentFilter filter = IncidentFilter.parse(ctx.queryParam("status"));
        int limit = limit(ctx);
        ctx.json(Map.of("incidents", incidents.list(filter, limit).stream().map(IncidentJson::of).toList()));
    }

    private void show(Context ctx) {
        ctx.json(IncidentJson.of(incidents.get(IncidentErrors.id(ctx, "incident"))));
    }

    private void create(Context ctx) {
        NewIncident body = JsonBody.read(ctx, NewIncident.class);
        Incident created = IncidentActions.open(ctx, incidents, body.name(), body.status(), body.impact(), body.body(),
                body.components());
        ctx.status(201).header("Location", "/api/v1/incidents/" + created.id()).json(IncidentJson.of(created));
    }

    private void update(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        IncidentUpdate body = JsonBody.read(ctx, IncidentUpdate.class);
        ctx.json(IncidentJson.of(IncidentActions.update(ctx, incidents, id, body.status(), body.body(), body.components(),
                body.impact())));
    }

    private void resolve(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        Resolution body = ctx.body().isBlank() ? new Resolution(null, null) : JsonBody.read(ctx, Resolution.class);
        ctx.json(IncidentJson.of(IncidentActions.resolve(ctx, incidents, id, body.body(), body.components())));
    }

    private void postmortem(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        PostmortemText text = JsonBody.read(ctx, PostmortemText.class);
        ctx.json(IncidentJson.of(IncidentActions.publishPostmortem(ctx, incidents, id, text.body())));
    }

    static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("limit must be a number from 1 to " + MAX_LIMIT + ", not '" + raw + "'");
    }
}
