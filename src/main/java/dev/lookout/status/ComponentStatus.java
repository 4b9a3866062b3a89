package dev.lookout.status;

import dev.lookout.evaluate.MonitorState;
import java.util.Collection;

/**
 * What users see for a component, derived from its monitors: any DOWN makes a partial outage,
 * all DOWN a major one, any DEGRADED degraded performance. Paused monitors do not count; a
 * component without results yet is {@code NO_DATA} rather than a reassuring "operational".
 */
public enum ComponentStatus {
    OPERATIONAL("operational", "Operational"),
    DEGRADED_PERFORMANCE("degraded_performance", "Degraded performance"),
    PARTIAL_OUTAGE("partial_outage", "Partial outage"),
    MAJOR_OUTAGE("major_outage", "Major outage"),
    NO_DATA("no_data", "No data yet");

    private final String code;
    private final String label;

    ComponentStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
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

    /** Severity order, for the page banner (the worst component sets it). */
    int severity() {
        return switch (this) {
            case OPERATIONAL, NO_DATA -> 0;
            case DEGRADED_PERFORMANCE -> 1;
            case PARTIAL_OUTAGE -> 2;
            case MAJOR_OUTAGE -> 3;
        };
    }
}
