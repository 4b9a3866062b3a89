package dev.lookout.incident;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status an incident update or a maintenance sets for a component: the five component
 * statuses of Statuspage. Listed from best to worst, maintenance between operational and degraded.
 */
public enum AffectedStatus {
    OPERATIONAL, UNDER_MAINTENANCE, DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE;

    public static AffectedStatus parse(String code) {
        return Codes.parse(AffectedStatus.class, "component status", code);
    }

    /** Component id to status code, as an API request gives them; null for none. */
    public static Map<String, AffectedStatus> parseAll(Map<String, String> codes) {
        Map<String, AffectedStatus> out = new LinkedHashMap<>();
        if (codes != null) {
            codes.forEach((component, code) -> {
                try {
                    out.put(component, parse(code));
                } catch (IncidentException e) {
                    throw IncidentException.invalid("component '" + component + "': " + e.getMessage());
                }
            });
        }
        return out;
    }

    public String code() {
        return Codes.code(this);
    }
}
