package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;
import static dev.lookout.config.ValueShape.mapping;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads {@code maintenance:}: windows by monitor, component or tag, one-off or by cron. */
final class MaintenanceConfigReader {
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    static final ValueShape.Mapping WINDOW = mapping(
            required("id", TEXT, "Unique id of the window"),
            key("name", TEXT, null, "Name shown on the page (default: the id)"),
            key("monitors", TEXTS, null, "Monitor ids silenced"),
            key("components", TEXTS, null, "Component ids whose monitors are silenced"),
            key("tags", TEXTS, null, "Monitors with one of these tags are silenced"),
            key("from", TEXT, null, "Start of a one-off window, ISO-8601 with an offset (2026-12-01T02:00:00Z)"),
            key("until", TEXT, null, "End of a one-off window, ISO-8601 with an offset"),
            key("cron", TEXT, null, "Start of each recurring window, a five-field cron expression"),
            key("timezone", TEXT, "UTC", "Time zone of cron"),
            key("duration", DURATION, null, "How long each recurring window lasts; 1m..7d"));

    private final Set<String> monitorIds;
    private final Set<String> componentIds;
    private final Set<String> tags;

    MaintenanceConfigReader(List<MonitorConfig> monitors, List<ComponentConfig> components) {
        this.monitorIds = monitors.stream().map(MonitorConfig::id).collect(Collectors.toSet());
        this.componentIds = components.stream().map(ComponentConfig::id).collect(Collectors.toSet());
        this.tags = monitors.stream().flatMap(m -> m.tags().stream()).collect(Collectors.toSet());
    }

    List<MaintenanceWindowConfig> read(ConfigNode node) {
        List<MaintenanceWindowConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode w : node.elements()) {
            if (!w.isMapping()) {
                w.error("expected a maintenance window (a mapping with id, monitors/components/tags and from/until or cron/duration)");
                continue;
            }
            MaintenanceWindowConfig window = window(w, ids);
            if (window != null) {
                out.add(window);
            }
        }
        return out;
    }

    private MaintenanceWindowConfig window(ConfigNode node, Set<String> ids) {
        String id = node.requiredString("id").orElse(null);
        if (id != null && !ids.add(id)) {
            node.get("id").error("duplicate maintenance window id '" + id + "'");
        }
        String name = node.string("name", id);
        Set<String> monitors = known(node, "monitors", monitorIds, "monitor");
        Set<String> components = known(node, "components", componentIds, "component");
        Set<String> windowTags = Set.copyOf(node.stringList("tags"));
        for (String tag : windowTags) {
            if (!tags.contains(tag)) {
                node.get("tags").error("no monitor has the tag '" + tag + "'");
            }
        }
        if (!node.has("monitors") && !node.has("components") && !node.has("tags")) {
            node.error("names no monitors, components or tags: say what the window silences");
        }
        MaintenanceWindowConfig.Window window = node.has("cron") ? recurring(node) : oneOff(node);
        node.rejectUnknownKeys(WINDOW.keys());
        return id == null || window == null ? null
                : new MaintenanceWindowConfig(id, name, monitors, components, windowTags, window);
    }

    private static MaintenanceWindowConfig.Window oneOff(ConfigNode node) {
        if (!node.has("from") && !node.has("until")) {
            node.error("needs either from/until (a one-off window) or cron/duration (a recurring one)");
            return null;
        }
        Instant from = instant(node, "from");
        Instant until = instant(node, "until");
        if (from != null && until != null && !until.isAfter(from)) {
            node.get("until").error("must be after 'from'");
            return null;
        }
        return from == null || until == null ? null : new MaintenanceWindowConfig.OneOff(from, until);
    }

    private static MaintenanceWindowConfig.Window recurring(ConfigNode node) {
        String expression = node.requiredString("cron").orElse(null);
        ExecutionTime executionTime = null;
        if (expression != null) {
            try {
                var cron = CRON.parse(expression);
                cron.validate();
                executionTime = ExecutionTime.forCron(cron);
            } catch (IllegalArgumentException e) {
                node.get("cron").error("'" + expression + "' is not a five-field cron expression: " + e.getMessage());
            }
        }
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = node.string("timezone", "UTC");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            node.get("timezone").error("unknown time zone '" + zoneName + "' (use e.g. Europe/Paris or UTC)");
        }
        Duration duration = node.has("duration") ? node.duration("duration", null) : null;
        if (!node.has("duration")) {
            node.error("missing key 'duration' (how long each recurring window lasts, e.g. 2h)");
        } else if (duration != null && (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofDays(7)) > 0)) {
            node.get("duration").error("must be between 1m and 7d");
            duration = null;
        }
        for (String key : List.of("from", "until")) {
            if (node.has(key)) {
                node.get(key).error("a recurring window (cron) takes no from/until");
            }
        }
        return executionTime == null || duration == null ? null
                : new MaintenanceWindowConfig.Recurring(expression, zone, duration, executionTime);
    }

    private static Instant instant(ConfigNode node, String key) {
        String text = node.requiredString(key).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            node.get(key).error("'" + text + "' is not an ISO-8601 time with an offset (e.g. 2026-12-01T02:00:00Z)");
            return null;
        }
    }

    private static Set<String> known(ConfigNode node, String key, Set<String> known, String what) {
        List<String> ids = node.stringList(key);
        for (String id : ids) {
            if (!known.contains(id)) {
                node.get(key).error("no " + what + " with id '" + id + "'");
            }
        }
        return Set.copyOf(ids);
    }
}
