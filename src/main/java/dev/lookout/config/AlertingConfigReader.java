package dev.lookout.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads {@code alerting:}, checking that every channel, monitor and component it names exists. */
final class AlertingConfigReader {
    static final Set<String> TRANSITIONS = Set.of("down", "degraded", "recovered", "flapping");
    private static final List<String> DEFAULT_ON = List.of("down", "recovered");

    private final Set<String> channelIds;
    private final Set<String> monitorIds;
    private final Set<String> componentIds;

    AlertingConfigReader(List<ChannelConfig> channels, List<MonitorConfig> monitors, List<ComponentConfig> components) {
        this.channelIds = channels.stream().map(ChannelConfig::id).collect(Collectors.toSet());
        this.monitorIds = monitors.stream().map(MonitorConfig::id).collect(Collectors.toSet());
        this.componentIds = components.stream().map(ComponentConfig::id).collect(Collectors.toSet());
    }

    AlertingConfig read(ConfigNode node) {
        AlertingConfig defaults = AlertingConfig.NONE;
        List<AlertRouteConfig> routes = new ArrayList<>();
        for (ConfigNode route : node.get("routes").elements()) {
            AlertRouteConfig r = route(route);
            if (r != null) {
                routes.add(r);
            }
        }
        Duration groupWindow = node.duration("group_window", defaults.groupWindow(), Duration.ZERO, Duration.ofMinutes(10));
        Duration ackTtl = node.duration("ack_link_ttl", defaults.ackLinkTtl(), Duration.ofMinutes(5), Duration.ofDays(30));
        String deadLetter = node.string("dead_letter_channel").orElse(null);
        if (deadLetter != null) {
            channel(node.get("dead_letter_channel"), deadLetter);
        }
        List<String> system = channels(node, "system_channels");
        AlertingConfig.RetryConfig retry = retry(node.get("retry"));
        Duration downtime = node.duration("downtime_notice", defaults.downtimeNotice(), Duration.ofSeconds(30), Duration.ofDays(1));
        AlertingConfig.FlappingConfig flapping = flapping(node.get("flapping"));
        AlertingConfig.MassFailureConfig massFailure = massFailure(node.get("mass_failure"));
        AlertingConfig.DeadMansSwitchConfig deadMansSwitch = node.has("dead_mans_switch")
                ? deadMansSwitch(node.get("dead_mans_switch")) : null;
        Duration storageAlarmAfter = storageAlarmAfter(node);
        node.rejectUnknownKeys();
        if (system.isEmpty()) {
            // By default, messages about Lookout itself go where its alerts go, except to remediation hooks.
            Set<String> all = new LinkedHashSet<>();
            routes.stream().filter(r -> !r.action()).forEach(r -> all.addAll(r.channels()));
            system = List.copyOf(all);
        }
        return new AlertingConfig(routes, groupWindow, ackTtl, deadLetter, system, retry, downtime, flapping, massFailure,
                deadMansSwitch, storageAlarmAfter);
    }

