package dev.lookout.web;

import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentFilter;
import dev.lookout.incident.IncidentRepository;
import dev.lookout.incident.IncidentStatus;
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
                Route.get("/api/v1/incidents", Role.PUBLIC, IncidentErrors.mapped(this::list)).readableByAnyOrigin()
                        .documented(ApiDoc.of("Incidents, newest first").query("status", "unresolved, resolved or all (default)")
                                .paged(PAGES)),
                Route.get("/api/v1/incidents/{id}", Role.PUBLIC, IncidentErrors.mapped(this::show)).readableByAnyOrigin()
                        .documented(ApiDoc.of("One incident with its updates")),
                Route.of(HandlerType.POST, "/api/v1/incidents", Role.EDITOR, IncidentErrors.mapped(this::create))
                        .documented(ApiDoc.of("Opens an incident").body(NewIncident.class).answers(201, "the incident")),
                Route.of(HandlerType.POST, "/api/v1/incidents/{id}/updates", Role.EDITOR, IncidentErrors.mapped(this::update))
                        .documented(ApiDoc.of("Posts an update: status, text, components, impact").body(IncidentUpdate.class)
                                .answers(201, "the incident").answers(409, "the incident is resolved")),
                Route.of(HandlerType.POST, "/api/v1/incidents/{id}/resolve", Role.EDITOR, IncidentErrors.mapped(this::resolve))
                        .documented(ApiDoc.of("Resolves an incident").optionalBody(Resolution.class)
                                .answers(409, "already resolved")),
                Route.of(HandlerType.PUT, "/api/v1/incidents/{id}/postmortem", Role.EDITOR, IncidentErrors.mapped(this::postmortem))
                        .documented(ApiDoc.of("Publishes or replaces a resolved incident's postmortem (Markdown)")
                                .body(PostmortemText.class).answers(409, "the incident is not resolved")));
    }

    static final Paging.Limits PAGES = new Paging.Limits(DEFAULT_LIMIT, MAX_LIMIT);

    private void list(Context ctx) {
        IncidentFilter filter = IncidentFilter.parse(ctx.queryParam("status"));
        int limit = Paging.limit(ctx, PAGES);
        List<Incident> page = incidents.list(filter, position(Paging.timeAndId(ctx)), limit + 1);
        String next = page.size() > limit ? new Paging.TimeAndId(page.get(limit - 1).createdAt(), page.get(limit - 1).id()).text() : null;
        Paging.link(ctx, next);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("incidents", page.stream().limit(limit).map(IncidentJson::of).toList());
        body.put("next", next);
        ctx.json(body);
    }

    static IncidentRepository.Position position(Paging.TimeAndId cursor) {
        return cursor == null ? null : new IncidentRepository.Position(cursor.at(), cursor.id());
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
        return Paging.limit(ctx, PAGES);
    }
}
