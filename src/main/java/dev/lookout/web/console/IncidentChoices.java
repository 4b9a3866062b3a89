package dev.lookout.web.console;

import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.MaintenanceStatus;
import java.util.Arrays;
import java.util.List;

/** The codes the incident and maintenance forms offer, from the incident package's own enums, and how they read. */
public final class IncidentChoices {
    /** A new incident may start resolved (one recorded after the fact), never as a postmortem. */
    public static final List<String> OPENING = codes(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
    /** An update keeps the incident open; resolving has a form of its own. */
    public static final List<String> UPDATE = codes(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED,
            IncidentStatus.MONITORING);
    public static final List<String> IMPACTS = Arrays.stream(Impact.values()).map(Impact::code).toList();
    public static final List<String> COMPONENT = Arrays.stream(AffectedStatus.values()).map(AffectedStatus::code).toList();
    /** What an operator may move a maintenance to (it starts as scheduled by itself). */
    public static final List<String> MAINTENANCE = codes(MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING,
            MaintenanceStatus.COMPLETED);

    private IncidentChoices() {
    }

    /** A code as words: {@code degraded_performance} → {@code degraded performance}. */
    public static String words(String code) {
        return code.replace('_', ' ');
    }

    private static List<String> codes(dev.lookout.incident.LifecycleStatus... statuses) {
        return Arrays.stream(statuses).map(dev.lookout.incident.LifecycleStatus::code).toList();
    }
}
