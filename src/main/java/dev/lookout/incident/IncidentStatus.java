package dev.lookout.incident;

/** Where an incident is in its lifecycle; {@code postmortem} once a postmortem is published after resolution. */
public enum IncidentStatus implements LifecycleStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, POSTMORTEM;

    public static IncidentStatus parse(String code) {
        return Codes.parse(IncidentStatus.class, "incident status", code);
    }

    public boolean open() {
        return this != RESOLVED && this != POSTMORTEM;
    }
}
