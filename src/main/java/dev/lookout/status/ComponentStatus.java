package dev.lookout.status;

import dev.lookout.evaluate.MonitorState;
import dev.lookout.incident.AffectedStatus;
import java.util.Collection;

/**
 * What users see for a component. Derived from its monitors ({@link #of}): any DOWN makes a
 * partial outage, all DOWN a major one, any DEGRADED degraded performance. Paused monitors do not
 * count; a component without results yet is {@code NO_DATA} rather than a reassuring
 * "operational". Maintenance and open incidents then override it ({@link #effective}).
 */
public enum ComponentStatus {
    OPERATIONAL("operational"),
    UNDER_MAINTENANCE("under_maintenance"),
    DEGRADED_PERFORMANCE("degraded_performance"),
    PARTIAL_OUTAGE("partial_outage"),
    MAJOR_OUTAGE("major_outage"),
    NO_DATA("no_data");

    private final String code;

    ComponentStatus(String code) {
        this.code = code;
    }

    /** The wire code; the words users read are {@link PageText#status(ComponentStatus)}. */
    public String code() {
        return code;
    }

    public static ComponentStatus of(Collection<MonitorState> states) {
        long counted = states.stream().filter(s -> s != MonitorState.PAUSED).count();
        long known = states.stream().filter(s -> s != MonitorState.PAUSED && s != MonitorState.UNKNOWN).count();
        long down = states.stream().filter(s -> s == MonitorState.DOWN).count();
        if (known == 0) {
            return NO_DATA;
        }
        if (down > 0) {
            return down == counted ? MAJOR_OUTAGE : PARTIAL_OUTAGE;
        }
        return states.contains(MonitorState.DEGRADED) ? DEGRADED_PERFORMANCE : OPERATIONAL;
    }

    public static ComponentStatus of(AffectedStatus status) {
        return valueOf(status.name());
    }

    /**
     * The status shown: a maintenance under way replaces what the monitors say (failures are
     * expected then); the status open incidents set wins when it is at least as bad, but cannot
     * hide a worse one the monitors see (see docs/rationale.md).
     *
     * @param setByIncidents the worst status open incidents set for the component, or null
     */
    public static ComponentStatus effective(ComponentStatus derived, boolean underMaintenance,
                                            ComponentStatus setByIncidents) {
        ComponentStatus base = underMaintenance ? UNDER_MAINTENANCE : derived;
        if (setByIncidents == null) {
            return base;
        }
        return setByIncidents.severity() >= base.severity() ? setByIncidents : base;
    }

    /**
     * The banner of a page showing these components: the worst of them; {@code NO_DATA} while none
     * has data; operational for a page without components.
     */
    static ComponentStatus overall(Collection<ComponentStatus> statuses) {
        ComponentStatus worst = OPERATIONAL;
        boolean anyData = false;
        for (ComponentStatus s : statuses) {
            if (s.severity() > worst.severity()) {
                worst = s;
            }
            anyData |= s != NO_DATA;
        }
        return anyData || statuses.isEmpty() ? worst : NO_DATA;
    }

    /** Severity order, for the page banner (the worst component sets it). */
    int severity() {
        return switch (this) {
            case OPERATIONAL, NO_DATA -> 0;
            case UNDER_MAINTENANCE -> 1;
            case DEGRADED_PERFORMANCE -> 2;
            case PARTIAL_OUTAGE -> 3;
            case MAJOR_OUTAGE -> 4;
        };
    }
}
