package dev.lookout.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A maintenance window announced in advance. It moves to {@code in_progress} at
 * {@code scheduledFor} and to {@code completed} at {@code scheduledUntil} by itself ({@link #advance});
 * the operator may start it early, mark it {@code verifying} or complete it early. {@code id} is
 * 0 until stored; {@code version} as in {@link Incident}.
 */
public record Maintenance(long id, String name, MaintenanceStatus status, Instant scheduledFor, Instant scheduledUntil,
                          List<String> componentIds, Instant createdAt, Instant updatedAt, Instant startedAt,
                          Instant completedAt, List<Update> updates, int version) {

    static final String STARTED = "Scheduled maintenance is currently in progress. We will provide updates as necessary.";
    static final String COMPLETED = "The scheduled maintenance has been completed.";

    public Maintenance {
        componentIds = List.copyOf(componentIds);
        updates = List.copyOf(updates);
    }

    static Maintenance schedule(String name, Markdown body, Instant scheduledFor, Instant scheduledUntil,
                                List<String> components, Instant now) {
        if (name == null || name.isBlank()) {
            throw IncidentException.invalid("name is required");
        }
        if (scheduledFor == null || scheduledUntil == null) {
            throw IncidentException.invalid("scheduled_for and scheduled_until are required (ISO-8601, e.g. 2026-12-01T22:00:00Z)");
        }
        if (!scheduledUntil.isAfter(scheduledFor)) {
            throw IncidentException.invalid("scheduled_until (" + scheduledUntil + ") must be after scheduled_for ("
                    + scheduledFor + ")");
        }
        if (!scheduledUntil.isAfter(now)) {
            throw IncidentException.invalid("scheduled_until (" + scheduledUntil + ") is already past");
        }
        if (body.source().isBlank()) {
            throw IncidentException.invalid("body is required: what users should expect, in Markdown");
        }
        Update first = Update.draft(MaintenanceStatus.SCHEDULED, body, now, List.of());
        return new Maintenance(0, name.strip(), MaintenanceStatus.SCHEDULED, scheduledFor, scheduledUntil, components,
                now, now, null, null, List.of(first), 1);
    }

    /** The maintenance as it should be at {@code now} by its schedule, or empty when nothing is due. */
    Optional<Maintenance> advance(Instant now) {
        Maintenance m = this;
        if (m.status == MaintenanceStatus.SCHEDULED && !now.isBefore(scheduledFor)) {
            m = m.move(MaintenanceStatus.IN_PROGRESS, Markdown.of(STARTED), now);
        }
        if (m.status.underWay() && !now.isBefore(scheduledUntil)) {
            m = m.move(MaintenanceStatus.COMPLETED, Markdown.of(COMPLETED), now);
        }
        return m == this ? Optional.empty() : Optional.of(m.withVersion(version + 1));
    }

    /** An operator's update: a new status, or null to keep the status and post a note. */
    Maintenance update(MaintenanceStatus next, Markdown body, Instant now) {
        if (status == MaintenanceStatus.COMPLETED) {
            throw IncidentException.conflict("maintenance " + id + " is completed: no further updates");
        }
        MaintenanceStatus target = next == null ? status : next;
        if (target == MaintenanceStatus.SCHEDULED && status != MaintenanceStatus.SCHEDULED) {
            throw IncidentException.conflict("maintenance " + id + " is " + status.code() + ": it cannot go back to scheduled");
        }
        if (target == MaintenanceStatus.VERIFYING && status == MaintenanceStatus.SCHEDULED) {
            throw IncidentException.conflict("maintenance " + id + " has not started: set in_progress before verifying");
        }
        Markdown text = body.source().isBlank() && target != status
                ? Markdown.of(target == MaintenanceStatus.COMPLETED ? COMPLETED
                        : target == MaintenanceStatus.IN_PROGRESS ? STARTED : "We are verifying that the maintenance succeeded.")
                : body;
        if (text.source().isBlank()) {
            throw IncidentException.invalid("body is required for an update that keeps the status");
        }
        return move(target, text, now).withVersion(version + 1);
    }

    private Maintenance move(MaintenanceStatus next, Markdown body, Instant now) {
        List<ComponentChange> changes = new ArrayList<>();
        if (next.underWay() && !status.underWay()) {
            componentIds.forEach(c -> changes.add(new ComponentChange(c, AffectedStatus.OPERATIONAL, AffectedStatus.UNDER_MAINTENANCE)));
        } else if (next == MaintenanceStatus.COMPLETED && status.underWay()) {
            componentIds.forEach(c -> changes.add(new ComponentChange(c, AffectedStatus.UNDER_MAINTENANCE, AffectedStatus.OPERATIONAL)));
        }
        List<Update> all = new ArrayList<>(updates);
        all.add(Update.draft(next, body, now, changes));
        Instant started = startedAt == null && next != MaintenanceStatus.SCHEDULED ? now : startedAt;
        Instant completed = next == MaintenanceStatus.COMPLETED ? now : completedAt;
        return new Maintenance(id, name, next, scheduledFor, scheduledUntil, componentIds, createdAt, now, started,
                completed, all, version);
    }

    private Maintenance withVersion(int v) {
        return new Maintenance(id, name, status, scheduledFor, scheduledUntil, componentIds, createdAt, updatedAt,
                startedAt, completedAt, updates, v);
    }

    /**
     * Whether the work is under way at {@code at}: between its actual start and completion, or —
     * before the timer has caught up — inside its scheduled window while still scheduled.
     */
    public boolean underWayAt(Instant at) {
        if (startedAt != null) {
            return !at.isBefore(startedAt) && (completedAt == null || at.isBefore(completedAt));
        }
        return status == MaintenanceStatus.SCHEDULED && !at.isBefore(scheduledFor) && at.isBefore(scheduledUntil);
    }

    /** The newest update (every maintenance has at least one). */
    public Update latest() {
        return updates.getLast();
    }

    /** Announced and not yet started at {@code at}. */
    public boolean upcomingAt(Instant at) {
        return status == MaintenanceStatus.SCHEDULED && at.isBefore(scheduledFor);
    }
}
