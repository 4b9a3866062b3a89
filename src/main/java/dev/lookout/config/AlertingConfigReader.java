package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.anyOf;
import static dev.lookout.config.ValueShape.choice;
import static dev.lookout.config.ValueShape.listOf;
import static dev.lookout.config.ValueShape.mapping;
import static dev.lookout.config.ValueShape.whole;

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
    private static final ValueShape.Mapping ESCALATION = mapping(
            required("after", DURATION, "How long unacknowledged before this step; 1m..7d"),
            required("channels", TEXTS, "Channel ids notified at this step"));
    private static final ValueShape.Mapping QUIET_HOURS = mapping(
            required("from", TEXT, "Start of the quiet hours, HH:MM"),
            required("to", TEXT, "End of the quiet hours, HH:MM"),
            key("timezone", TEXT, "UTC", "Time zone of from and to (e.g. Europe/Paris)"));
    private static final ValueShape.Mapping ROUTE = mapping(
            required("channels", TEXTS, "Channel ids this route notifies"),
            key("monitors", TEXTS, null, "Only these monitor ids"),
            key("tags", TEXTS, null, "Only monitors with one of these tags"),
            key("components", TEXTS, null, "Only monitors of these component ids"),
            key("on", new ValueShape.ListOf(choice("down", "degraded", "recovered", "flapping"), true), "[down, recovered]",
                    "The transitions notified"),
            key("repeat", DURATION, null, "Repeat the alert while unacknowledged, every 1m..7d"),
            key("escalate", listOf(ESCALATION), null, "Further steps while unacknowledged"),
            key("quiet_hours", QUIET_HOURS, null, "Hours during which this route notifies nobody"),
            key("action", FLAG, "false", "A remediation hook: waits for the mass-failure guard, gets no system messages"));
    private static final ValueShape.Mapping RETRY = mapping(
            key("max_attempts", whole(1, 1000), "12", "Attempts before a notification is dead-lettered"),
            key("first_backoff", DURATION, "5s", "Wait after the first failure, doubled after each; 100ms..1h"),
            key("max_backoff", DURATION, "10m", "Longest wait between two attempts; 1s..1d"),
            key("give_up_after", DURATION, "24h", "A notification older than this is dead-lettered; 1m..30d"));
    private static final ValueShape.Mapping FLAPPING = mapping(
            key("transitions", whole(0, 1000), "5", "State changes within window that make a monitor flapping (0: never)"),
            key("window", DURATION, "10m", "Window the transitions are counted in; 1m..1d"),
            key("stable_for", DURATION, "the window", "How long without a change ends flapping; 1m..1d"));
    private static final ValueShape.Mapping MASS_FAILURE = mapping(
            key("enabled", FLAG, "true", "Whether the mass-failure guard runs"),
            key("share", TEXT, "50%", "Share of the monitors checked here whose failing trips the guard"),
            key("min_monitors", whole(2, 100_000), "5", "Fewest monitors whose failing trips the guard"),
            key("window", DURATION, "1m", "Window the failures are counted in; 5s..30m"),
            key("confirm_after", DURATION, "2m", "How long the guard waits for other vantage points; 10s..1h"),
            key("down_settle", DURATION, "10s", "How long a DOWN alert waits for others to follow; 0s..1m"),
            key("action_settle", DURATION, "the window", "How long action routes wait; 0s..1h"));
    private static final ValueShape.Mapping DEAD_MANS_SWITCH = mapping(
            required("url", TEXT, "An http(s) URL Lookout calls while it runs (e.g. a Healthchecks ping URL)"),
            key("every", DURATION, "1m", "How often; 1s..1h"),
            key("timeout", DURATION, "10s", "Deadline of one call; 100ms..1m"));
    static final ValueShape.Mapping SHAPE = mapping(
            key("routes", listOf(ROUTE), null, "Which transitions of which monitors notify which channels"),
            key("group_window", DURATION, "30s", "How long alerts wait to be sent together; 0s..10m"),
            key("ack_link_ttl", DURATION, "24h", "How long an acknowledge link in a notification works; 5m..30d"),
            key("dead_letter_channel", TEXT, null, "Channel told about notifications that could not be delivered"),
            key("system_channels", TEXTS, null, "Channels for messages about Lookout itself (default: the routes' channels)"),
            key("retry", RETRY, null, "How failed deliveries are retried"),
            key("downtime_notice", DURATION, "2m", "Downtime of Lookout itself past which a notice is sent on restart; 30s..1d"),
            key("flapping", FLAPPING, null, "When a monitor counts as flapping"),
            key("mass_failure", MASS_FAILURE, null, "The mass-failure guard"),
            key("dead_mans_switch", DEAD_MANS_SWITCH, null, "An outbound heartbeat that shows Lookout itself is alive"),
            key("storage_alarm_after", anyOf(DURATION, choice("off", "false", "no", "0")), "1m",
                    "How long storage may be away before the channels are told; off for never"));

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
        node.rejectUnknownKeys(SHAPE.keys());
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
        node.rejectUnknownKeys(DEAD_MANS_SWITCH.keys());
        return uri == null ? null : new AlertingConfig.DeadMansSwitchConfig(uri, every, timeout);
    }

    private static AlertingConfig.FlappingConfig flapping(ConfigNode node) {
        AlertingConfig.FlappingConfig d = AlertingConfig.FlappingConfig.DEFAULT;
        int transitions = node.integer("transitions", d.transitions(), 0, 1000);
        Duration window = node.duration("window", d.window(), Duration.ofMinutes(1), Duration.ofDays(1));
        Duration stable = node.duration("stable_for", window, Duration.ofMinutes(1), Duration.ofDays(1));
        node.rejectUnknownKeys(FLAPPING.keys());
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
        node.rejectUnknownKeys(MASS_FAILURE.keys());
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
            step.rejectUnknownKeys(ESCALATION.keys());
            if (after != null && !stepChannels.isEmpty()) {
                escalate.add(new AlertRouteConfig.Escalation(after, stepChannels));
            }
        }
        AlertRouteConfig.QuietHours quiet = node.has("quiet_hours") ? quietHours(node.get("quiet_hours")) : null;
        boolean action = node.bool("action", false);
        node.rejectUnknownKeys(ROUTE.keys());
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
        node.rejectUnknownKeys(QUIET_HOURS.keys());
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
        node.rejectUnknownKeys(RETRY.keys());
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
