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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shape of the whole of {@code lookout.yaml}: the keys of the sections {@link ConfigLoader} reads
 * itself, and the sections of the other readers, check types and channel types put together.
 */
public final class LookoutShape {
    static final ValueShape.Mapping SERVER = mapping(
            key("listen", TEXT, "127.0.0.1:8080", "Address the HTTP server binds to: host:port, [ipv6]:port, :port or port"),
            key("public_url", TEXT, "http://localhost:<listen port>", "The http(s) address users reach Lookout at; links in notifications"),
            key("node_name", TEXT, null, "Name of this instance, stored with every result (default: the host name)"),
            key("shutdown_grace", DURATION, "10s", "Longest wait for running checks on SIGTERM; 0s..10m"),
            key("admin_token", TEXT, null, "Deprecated: a bearer token accepted as an admin API key (use an API key)"),
            key("export_dir", TEXT, null, "Directory where a static copy of the public site is kept"),
            key("export_every", DURATION, "30s", "How often the static copy is taken again; 5s..1h"));

    static final ValueShape.Mapping STORAGE = mapping(
            key("url", TEXT, "sqlite:./data/lookout.db", "sqlite:PATH or postgresql://user:password@host:port/database"),
            key("result_retention", DURATION, "14d", "How long raw check results are kept; at least 1h"),
            key("buffer_size", whole(1_000, 10_000_000), String.valueOf(StorageConfig.DEFAULT_BUFFER_SIZE),
                    "Results and state changes that wait in memory while the database is away"),
            key("state_file", TEXT, null, "Where this node remembers which database it used"));

    static final ValueShape.Mapping DNS = mapping(
            key("servers", TEXTS, null, "DNS servers for checks: IP addresses with an optional port (default: the system's)"));

    static final ValueShape.Mapping SCHEDULER = mapping(
            key("max_concurrent_checks", whole(1, 100_000), "2000", "How many checks may run at once"),
            key("lag_threshold", DURATION, "5s", "Start lag past which /readyz reports the scheduler unready; at least 100ms"));

    static final ValueShape.Mapping HEARTBEAT = mapping(
            key("ping_key", TEXT, null, "Key of the slug URL form /ping/PING_KEY/SLUG: 8 to 100 letters, digits, '_' or '-'"));

    static final ValueShape.Mapping AUTO_INCIDENT = mapping(
            key("after", DURATION, "5m", "How long a monitor of the component is DOWN before an incident opens; 30s..1d"),
            key("resolve_after", DURATION, "15m", "How long after recovery the incident is resolved; 1m..7d"),
            key("impact", choice("none", "minor", "major", "critical"), "major", "The incident's impact"));

    static final ValueShape.Mapping COMPONENT = mapping(
            required("id", TEXT, "Unique id; monitors refer to it with component:"),
            key("name", TEXT, null, "Name shown on the page (default: the id)"),
            key("group", TEXT, null, "Heading the component is listed under"),
            key("description", TEXT, null, "Line shown under the name"),
            key("depends_on", TEXTS, null, "Monitor ids every monitor of this component depends on"),
            key("auto_incident", anyOf(FLAG, AUTO_INCIDENT), "false",
                    "true (defaults) or {after, resolve_after, impact}: open and resolve incidents automatically"));

    /** The keys every monitor has, whatever its type. */
    static final List<ConfigKey> MONITOR = Stream.of(List.of(
            required("id", TEXT, "Unique id, used in the API, the store and lookout check"),
            key("name", TEXT, null, "Display name (default: the id)"),
            key("description", TEXT, null, "Free text, returned by the API"),
            required("type", TEXT, "The check type"),
            key("interval", DURATION, "60s", "Time between the planned starts of two checks; at least 1s (not for heartbeat)"),
            key("timeout", DURATION, "10s", "Deadline of one check; not longer than interval (not for heartbeat)"),
            key("component", TEXT, null, "Id of a component declared under components"),
            key("failure_threshold", whole(1, 100), "3", "Consecutive failures before the state becomes DOWN (heartbeat: 1)"),
            key("success_threshold", whole(1, 100), "1", "Consecutive successes before DOWN recovers"),
            key("paused", FLAG, "false", "Do not check; the state is PAUSED"),
            key("tags", TEXTS, null, "Labels for alert routes and maintenance windows"),
            key("depends_on", TEXTS, null, "Ids of monitors this one depends on"),
            key("conditions", listOf(TEXT), null, "Conditions on the answer, each a string in the condition language")),
            DegradationConfigReader.KEYS, VantageConfigReader.MONITOR_KEYS).flatMap(List::stream).toList();

    /** The keys every channel has, whatever its type. */
    static final List<ConfigKey> CHANNEL = List.of(
            required("id", TEXT, "Unique id; alert routes refer to it"),
            key("name", TEXT, null, "Display name (default: the id)"),
            required("type", TEXT, "The channel type"));

    private LookoutShape() {
    }

    /** The top-level keys of the document. */
    static List<ConfigKey> top(MonitorTypes types, ChannelKinds channels) {
        return document(types, channels).keys();
    }

    /** The whole document, with the keys of every check type and channel type the loader knows. */
    public static ValueShape.Mapping document(MonitorTypes types, ChannelKinds channels) {
        Map<String, List<ConfigKey>> monitorTypes = new LinkedHashMap<>();
        types.names().forEach(type -> monitorTypes.put(type, types.keys(type)));
        Map<String, List<ConfigKey>> channelTypes = new LinkedHashMap<>();
        channels.names().forEach(type -> channelTypes.put(type, channels.keys(type)));
        return mapping(
                key("server", SERVER, null, "The HTTP server (changes need a restart)"),
                key("storage", STORAGE, null, "The database (changes need a restart)"),
                key("dns", DNS, null, "DNS servers for checks (changes need a restart)"),
                key("scheduler", SCHEDULER, null, "Concurrency and lag limits of the scheduler"),
                key("heartbeat", HEARTBEAT, null, "Settings shared by every heartbeat monitor"),
                key("components", listOf(COMPONENT), null, "The lines of the status page"),
                key("probes", listOf(VantageConfigReader.PROBE), null, "Remote probes: vantage points in other networks"),
                key("monitors", listOf(new ValueShape.Mapping(MONITOR, "type", monitorTypes)), null, "What is checked, and how"),
                key("channels", listOf(new ValueShape.Mapping(CHANNEL, "type", channelTypes)), null,
                        "Where notifications go"),
                key("alerting", AlertingConfigReader.SHAPE, null, "Who is notified of what, and how deliveries are retried"),
                key("maintenance", listOf(MaintenanceConfigReader.WINDOW), null, "Maintenance windows"),
                key("subscriptions", SubscriptionsConfigReader.SHAPE, null, "Status page subscribers"),
                key("pages", listOf(PageConfigReader.PAGE), null, "Public status pages"),
                key("accounts", AccountsConfigReader.SHAPE, null, "Sessions, login limits and two-factor rules of the console"),
                key("retention", RetentionConfigReader.SHAPE, null, "How long records without a setting of their own are kept"),
                key("incident_templates", listOf(IncidentTemplatesReader.TEMPLATE), null,
                        "Saved messages offered by the console's incident forms"));
    }
}
