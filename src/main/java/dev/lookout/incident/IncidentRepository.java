package dev.lookout.incident;

import java.util.List;
import java.util.Optional;

/**
 * Where incidents and maintenances are kept (SQL in the {@code store} package). Inserts assign
 * ids; {@code save} stores a changed record only if the stored one still has
 * {@code version - 1}, and otherwise throws a {@link IncidentException.Reason#CONFLICT}, so that
 * two operators (or two nodes) never overwrite each other's update.
 */
public interface IncidentRepository {

    Incident insert(Incident incident);

    Incident save(Incident incident);

    Optional<Incident> incident(long id);

    /**
     * Where a page of a list ends: the time it is ordered by (an incident's creation, a
     * maintenance's start) and the id of its last item, so that the next page starts after it
     * whatever was added meanwhile.
     */
    record Position(java.time.Instant at, long id) {
    }

    /** Newest first (by creation, then id), after {@code after} (null: from the newest), at most {@code limit}. */
    List<Incident> incidents(IncidentFilter filter, Position after, int limit);

    Maintenance insert(Maintenance maintenance);

    Maintenance save(Maintenance maintenance);

    Optional<Maintenance> maintenance(long id);

    /** Latest start first (by {@code scheduled_for}, then id), after {@code after} (null: from the latest), at most {@code limit}. */
    List<Maintenance> maintenances(Position after, int limit);

    /** Every maintenance not completed yet, soonest first. */
    List<Maintenance> unfinishedMaintenances();
}
