package dev.lookout.web;

import dev.lookout.incident.ComponentChange;
import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Update;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code /api/v1/incidents} and {@code /api/v1/maintenances}: snake_case keys,
 * ISO-8601 times, updates newest first, each text as written ({@code body}) and as sanitised
 * HTML ({@code body_html}).
 */
final class IncidentJson {
    private IncidentJson() {
    }

    static Map<String, Object> of(Incident i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("name", i.name());
        out.put("status", i.status().code());
        out.put("impact", i.impact().code());
        out.put("created_at", text(i.createdAt()));
        out.put("updated_at", text(i.updatedAt()));
        out.put("monitoring_at", text(i.monitoringAt()));
        out.put("resolved_at", text(i.resolvedAt()));
        Map<String, String> components = new LinkedHashMap<>();
        i.components().forEach((id, status) -> components.put(id, status.code()));
        out.put("components", components);
        out.put("updates", updates(i.updates()));
        if (i.postmortem() == null) {
            out.put("postmortem", null);
        } else {
            out.put("postmortem", markdown(i.postmortem().body()));
        }
        out.put("postmortem_published_at", i.postmortem() == null ? null : text(i.postmortem().publishedAt()));
        return out;
    }

    static Map<String, Object> of(Maintenance m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("name", m.name());
        out.put("status", m.status().code());
        out.put("scheduled_for", text(m.scheduledFor()));
        out.put("scheduled_until", text(m.scheduledUntil()));
        out.put("started_at", text(m.startedAt()));
        out.put("completed_at", text(m.completedAt()));
        out.put("created_at", text(m.createdAt()));
        out.put("updated_at", text(m.updatedAt()));
        out.put("components", m.componentIds());
        out.put("updates", updates(m.updates()));
        return out;
    }

    /**
     * An incident as the audit log keeps it before and after a write: what an editor sets (name,
     * status, impact, components, postmortem) and the latest update's text, not every update again.
     */
    static Map<String, Object> audited(Incident i) {
        Map<String, Object> out = of(i);
        out.keySet().retainAll(List.of("id", "name", "status", "impact", "components", "resolved_at"));
        out.put("updates", i.updates().size());
        out.put("latest_update", i.updates().isEmpty() ? null : i.updates().getLast().body().source());
        out.put("postmortem", i.postmortem() == null ? null : i.postmortem().body().source());
        return out;
    }

    /** A maintenance as the audit log keeps it before and after a write. */
    static Map<String, Object> audited(Maintenance m) {
        Map<String, Object> out = of(m);
        out.keySet().retainAll(List.of("id", "name", "status", "scheduled_for", "scheduled_until", "components"));
        out.put("updates", m.updates().size());
        out.put("latest_update", m.updates().isEmpty() ? null : m.updates().getLast().body().source());
        return out;
    }

    private static List<Map<String, Object>> updates(List<Update> updates) {
        return updates.reversed().stream().map(u -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", u.id());
            out.put("status", u.status().code());
            out.putAll(markdown(u.body()));
            out.put("created_at", text(u.createdAt()));
            out.put("components", u.changes().stream().map(IncidentJson::change).toList());
            return out;
        }).toList();
    }

    private static Map<String, Object> change(ComponentChange c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.componentId());
        out.put("old_status", c.oldStatus().code());
        out.put("new_status", c.newStatus().code());
        return out;
    }

    private static Map<String, Object> markdown(Markdown m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("body", m.source());
        out.put("body_html", m.html());
        return out;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