    /** {@code storage_alarm_after}: a duration of 1s..1d, or {@code off} ({@code 0} too) for none. */
    private static Duration storageAlarmAfter(ConfigNode node) {
        String key = "storage_alarm_after";
        String text = node.string(key).map(String::strip).orElse(null);
        if (text != null && (text.equalsIgnoreCase("off") || text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")
                || text.matches("0+(\\.0+)?(ms|s|m|h|d)?"))) {
            return Duration.ZERO;
        }
        return node.duration(key, AlertingConfig.STORAGE_ALARM_AFTER, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    private static AlertingConfig.DeadMansSwitchConfig deadMansSwitch(ConfigNode node) {
        String url = node.requiredString("url").orElse(null);
        java.net.URI uri = null;
        if (url != null) {
            try {
                uri = new java.net.URI(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    node.get("url").error("'" + url + "' is not an http:// or https:// URL");
                    uri = null;
                }
            } catch (java.net.URISyntaxException e) {
                node.get("url").error("'" + url + "' is not a URL: " + e.getReason());
            }
        }
        Duration every = node.duration("every", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1));
        Duration timeout = node.duration("timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(1));
        node.rejectUnknownKeys();
        return uri == null ? null : new AlertingConfig.DeadMansSwitchConfig(uri, every, timeout);
    }

    private static AlertingConfig.FlappingConfig flapping(ConfigNode node) {
        AlertingConfig.FlappingConfig d = AlertingConfig.FlappingConfig.DEFAULT;
        int transitions = node.integer("transitions", d.transitions(), 0, 1000);
        Duration window = node.duration("window", d.window(), Duration.ofMinutes(1), Duration.ofDays(1));
        Duration stable = node.duration("stable_for", window, Duration.ofMinutes(1), Duration.ofDays(1));
        node.rejectUnknownKeys();
        return new AlertingConfig.FlappingConfig(transitions, window, stable);
    }

    private static AlertingConfig.MassFailureConfig massFailure(ConfigNode node) {
        AlertingConfig.MassFailureConfig d = AlertingConfig.MassFailureConfig.DEFAULT;
        boolean enabled = node.bool("enabled", d.enabled());
        double share = d.share();
        String shareText = node.string("share").orElse(null);
        if (shareText != null) {
            try {
                share = Double.parseDouble(shareText.strip().replaceFirst("%$", "")) / 100;
            } catch (NumberFormatException e) {
                share = -1;
            }
            if (!(share > 0 && share <= 1)) {
                node.get("share").error("'" + shareText + "' is not a percentage between 1% and 100% (e.g. 50%)");
                share = d.share();
            }
        }
        int min = node.integer("min_monitors", d.minMonitors(), 2, 100_000);
        Duration window = node.duration("window", d.window(), Duration.ofSeconds(5), Duration.ofMinutes(30));
        Duration confirm = node.duration("confirm_after", d.confirmAfter(), Duration.ofSeconds(10), Duration.ofHours(1));
        Duration downSettle = node.duration("down_settle", d.downSettle(), Duration.ZERO, Duration.ofMinutes(1));
        // The guard counts a DOWN towards a trip for one window: after that, it can no longer make this one a member.
        Duration actionSettle = node.duration("action_settle", window, Duration.ZERO, Duration.ofHours(1));
        node.rejectUnknownKeys();
        return new AlertingConfig.MassFailureConfig(enabled, share, min, window, confirm, downSettle, actionSettle);
    }

    private AlertRouteConfig route(ConfigNode node) {
        if (!node.isMapping()) {
            node.error("expected a route (a mapping with channels and optional monitors, tags, components, on, ...)");
            return null;
        }
        List<String> channels = channels(node, "channels");
        if (channels.isEmpty() && !node.has("channels")) {
            node.error("missing key 'channels' (the channel ids this route notifies)");
        }
        Set<String> monitors = ids(node, "monitors", monitorIds, "monitor");
        Set<String> tags = Set.copyOf(node.stringList("tags"));
        Set<String> components = ids(node, "components", componentIds, "component");
        Set<String> on = new LinkedHashSet<>(node.has("on") ? node.stringList("on") : DEFAULT_ON);
        for (String transition : on) {
            if (!TRANSITIONS.contains(transition)) {
                node.get("on").error("unknown transition '" + transition + "' (known: down, degraded, recovered, flapping)");
            }
        }
        Duration repeat = node.has("repeat") ? node.duration("repeat", null, Duration.ofMinutes(1), Duration.ofDays(7)) : null;
        List<AlertRouteConfig.Escalation> escalate = new ArrayList<>();
        for (ConfigNode step : node.get("escalate").elements()) {
            Duration after = step.has("after") ? step.duration("after", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofDays(7))
                    : null;
            if (after == null) {
                step.error("missing key 'after' (how long unacknowledged before this step, e.g. 10m)");
            }
            List<String> stepChannels = channels(step, "channels");
            if (stepChannels.isEmpty()) {
                step.error("missing key 'channels' (who is notified at this step)");
            }
            step.rejectUnknownKeys();
            if (after != null && !stepChannels.isEmpty()) {
                escalate.add(new AlertRouteConfig.Escalation(after, stepChannels));
            }
        }
        AlertRouteConfig.QuietHours quiet = node.has("quiet_hours") ? quietHours(node.get("quiet_hours")) : null;
        boolean action = node.bool("action", false);
        node.rejectUnknownKeys();
        return new AlertRouteConfig(node.path(), channels, monitors, tags, components, on, repeat, escalate, quiet, action);
    }

    private AlertRouteConfig.QuietHours quietHours(ConfigNode node) {
        LocalTime from = time(node, "from");
        LocalTime to = time(node, "to");
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = node.string("timezone", "UTC");
        try {
            zone = ZoneId.of(zoneName);
        } catch (java.time.DateTimeException e) {
            node.get("timezone").error("unknown time zone '" + zoneName + "' (use e.g. Europe/Paris or UTC)");
        }
        node.rejectUnknownKeys();
        if (from != null && to != null && from.equals(to)) {
            node.get("to").error("must differ from 'from'");
        }
        return from == null || to == null ? null : new AlertRouteConfig.QuietHours(from, to, zone);
    }

    private static LocalTime time(ConfigNode node, String key) {
        String text = node.requiredString(key).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            node.get(key).error("'" + text + "' is not a time of day (use HH:MM, e.g. 22:00)");
            return null;
        }
    }

    private AlertingConfig.RetryConfig retry(ConfigNode node) {
        AlertingConfig.RetryConfig d = AlertingConfig.RetryConfig.DEFAULT;
        int attempts = node.integer("max_attempts", d.maxAttempts(), 1, 1000);
        Duration first = node.duration("first_backoff", d.firstBackoff(), Duration.ofMillis(100), Duration.ofHours(1));
        Duration max = node.duration("max_backoff", d.maxBackoff(), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration giveUp = node.duration("give_up_after", d.giveUpAfter(), Duration.ofMinutes(1), Duration.ofDays(30));
        node.rejectUnknownKeys();
        if (max.compareTo(first) < 0) {
            node.get("max_backoff").error("must not be shorter than first_backoff");
        }
        return new AlertingConfig.RetryConfig(attempts, first, max, giveUp);
    }

    private List<String> channels(ConfigNode node, String key) {
        List<String> out = node.stringList(key);
        out.forEach(id -> channel(node.get(key), id));
        return out;
    }

    private void channel(ConfigNode node, String id) {
        if (!channelIds.contains(id)) {
            node.error("no channel with id '" + id + "'" + (channelIds.isEmpty() ? " (declare it under channels:)"
                    : " (known: " + String.join(", ", channelIds.stream().sorted().toList()) + ")"));
        }
    }

    private static Set<String> ids(ConfigNode node, String key, Set<String> known, String what) {
        List<String> ids = node.stringList(key);
        for (String id : ids) {
            if (!known.contains(id)) {
                node.get(key).error("no " + what + " with id '" + id + "'");
            }
        }
        return Set.copyOf(ids);
    }
}
