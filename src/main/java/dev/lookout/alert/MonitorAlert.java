package dev.lookout.alert;

import dev.lookout.evaluate.MonitorState;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What one notification says about one monitor: which monitor, what happened since when, why
 * (the check's message and every failing condition with its actual value), and where to look and
 * acknowledge.
 *
 * @param episode     the stable key of this outage (monitor id + start), the same for every
 *                    notification about it: PagerDuty's {@code dedup_key}, Opsgenie's alias
 * @param since       when the monitor entered {@code state}
 * @param dependents  monitors whose alerts were folded into this one because they depend on it
 * @param ackUrl      a signed, expiring link that acknowledges the episode; null when not applicable
 */
public record MonitorAlert(String episode, AlertKind kind, String monitorId, String monitorName, String monitorType,
                           String component, MonitorState state, Instant since, String cause,
                           List<FailedCondition> failedConditions, List<String> dependents, URI monitorUrl, URI ackUrl) {

    public MonitorAlert {
        failedConditions = List.copyOf(failedConditions);
        dependents = List.copyOf(dependents);
        cause = cause == null ? "" : cause;
    }
}
