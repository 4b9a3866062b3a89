package dev.lookout.web;

import dev.lookout.incident.Incidents;
import dev.lookout.incident.Timeline;
import dev.lookout.incident.TimelineBuilder;
import dev.lookout.incident.TimelineMarkdown;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/incidents/{id}/timeline} (JSON) and {@code .../timeline.md} (Markdown for a
 * postmortem): public like the incident itself. An unknown id is a JSON 404 on both.
 */
public final class TimelineApi implements RouteGroup {
    private final Incidents incidents;
    private final TimelineBuilder timelines;

    public TimelineApi(Incidents incidents, TimelineBuilder timelines) {
        this.incidents = incidents;
        this.timelines = timelines;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/incidents/{id}/timeline", Role.VIEWER, IncidentErrors.mapped(this::json))
                        .documented(ApiDoc.of("An incident's timeline: updates, state changes, alerts")),
                Route.get("/api/v1/incidents/{id}/timeline.md", Role.VIEWER, IncidentErrors.mapped(this::markdown))
                        .documented(ApiDoc.of("An incident's timeline as Markdown, for a postmortem").produces("text/markdown")));
    }

    private Timeline timeline(Context ctx) {
        return timelines.build(incidents.get(IncidentErrors.id(ctx, "incident")));
    }

    private void json(Context ctx) {
        ctx.header("Cache-Control", "no-cache").json(json(timeline(ctx)));
    }

    private void markdown(Context ctx) {
        Timeline t = timeline(ctx);
        ctx.header("Cache-Control", "no-cache")
                .header("Content-Disposition", "inline; filename=\"incident-" + t.incidentId() + "-timeline.md\"")
                .contentType("text/markdown; charset=utf-8").result(TimelineMarkdown.render(t));
    }

    static Map<String, Object> json(Timeline t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incident_id", t.incidentId());
        out.put("incident_name", t.incidentName());
        out.put("from", text(t.from()));
        out.put("to", text(t.to()));
        out.put("monitors", t.monitorIds());
        out.put("entries", t.entries().stream().map(e -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", text(e.at()));
            entry.put("kind", e.kind().code());
            entry.put("source", e.source());
            entry.put("text", e.text());
            return entry;
        }).toList());
        out.put("time_to_detect", span(t.timeToDetect()));
        out.put("time_to_acknowledge", span(t.timeToAcknowledge()));
        out.put("time_to_recover", span(t.timeToRecover()));
        out.put("truncated", t.truncated());
        return out;
    }

    private static Map<String, Object> span(Timeline.Span span) {
        if (span == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", span.duration().toMillis() / 1000.0);
        out.put("from", text(span.from()));
        out.put("from_event", span.fromEvent());
        out.put("to", text(span.to()));
        out.put("to_event", span.toEvent());
        return out;
    }

    private static String text(Instant at) {
        return at.toString();
    }
}
