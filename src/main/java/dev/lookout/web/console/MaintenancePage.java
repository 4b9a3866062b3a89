package dev.lookout.web.console;

import dev.lookout.incident.IncidentException;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.web.ApiException;
import dev.lookout.web.IncidentActions;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/maintenance}: the maintenance under way, the scheduled and the past ones, the form
 * that schedules one, and a maintenance's page with its updates and the form to post one. Writes
 * go through {@link IncidentActions}, as the API's do; a refusal shows the form again with its
 * message and what was typed.
 */
public final class MaintenancePage implements RouteGroup {
    private final IncidentDesk desk;
    private final ConsoleView view;
    private final InstantSource clock;

    MaintenancePage(IncidentDesk desk, ConsoleView view, InstantSource clock) {
        this.desk = desk;
        this.view = view;
        this.clock = clock;
    }

    /** What the scheduling form holds, as typed (times as the form gives them, UTC). */
    public record ScheduleForm(String name, String from, String until, List<String> components, String body) {
        static final ScheduleForm EMPTY = new ScheduleForm("", "", "", List.of(), "");

        public ScheduleForm {
            components = List.copyOf(components);
        }
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/maintenance", Role.VIEWER, this::list),
                Route.of(HandlerType.POST, "/console/maintenance", Role.EDITOR, this::schedule),
                Route.get("/console/maintenance/{id}", Role.VIEWER, this::maintenance),
                Route.of(HandlerType.POST, "/console/maintenance/{id}/updates", Role.EDITOR, this::update));
    }

    private void list(Context ctx) {
        renderList(ctx, 200, ScheduleForm.EMPTY, null);
    }

    private void renderList(Context ctx, int status, ScheduleForm form, String message) {
        Instant now = clock.instant();
        Map<String, Object> model = new HashMap<>();
        model.put("active", desk.maintenances().active(now));
        model.put("upcoming", desk.maintenances().upcoming(now));
        model.put("past", desk.maintenances().recent().stream().filter(m -> m.status() == MaintenanceStatus.COMPLETED).toList());
        model.put("form", form);
        model.put("message", message);
        model.put("components", desk.components());
        view.render(ctx, status, "console/maintenances.jte", model, 8_192);
    }

    private void schedule(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        ScheduleForm form = new ScheduleForm(IncidentForm.field(ctx, "name"), IncidentForm.field(ctx, "from"),
                IncidentForm.field(ctx, "until"), ctx.formParams("components"), IncidentForm.field(ctx, "body"));
        try {
            Maintenance created = IncidentActions.schedule(ctx, desk.maintenances(), form.name(), form.body(),
                    time("start", form.from()), time("end", form.until()), form.components());
            back(ctx, created.id(), "scheduled");
        } catch (IncidentException refused) {
            renderList(ctx, IncidentActions.status(refused), form, refused.getMessage());
        }
    }

    private void maintenance(Context ctx) {
        renderOne(ctx, 200, find(ctx), "", "", null, IncidentsPage.done(ctx.queryParam("done")));
    }

    private void renderOne(Context ctx, int status, Maintenance maintenance, String chosen, String body, String message,
                           String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("maintenance", maintenance);
        model.put("chosen", chosen);
        model.put("body", body);
        model.put("message", message);
        model.put("done", done);
        view.render(ctx, status, "console/maintenance.jte", model, 8_192);
    }

    private void update(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        Maintenance maintenance = find(ctx);
        String status = IncidentForm.field(ctx, "status");
        String body = IncidentForm.field(ctx, "body");
        try {
            IncidentActions.update(ctx, desk.maintenances(), maintenance.id(), status, body);
            back(ctx, maintenance.id(), "updated");
        } catch (IncidentException refused) {
            renderOne(ctx, IncidentActions.status(refused), maintenance, status == null ? "" : status, body == null ? "" : body,
                    refused.getMessage(), null);
        }
    }

    private Maintenance find(Context ctx) {
        long id = IncidentActions.id(ctx, "maintenance");
        try {
            return desk.maintenances().get(id);
        } catch (IncidentException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /**
     * A time from the form: a browser's {@code datetime-local} field ({@code 2026-12-01T22:00}), read
     * as UTC, or ISO-8601 with an offset. Null when blank (the incident package says it is required).
     */
    static Instant time(String what, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IncidentException(IncidentException.Reason.INVALID, "the " + what + " '" + text
                        + "' is not a time: use 2026-12-01T22:00 (UTC) or ISO-8601 with an offset");
            }
        }
    }

    private static void back(Context ctx, long id, String what) {
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/console/maintenance/" + id + "?done=" + what, HttpStatus.SEE_OTHER);
    }
}
