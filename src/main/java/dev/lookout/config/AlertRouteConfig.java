package dev.lookout.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One route of {@code alerting.routes}: the monitors it matches (by id, tag or component; a
 * route without any matcher matches every monitor), the transitions it reports, its channels,
 * reminders and escalation.
 *
 * @param on       transitions reported: {@code down}, {@code degraded}, {@code recovered}, {@code flapping}
 * @param repeat   resend while down and unacknowledged at this interval (null: never)
 * @param action   the channels trigger remediation: never fired while the mass-failure guard holds
 */
public record AlertRouteConfig(String path, List<String> channels, Set<String> monitors, Set<String> tags,
                               Set<String> components, Set<String> on, Duration repeat, List<Escalation> escalate,
                               QuietHours quietHours, boolean action) {

    public AlertRouteConfig {
        channels = List.copyOf(channels);
        monitors = Set.copyOf(monitors);
        tags = Set.copyOf(tags);
        components = Set.copyOf(components);
        on = Set.copyOf(on);
        escalate = List.copyOf(escalate);
    }

    public boolean matches(MonitorConfig monitor) {
        if (monitors.isEmpty() && tags.isEmpty() && components.isEmpty()) {
            return true;
        }
        return monitors.contains(monitor.id()) || (monitor.componentId() != null && components.contains(monitor.componentId()))
                || monitor.tags().stream().anyMatch(tags::contains);
    }

    /** After {@code after} unacknowledged, also notify {@code channels}. */
    public record Escalation(Duration after, List<String> channels) {
        public Escalation {
            channels = List.copyOf(channels);
        }
    }

    /** Local times in a zone during which the route sends nothing; {@code from} after {@code to} spans midnight. */
    public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {
        public boolean contains(java.time.Instant at) {
            LocalTime local = at.atZone(zone).toLocalTime();
            return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                    : !local.isBefore(from) || local.isBefore(to);
        }
    }
}
