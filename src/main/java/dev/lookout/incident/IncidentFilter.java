package dev.lookout.incident;

import java.util.List;

/** Which incidents a list asks for: {@code open} (not yet resolved), {@code resolved} (including postmortems), {@code all}. */
public enum IncidentFilter {
    OPEN, RESOLVED, ALL;

    public static IncidentFilter parse(String code) {
        return code == null ? ALL : Codes.parse(IncidentFilter.class, "status filter", code);
    }

    /** The statuses this filter matches. */
    public List<IncidentStatus> statuses() {
        return switch (this) {
            case OPEN -> List.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING);
            case RESOLVED -> List.of(IncidentStatus.RESOLVED, IncidentStatus.POSTMORTEM);
            case ALL -> List.of(IncidentStatus.values());
        };
    }
}
