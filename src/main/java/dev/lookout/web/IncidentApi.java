package dev.lookout.web;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
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
        var created = incidents.open(body.name(), IncidentStatus.parse(body.status() == null ? "investigating" : body.status()),
                body.impact() == null ? Impact.NONE : Impact.parse(body.impact()), body.body(),
                AffectedStatus.parseAll(body.components()));
        AuditNote.of(ctx).object("incident", created.id()).after(IncidentJson.audited(created));
        ctx.status(201).header("Location", "/api/v1/incidents/" + created.id()).json(IncidentJson.of(created));
    }

    private void update(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        IncidentUpdate body = JsonBody.read(ctx, IncidentUpdate.class);
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident updated = incidents.update(id, body.status() == null ? null : IncidentStatus.parse(body.status()),
                body.body(), AffectedStatus.parseAll(body.components()), body.impact() == null ? null : Impact.parse(body.impact()));
        note.after(IncidentJson.audited(updated));
        ctx.json(IncidentJson.of(updated));
    }

    private void resolve(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        Resolution body = ctx.body().isBlank() ? new Resolution(null, null) : JsonBody.read(ctx, Resolution.class);
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident resolved = incidents.resolve(id, body.body(), AffectedStatus.parseAll(body.components()));
        note.after(IncidentJson.audited(resolved));
        ctx.json(IncidentJson.of(resolved));
    }

    private void postmortem(Context ctx) {
        long id = IncidentErrors.id(ctx, "incident");
        PostmortemText text = JsonBody.read(ctx, PostmortemText.class);
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident published = incidents.publishPostmortem(id, text.body());
        note.after(IncidentJson.audited(published));
        ctx.json(IncidentJson.of(published));
    }

    static int limit(Context ctx) {
        return Paging.limit(ctx, PAGES);
    }
}
