package dev.lookout.web;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentException;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Maintenances;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an editor does to incidents and maintenance, the same through the API ({@link IncidentApi},
 * {@link MaintenanceApi}) and the console's pages: the wire codes as given (null for the defaults),
 * the incident package's rules and refusals ({@link dev.lookout.incident.IncidentException}, which
 * each caller answers in its own way: JSON, or the form again with the message), and the audit
 * entry's object before and after.
 */
public final class IncidentActions {
    private IncidentActions() {
    }

    /** The numeric id in the path ({@code {id}}), or a 404 naming what was asked for ({@code incident}, {@code maintenance}). */
    public static long id(Context ctx, String what) {
        return IncidentErrors.id(ctx, what);
    }

    /** The status a refusal is answered with: invalid 400, not found 404, conflict 409 (as the API does). */
    public static int status(IncidentException refused) {
        return IncidentErrors.status(refused);
    }

    /**
     * Refuses a form whose fields hold a control character other than tab, line feed and return
     * (a 400, as the API refuses such JSON): Lookout does not store them, and PostgreSQL cannot.
     */
    public static void refuseControlCharacters(Context ctx) {
        ctx.formParamMap().forEach((name, values) -> {
            JsonBody.refuse(name, name);
            values.forEach(value -> JsonBody.refuse(value, name));
        });
    }

    /** Opens an incident: status {@code investigating} and impact {@code none} unless given. */
    public static Incident open(Context ctx, Incidents incidents, String name, String status, String impact, String body,
                                Map<String, String> components) {
        Incident created = incidents.open(name, IncidentStatus.parse(status == null ? "investigating" : status),
                impact == null ? Impact.NONE : Impact.parse(impact), body, AffectedStatus.parseAll(components));
        AuditNote.of(ctx).object("incident", created.id()).after(IncidentJson.audited(created));
        return created;
    }

    /** Posts an update; a null status or impact keeps the incident's. */
    public static Incident update(Context ctx, Incidents incidents, long id, String status, String body,
                                  Map<String, String> components, String impact) {
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident updated = incidents.update(id, status == null ? null : IncidentStatus.parse(status), body,
                AffectedStatus.parseAll(components), impact == null ? null : Impact.parse(impact));
        note.after(IncidentJson.audited(updated));
        return updated;
    }

    /** Resolves, with the standard text unless {@code body} says more; components not named go back to operational. */
    public static Incident resolve(Context ctx, Incidents incidents, long id, String body, Map<String, String> components) {
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident resolved = incidents.resolve(id, body, AffectedStatus.parseAll(components));
        note.after(IncidentJson.audited(resolved));
        return resolved;
    }

    /** Publishes (or replaces) the postmortem of a resolved incident. */
    public static Incident publishPostmortem(Context ctx, Incidents incidents, long id, String body) {
        AuditNote note = AuditNote.of(ctx).object("incident", id).before(IncidentJson.audited(incidents.get(id)));
        Incident published = incidents.publishPostmortem(id, body);
        note.after(IncidentJson.audited(published));
        return published;
    }

    /** Announces a maintenance over {@code components} (none: null). */
    public static Maintenance schedule(Context ctx, Maintenances maintenances, String name, String body, Instant from,
                                       Instant until, List<String> components) {
        Maintenance created = maintenances.schedule(name, body, from, until, components == null ? List.of() : components);
        AuditNote.of(ctx).object("maintenance", created.id()).after(IncidentJson.audited(created));
        return created;
    }

    /** Posts a maintenance update; a null status keeps the maintenance's, a null body is the status's standard text. */
    public static Maintenance update(Context ctx, Maintenances maintenances, long id, String status, String body) {
        AuditNote note = AuditNote.of(ctx).object("maintenance", id).before(IncidentJson.audited(maintenances.get(id)));
        Maintenance updated = maintenances.update(id, status == null ? null : MaintenanceStatus.parse(status),
                body == null ? "" : body);
        note.after(IncidentJson.audited(updated));
        return updated;
    }
}
