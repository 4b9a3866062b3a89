package dev.lookout.incident;

/** The status an incident or a maintenance is in, as its lower-case code (Statuspage's values). */
public sealed interface LifecycleStatus permits IncidentStatus, MaintenanceStatus {

    String name();

    default String code() {
        return Codes.code((Enum<?>) this);
    }
}
