package dev.lookout.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incident as users see it: a name, a status, an impact and its updates, oldest first. Each
 * change returns a new incident with {@code version} one higher, which the repository uses to
 * refuse a change based on a stale read. {@code id} is 0 until stored.
 */
public record Incident(long id, String name, IncidentStatus status, Impact impact, Instant createdAt,
                       Instant updatedAt, Instant monitoringAt, Instant resolvedAt, Postmortem postmortem,
                       List<Update> updates, int version) {

    public Incident {
        updates = List.copyOf(updates);
    }

    /** A new incident with its first update. A resolved one may be created, to record an incident after the fact. */
    static Incident open(String name, IncidentStatus status, Impact impact, Markdown body,
                         Map<String, AffectedStatus> components, Instant now) {
        if (name == null || name.isBlank()) {
            throw IncidentException.invalid("name is required");
        }
        if (status == IncidentStatus.POSTMORTEM) {
            throw IncidentException.invalid("an incident cannot start as 'postmortem': resolve it, then publish a postmortem");
        }
        Incident empty = new Incident(0, name.strip(), status, impact, now, now, null, null, null, List.of(), 0);
        return empty.apply(status, body, components, impact, now).withVersion(1);
    }

    /** An operator's update: a new status (or the same), text, and component statuses. */
    Incident update(IncidentStatus next, Markdown body, Map<String, AffectedStatus> components, Impact newImpact,
                    Instant now) {
        if (!status.open()) {
            throw IncidentException.conflict("incident " + id + " is " + status.code()
                    + ": no updates after resolution except a postmortem (PUT /api/v1/incidents/" + id + "/postmortem)");
        }
        if (next == IncidentStatus.POSTMORTEM) {
            throw IncidentException.invalid("a postmortem is published with PUT /api/v1/incidents/" + id
                    + "/postmortem once the incident is resolved, not as an update");
        }
        return apply(next, body, components, newImpact == null ? impact : newImpact, now).withVersion(version + 1);
    }

    /** Resolves; components not named go back to operational. */
    Incident resolve(Markdown body, Map<String, AffectedStatus> components, Instant now) {
        Map<String, AffectedStatus> all = new LinkedHashMap<>();
        components().keySet().forEach(c -> all.put(c, AffectedStatus.OPERATIONAL));
        all.putAll(components);
        return update(IncidentStatus.RESOLVED, body, all, null, now);
    }

    /** Publishes (or replaces) the postmortem of a resolved incident. */
    Incident publishPostmortem(Markdown body, Instant now) {
        if (status.open()) {
            throw IncidentException.conflict("incident " + id + " is still " + status.code()
                    + ": resolve it before publishing a postmortem");
        }
        if (body.source().isBlank()) {
            throw IncidentException.invalid("body is required: the postmortem's text in Markdown");
        }
        return new Incident(id, name, IncidentStatus.POSTMORTEM, impact, createdAt, now, monitoringAt, resolvedAt,
                new Postmortem(body, now), updates, version + 1);
    }

    private Incident apply(IncidentStatus next, Markdown body, Map<String, AffectedStatus> components, Impact newImpact,
                           Instant now) {
        if (body.source().isBlank()) {
            throw IncidentException.invalid("body is required: what users should know, in Markdown");
        }
        Map<String, AffectedStatus> before = components();
        List<ComponentChange> changes = new ArrayList<>();
        components.forEach((component, to) -> changes.add(new ComponentChange(component,
                before.getOrDefault(component, AffectedStatus.OPERATIONAL), to)));
        List<Update> all = new ArrayList<>(updates);
        all.add(Update.draft(next, body, now, changes));
        Instant monitoring = monitoringAt == null && next == IncidentStatus.MONITORING ? now : monitoringAt;
        Instant resolved = next == IncidentStatus.RESOLVED ? now : resolvedAt;
        return new Incident(id, name, next, newImpact, createdAt, now, monitoring, resolved, postmortem, all, version);
    }

    private Incident withVersion(int v) {
        return new Incident(id, name, status, impact, createdAt, updatedAt, monitoringAt, resolvedAt, postmortem, updates, v);
    }

    /** The status this incident currently sets for each component it affects, in the order they were first named. */
    public Map<String, AffectedStatus> components() {
        Map<String, AffectedStatus> current = new LinkedHashMap<>();
        for (Update u : updates) {
            u.changes().forEach(c -> current.put(c.componentId(), c.newStatus()));
        }
        return current;
    }

    /** The newest update (every incident has at least one). */
    public Update latest() {
        return updates.getLast();
    }
}
