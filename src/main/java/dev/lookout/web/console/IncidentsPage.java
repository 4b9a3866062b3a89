package dev.lookout.web.console;

import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentException;
import dev.lookout.incident.IncidentFilter;
import dev.lookout.incident.TimelineMarkdown;
import dev.lookout.web.ApiException;
import dev.lookout.web.IncidentActions;
import dev.lookout.web.Role;
import dev.lookout.web.Route;
import dev.lookout.web.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /console/incidents}: the open and recent incidents, the form that opens one, and an
 * incident's page with its updates and the forms to post an update, resolve it and write its
 * postmortem (prefilled with the automatic timeline). Every write goes through
 * {@link IncidentActions}, as the API's do; a refusal shows the form again with its message and
 * what was typed, a success comes back to the incident's page (post, redirect, get), so the pages
 * work without script.
 */
public final class IncidentsPage implements RouteGroup {
    /** Incidents listed under "recent" (open ones are all listed). */
    static final int RECENT = 50;

    private final IncidentDesk desk;
    private final ConsoleView view;
    private final InstantSource clock;

    IncidentsPage(IncidentDesk desk, ConsoleView view, InstantSource clock) {
        this.desk = desk;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/console/incidents", Role.VIEWER, this::list),
                Route.get("/console/incidents/new", Role.VIEWER, this::newForm),
                Route.of(HandlerType.POST, "/console/incidents", Role.EDITOR, this::open),
                Route.get("/console/incidents/{id}", Role.VIEWER, this::incident),
                Route.of(HandlerType.POST, "/console/incidents/{id}/updates", Role.EDITOR, this::update),
                Route.of(HandlerType.POST, "/console/incidents/{id}/resolve", Role.EDITOR, this::resolve),
                Route.of(HandlerType.POST, "/console/incidents/{id}/postmortem", Role.EDITOR, this::postmortem));
    }

    private void list(Context ctx) {
        List<Incident> open = desk.incidents().list(IncidentFilter.OPEN, Integer.MAX_VALUE);
        List<Incident> recent = desk.incidents().list(IncidentFilter.ALL, RECENT).stream().filter(i -> !i.status().open()).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("open", open);
        model.put("recent", recent);
        model.put("now", clock.instant());
        view.render(ctx, "console/incidents.jte", model, 8_192);
    }

    private void newForm(Context ctx) {
        IncidentForm form = desk.template(ctx.queryParam("template")).map(IncidentForm.EMPTY::with).orElse(IncidentForm.EMPTY);
        renderNew(ctx, 200, form, null);
    }

    private void renderNew(Context ctx, int status, IncidentForm form, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("form", form);
        model.put("message", message);
        model.put("components", desk.components());
        model.put("templates", desk.templates());
        view.render(ctx, status, "console/incident_new.jte", model, 8_192);
    }

    private void open(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        IncidentForm form = IncidentForm.posted(ctx);
        try {
            Incident created = IncidentActions.open(ctx, desk.incidents(), form.title(), form.status(), form.impact(),
                    form.body(), form.components());
            back(ctx, created.id(), "opened");
        } catch (IncidentException refused) {
            renderNew(ctx, IncidentActions.status(refused), form, refused.getMessage());
        }
    }

    private void incident(Context ctx) {
        Incident incident = find(ctx);
        IncidentForm update = current(incident);
        IncidentForm chosen = desk.template(ctx.queryParam("template"))
                .map(t -> new IncidentForm(null, t.status() != null && !"resolved".equals(t.status()) ? t.status() : update.status(),
                        update.impact(), t.body(), update.components()))
                .orElse(update);
        renderIncident(ctx, 200, incident, new Forms(chosen, "", postmortemDraft(incident)), null, done(ctx.queryParam("done")));
    }

    private void update(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        Incident incident = find(ctx);
        IncidentForm form = IncidentForm.posted(ctx);
        try {
            IncidentActions.update(ctx, desk.incidents(), incident.id(), form.status(), form.body(), changed(incident, form),
                    form.impact());
            back(ctx, incident.id(), "updated");
        } catch (IncidentException refused) {
            renderIncident(ctx, IncidentActions.status(refused), incident, new Forms(form, "", postmortemDraft(incident)),
                    refused.getMessage(), null);
        }
    }

    private void resolve(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        Incident incident = find(ctx);
        IncidentForm form = IncidentForm.posted(ctx);
        try {
            IncidentActions.resolve(ctx, desk.incidents(), incident.id(), form.body(), changed(incident, form));
            back(ctx, incident.id(), "resolved");
        } catch (IncidentException refused) {
            renderIncident(ctx, IncidentActions.status(refused), incident,
                    new Forms(current(incident), form.body() == null ? "" : form.body(), postmortemDraft(incident)),
                    refused.getMessage(), null);
        }
    }

    private void postmortem(Context ctx) {
        IncidentActions.refuseControlCharacters(ctx);
        Incident incident = find(ctx);
        String body = IncidentForm.field(ctx, "body");
        try {
            IncidentActions.publishPostmortem(ctx, desk.incidents(), incident.id(), body);
            back(ctx, incident.id(), "postmortem");
        } catch (IncidentException refused) {
            renderIncident(ctx, IncidentActions.status(refused), incident, new Forms(current(incident), "",
                    body == null ? "" : body), refused.getMessage(), null);
        }
    }

    /** The forms of an incident's page, each with what it holds. */
    public record Forms(IncidentForm update, String resolution, String postmortem) {
    }

    private void renderIncident(Context ctx, int status, Incident incident, Forms forms, String message, String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("incident", incident);
        model.put("forms", forms);
        model.put("message", message);
        model.put("done", done);
        model.put("components", desk.components());
        model.put("templates", desk.templates());
        view.render(ctx, status, "console/incident.jte", model, 16_384);
    }

    private Incident find(Context ctx) {
        long id = IncidentActions.id(ctx, "incident");
        try {
            return desk.incidents().get(id);
        } catch (IncidentException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    /** The update form as the incident stands: its status, impact and component statuses. */
    private static IncidentForm current(Incident incident) {
        Map<String, String> components = new LinkedHashMap<>();
        incident.components().forEach((id, status) -> components.put(id, status.code()));
        return new IncidentForm(null, incident.status().open() ? incident.status().code() : "investigating",
                incident.impact().code(), "", components);
    }

    /** Only the components whose chosen status differs from the incident's: an update lists what it changed. */
    private static Map<String, String> changed(Incident incident, IncidentForm form) {
        Map<String, String> out = new LinkedHashMap<>();
        form.components().forEach((id, code) -> {
            var now = incident.components().get(id);
            if (now == null || !now.code().equals(code)) {
                out.put(id, code);
            }
        });
        return out;
    }

    /** The published postmortem to edit, or the automatic timeline to start from. */
    private String postmortemDraft(Incident incident) {
        if (incident.postmortem() != null) {
            return incident.postmortem().body().source();
        }
        return incident.status().open() ? "" : TimelineMarkdown.render(desk.timelines().build(incident));
    }

    private static void back(Context ctx, long id, String what) {
        ctx.header("Cache-Control", "no-store");
        ctx.redirect("/console/incidents/" + id + "?done=" + what, HttpStatus.SEE_OTHER);
    }

    /** The notice after an action: only the page's own words, so that a link cannot make the page say anything else. */
    static String done(String given) {
        return given == null ? null : switch (given) {
            case "opened" -> "The incident is open and on the status page.";
            case "updated" -> "The update is posted.";
            case "resolved" -> "The incident is resolved.";
            case "postmortem" -> "The postmortem is published.";
            default -> null;
        };
    }
}
