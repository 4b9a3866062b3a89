package dev.lookout.check.heartbeat;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.mapping;

import dev.lookout.check.Check;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckType;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import dev.lookout.condition.Condition;
import dev.lookout.condition.Durations;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import dev.lookout.config.MonitorTypes;
import dev.lookout.config.ValueShape;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code type: heartbeat}: a push monitor. Keys {@code uuid}, {@code slug}, {@code push_token}
 * (how pings find it) and {@code schedule: { every | cron + timezone, grace }}. The scheduler
 * skips it; {@code heartbeat.Heartbeats} turns its pings and missed deadlines into results.
 */
public final class HeartbeatCheckType implements CheckType {
    private static final List<String> PLACEHOLDERS = List.of("duration", "exit_code", "body", "kind");
    static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    private static final ValueShape.Mapping SCHEDULE = mapping(
            key("every", DURATION, null, "Pings are expected this often; at least 1s (or cron)"),
            key("cron", TEXT, null, "Pings are expected at these times, a Unix cron expression (or every)"),
            key("timezone", TEXT, "UTC", "Time zone of cron"),
            key("grace", DURATION, "1h", "How late a ping may be before the monitor is DOWN"));
    private static final List<ConfigKey> KEYS = List.of(
            key("uuid", TEXT, null, "Pings to /ping/UUID find this monitor"),
            key("slug", TEXT, null, "Pings to /ping/PING_KEY/SLUG find this monitor (needs heartbeat.ping_key)"),
            key("push_token", TEXT, null, "Pings to /api/push/TOKEN (Uptime Kuma's form) find this monitor"),
            required("schedule", SCHEDULE, "When pings are expected: { every, grace } or { cron, timezone, grace }"));
    private static final Pattern SLUG = Pattern.compile("[a-z0-9_-]{1,100}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,100}");

    @Override
    public String name() {
        return "heartbeat";
    }

    @Override
    public List<String> placeholders() {
        return PLACEHOLDERS;
    }


    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public List<ConfigKey> keys() {
        return KEYS;
    }

    @Override
    public MonitorTypes.TypeSettings read(ConfigNode m, List<Condition> conditions) {
        boolean ok = true;
        UUID uuid = null;
        String uuidText = m.string("uuid").orElse(null);
        if (uuidText != null) {
            uuid = parseUuid(uuidText);
            if (uuid == null) {
                m.get("uuid").error("'" + uuidText + "' is not a UUID (e.g. 5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f)");
                ok = false;
            } else if (usedEarlier(m, "uuid", uuidText)) {
                ok = false;
            }
        }
        String slug = m.string("slug").orElse(null);
        if (slug != null) {
            if (!SLUG.matcher(slug).matches()) {
                m.get("slug").error("'" + slug + "' is not a slug (1 to 100 of a-z, 0-9, '-', '_')");
                ok = false;
            } else if (!m.root().get("heartbeat").has("ping_key")) {
                m.get("slug").error("the slug form /ping/PING_KEY/SLUG needs heartbeat.ping_key at the top level");
                ok = false;
            } else if (usedEarlier(m, "slug", slug)) {
                ok = false;
            }
        }
        String token = m.string("push_token").orElse(null);
        if (token != null) {
            if (!TOKEN.matcher(token).matches()) {
                m.get("push_token").error("must be 8 to 100 letters, digits, '_' or '-'");
                ok = false;
            } else if (usedEarlier(m, "push_token", token)) {
                ok = false;
            }
        }
        if (uuidText == null && slug == null && token == null) {
            m.error("a heartbeat monitor needs uuid:, slug: or push_token: (how its pings find it)");
            ok = false;
        }
        ConfigNode s = m.get("schedule");
        HeartbeatSchedule schedule = null;
        Duration grace = DEFAULT_GRACE;
        if (!s.isPresent()) {
            m.get("schedule").error("is required: { every: 30s, grace: 15s } or { cron: \"0 3 * * *\", timezone: UTC, grace: 1h }");
            ok = false;
        } else if (!s.isMapping()) {
            s.error("expected a mapping: { every: 30s, grace: 15s } or { cron: \"0 3 * * *\", timezone: UTC, grace: 1h }");
            ok = false;
        } else {
            schedule = schedule(s);
            grace = s.duration("grace", DEFAULT_GRACE);
            if (grace.isNegative()) {
                s.get("grace").error("must not be negative");
                ok = false;
            }
            s.rejectUnknownKeys(SCHEDULE.keys());
            ok &= schedule != null;
        }
        if (!ok) {
            return null;
        }
        return new MonitorTypes.TypeSettings(new HeartbeatSettings(uuid, slug, schedule, grace, token), List.of());
    }

    private static HeartbeatSchedule schedule(ConfigNode s) {
        boolean every = s.has("every");
        boolean cron = s.has("cron");
        if (every == cron) {
            s.error("needs exactly one of every: (e.g. 30s) and cron: (e.g. \"0 3 * * *\")");
            s.get("every");
            s.get("cron");
            s.get("timezone");
            return null;
        }
        if (every) {
            if (s.has("timezone")) {
                s.get("timezone").error("applies to cron: schedules only");
            }
            Duration period = s.duration("every", null);
            if (period == null) {
                return null;
            }
            if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                s.get("every").error("must be at least 1s");
                return null;
            }
            return new HeartbeatSchedule.Every(period);
        }
        ZoneId zone = ZoneOffset.UTC;
        String zoneText = s.string("timezone").orElse(null);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                s.get("timezone").error("'" + zoneText + "' is not a time zone (e.g. UTC, Europe/Paris, America/New_York)");
                return null;
            }
        }
        String expression = s.string("cron").orElse(null);
        if (expression == null) {
            return null;
        }
        try {
            return HeartbeatSchedule.Cron.parse(expression.trim(), zone);
        } catch (IllegalArgumentException e) {
            s.get("cron").error("'" + expression + "' is not a Unix cron expression (minute hour day month weekday): "
                    + e.getMessage());
            return null;
        }
    }

    private static UUID parseUuid(String text) {
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equalsIgnoreCase(text) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Two monitors with the same ping id would share pings: reported on the later one. */
    private static boolean usedEarlier(ConfigNode m, String key, String value) {
        var first = m.claimUnique(key, value.toLowerCase());
        first.ifPresent(path -> m.get(key).error("'" + value + "' is already the " + key + " of " + path));
        return first.isPresent();
    }

    @Override
    public Check create(Object settings, CheckContext context) {
        HeartbeatSettings heartbeat = (HeartbeatSettings) Objects.requireNonNull(settings, "settings");
        String message = "heartbeat monitors are not checked: they wait for pings (" + heartbeat.schedule().describe()
                + ", grace " + Durations.format(heartbeat.grace()) + ")";
        return deadline -> Probe.failed(message, Timings.totalOnly(0));
    }
}
