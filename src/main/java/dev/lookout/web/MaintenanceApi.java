package dev.lookout.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lookout.incident.Maintenances;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/maintenances}: reading is public, scheduling and updating need an editor. */
public final class MaintenanceApi implements RouteGroup {

    record NewMaintenance(String name, String body, @JsonProperty("scheduled_for") Instant scheduledFor,
                          @JsonProperty("scheduled_until") Instant scheduledUntil, List<String> components) {
    }

    record MaintenanceUpdate(String status, String body) {
    }

    private final Maintenances maintenances;
    private final InstantSource clock;

    public MaintenanceApi(Maintenances maintenances, InstantSource clock) {
        this.maintenances = maintenances;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/maintenances", Role.PUBLIC, IncidentErrors.mapped(this::list)).readableByAnyOrigin()
                        .documented(ApiDoc.of("Scheduled maintenances, latest start first")
                                .query("status", "active or upcoming (each whole, soonest first), or all (default, paged)")
                                .paged(IncidentApi.PAGES)),
                Route.get("/api/v1/maintenances/{id}", Role.PUBLIC, IncidentErrors.mapped(this::show)).readableByAnyOrigin()
                        .documented(ApiDoc.of("One maintenance with its updates")),
                Route.of(HandlerType.POST, "/api/v1/maintenances", Role.EDITOR, IncidentErrors.mapped(this::schedule))
                        .documented(ApiDoc.of("Schedules a maintenance").body(NewMaintenance.class).answers(201, "the maintenance")),
                Route.of(HandlerType.POST, "/api/v1/maintenances/{id}/updates", Role.EDITOR, IncidentErrors.mapped(this::update))
                        .documented(ApiDoc.of("Posts an update (or ends or cancels it with its status)")
                                .body(MaintenanceUpdate.class).answers(201, "the maintenance")
                                .answers(409, "the maintenance is over")));
    }

    /**
     * {@code active} and {@code upcoming} are what runs now and is planned (a few, whole, soonest
     * first, {@code next} null); {@code all} is the history, paged.
     */
    private void list(Context ctx) {
        String which = ctx.queryParam("status");
        int limit = Paging.limit(ctx, IncidentApi.PAGES);
        var list = switch (which == null ? "all" : which) {
            case "active" -> maintenances.active(clock.instant());
            case "upcoming" -> maintenances.upcoming(clock.instant());
            case "all" -> maintenances.list(IncidentApi.position(Paging.timeAndId(ctx)), limit + 1);
            default -> throw ApiException.badRequest("unknown status filter '" + which + "' (expected one of active, upcoming, all)");
        };
        String next = null;
        if (!"active".equals(which) && !"upcoming".equals(which) && list.size() > limit) {
            next = new Paging.TimeAndId(list.get(limit - 1).scheduledFor(), list.get(limit - 1).id()).text();
            list = list.subList(0, limit);
        }
        Paging.link(ctx, next);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("maintenances", list.stream().map(IncidentJson::of).toList());
        body.put("next", next);
        ctx.json(body);
    }

    private void show(Context ctx) {
        ctx.json(IncidentJson.of(maintenances.get(IncidentErrors.id(ctx, "maintenance"))));
    }

    private void schedule(Context ctx) {
        NewMaintenance body = JsonBody.read(ctx, NewMaintenance.class);
        var created = IncidentActions.schedule(ctx, maintenances, body.name(), body.body(), body.scheduledFor(),
                body.scheduledUntil(), body.components());
        ctx.status(201).header("Location", "/api/v1/maintenances/" + created.id()).json(IncidentJson.of(created));
    }

    private void update(Context ctx) {
        long id = IncidentErrors.id(ctx, "maintenance");
        MaintenanceUpdate body = JsonBody.read(ctx, MaintenanceUpdate.class);
        ctx.json(IncidentJson.of(IncidentActions.update(ctx, maintenances, id, body.status(), body.body())));
    }
}
