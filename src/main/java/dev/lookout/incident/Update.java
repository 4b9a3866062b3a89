package dev.lookout.incident;

import java.time.Instant;
import java.util.List;

/**
 * One timestamped update of an incident or a maintenance: the status it moved to, what the
 * operator wrote, and the component statuses it set. {@code id} is 0 until stored.
 */
public record Update(long id, LifecycleStatus status, Markdown body, Instant createdAt, List<ComponentChange> changes) {
    public Update {
        changes = List.copyOf(changes);
    }

    static Update draft(LifecycleStatus status, Markdown body, Instant at, List<ComponentChange> changes) {
        return new Update(0, status, body, at, changes);
    }
}
