package dev.lookout.incident;

import java.util.List;

/**
 * Told about every stored change of an incident or a maintenance, with the updates the change
 * added (none for a postmortem or a failed move). Called after the change is stored, on the
 * thread that made it; a listener that throws is logged and undoes nothing.
 */
public interface IncidentListener {

    default void incidentChanged(Incident incident, List<Update> added) {
    }

    default void maintenanceChanged(Maintenance maintenance, List<Update> added) {
    }
}
