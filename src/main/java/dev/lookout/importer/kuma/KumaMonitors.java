package dev.lookout.importer.kuma;

import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.Ids;
import dev.lookout.importer.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Kuma monitors to Lookout monitors, one type at a time: interval, timeout and retries (as
 * {@code failure_threshold}) for every checked type, the type's own settings, tags, the
 * component from {@link KumaLayout}, and paused when Kuma had it off. Types Lookout has no check
 * for are reported and left out.
 */
final class KumaMonitors {
    private static final Set<String> IMPORTED = Set.of("http", "keyword", "json-query", "port", "ping", "dns", "push", "postgres",
            "mysql", "redis", "websocket-upgrade");
    private static final Map<String, String> MISSING = Map.of(
            "docker", "Lookout has no docker check (it checks services over the network, not containers through a daemon)",
            "mqtt", "Lookout has no MQTT check",
            "real-browser", "Lookout has no browser check",
            "grpc-keyword", "Lookout has no gRPC check",
            "sqlserver", "Lookout has no SQL Server check (postgres and mysql only)",
            "mongodb", "Lookout has no MongoDB check");
    private static final Set<String> DNS_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA");

    private final Draft draft;
    private final KumaData data;
    private final KumaLayout layout;
    private final KumaHttp http;
    private final KumaDatastores datastores;
    private final Map<Long, String> ids = new LinkedHashMap<>();
    private final Map<Long, Duration> repeats = new LinkedHashMap<>();

    KumaMonitors(Draft draft, KumaData data, KumaLayout layout) {
        this.draft = draft;
        this.data = data;
        this.layout = layout;
        this.http = new KumaHttp(draft);
        this.datastores = new KumaDatastores(draft);
    }

    static boolean imported(KumaRow m) {
        return IMPORTED.contains(m.type());
    }

    /** @return Kuma monitor id to Lookout monitor id, for the monitors imported */
    Map<Long, String> translate() {
        for (KumaRow m : data.monitors()) {
            if (KumaLayout.isGroup(m)) {
                continue;
            }
            String what = "monitor '" + m.name() + "' (" + m.type() + ")";
            if (!imported(m)) {
                draft.notCarried(what + ": not imported: " + MISSING.getOrDefault(m.type(), "Lookout has no " + m.type() + " check"));
                continue;
            }
            String id = draft.newMonitorId(m.name(), "monitor-" + m.id());
            Node settings = settings(id, m, what);
            if (settings == null) {
                continue;
            }
            Node monitor = new Node().put("description", m.text("description")).putAll(settings)
                    .put("component", layout.componentOf(m.id())).put("tags", tags(m, what));
            if (layout.paused(m.id())) {
                monitor.put("paused", true);
            }
            monitor.put("conditions", monitor.remove("conditions"));
            draft.addMonitor(id, m.name(), monitor);
            ids.put(m.id(), id);
            if (m.number("resend_interval", 0) > 0 && !m.type().equals("push")) {
                repeats.put(m.id(), repeat(m, what));
            }
        }
        return ids;
    }

    /** Kuma resends a DOWN notification every N checks: Lookout's reminder ({@code repeat}) is N intervals. */
    Duration repeatOf(long kumaId) {
        return repeats.get(kumaId);
    }

    private Duration repeat(KumaRow m, String what) {
        Duration every = Duration.ofSeconds(m.number("resend_interval", 0) * interval(m));
        Duration bounded = every.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1)
                : every.compareTo(Duration.ofDays(7)) > 0 ? Duration.ofDays(7) : every;
        if (!bounded.equals(every)) {
            draft.notCarried(what + ": resending every " + Durations.format(every) + " became a reminder every "
                    + Durations.format(bounded) + " (Lookout's repeat is 1m..7d)");
        }
        return bounded;
    }

    private Node settings(String id, KumaRow m, String what) {
        Node type = switch (m.type()) {
            case "http", "keyword", "json-query" -> http.translate(id, m, what);
            case "port" -> m.text("hostname") == null || m.number("port", 0) <= 0 ? missing(what, "host and port")
                    : new Node().put("type", "tcp").put("host", m.text("hostname")).put("port", m.number("port", 0));
            case "ping" -> icmp(m, what);
            case "dns" -> dns(m, what);
            case "push" -> push(m, what);
            case "postgres", "mysql" -> datastores.database(id, m, what);
            case "redis" -> datastores.redis(id, m, what);
            case "websocket-upgrade" -> websocket(m, what);
            default -> null;
        };
        if (type == null || m.type().equals("push")) {
            return type;
        }
        if (m.flag("upside_down") && !m.type().equals("http") && !m.type().equals("keyword") && !m.type().equals("json-query")) {
            draft.notCarried(what + ": imported paused: upside-down mode has no equivalent for " + type.get("type")
                    + " checks in Lookout (it would alert the other way round)");
            type.put("paused", true);
        }
        if (!"[]".equals(String.valueOf(m.raw("conditions")).trim()) && m.text("conditions") != null) {
            draft.notCarried(what + ": Kuma conditions " + m.text("conditions") + " not carried over: write them as Lookout conditions");
        }
        return type.putAll(timing(m, what));
    }

    private Node timing(KumaRow m, String what) {
        long interval = interval(m);
        Node timing = new Node().put("interval", Durations.format(Duration.ofSeconds(interval)));
        double timeout = m.decimal("timeout", 0);
        if (timeout > 0) {
            long millis = Math.round(timeout * 1000);
            if (millis > interval * 1000) {
                draft.notCarried(what + ": timeout " + Durations.format(Duration.ofMillis(millis))
                        + " shortened to the interval (Lookout's timeout is at most the interval)");
                millis = interval * 1000;
            }
            timing.put("timeout", Durations.format(Duration.ofMillis(millis)));
        }
        long retries = Math.max(0, m.number("maxretries", 0));
        timing.put("failure_threshold", Math.min(100, retries + 1));
        long retryInterval = m.number("retry_interval", 0);
        if (retries > 0 && retryInterval > 0 && retryInterval != interval) {
            draft.notCarried(what + ": retry interval " + Durations.format(Duration.ofSeconds(retryInterval))
                    + " not carried over: Lookout keeps checking every " + Durations.format(Duration.ofSeconds(interval))
                    + " while failing and goes DOWN after " + (retries + 1) + " failures in a row");
        }
        return timing;
    }

    private static long interval(KumaRow m) {
        return Math.max(1, m.number("interval", 60));
    }

    private Node missing(String what, String setting) {
        draft.notCarried(what + ": not imported: it has no " + setting);
        return null;
    }

    private Node icmp(KumaRow m, String what) {
        if (m.text("hostname") == null) {
            return missing(what, "host");
        }
        long size = m.number("packet_size", 56);
        if (size != 56) {
            draft.notCarried(what + ": packet size " + size + " B not carried over: Lookout sends the system's default size");
        }
        return new Node().put("type", "icmp").put("host", m.text("hostname"))
                .put("count", Math.max(1, Math.min(100, m.number("ping_count", 1))));
    }

    private Node dns(KumaRow m, String what) {
        String recordType = m.text("dns_resolve_type") == null ? "A" : m.text("dns_resolve_type").toUpperCase(Locale.ROOT);
        if (!DNS_TYPES.contains(recordType)) {
            draft.notCarried(what + ": not imported: Lookout's dns check cannot ask for " + recordType + " records");
            return null;
        }
        if (m.text("hostname") == null) {
            return missing(what, "name to resolve");
        }
        String server = m.text("dns_resolve_server");
        if (server != null && server.contains(",")) {
            draft.notCarried(what + ": resolvers after the first (" + server.substring(server.indexOf(',') + 1).trim()
                    + ") not carried over: Lookout's dns check asks one server");
            server = server.substring(0, server.indexOf(',')).trim();
        }
        long port = m.number("port", 53);
        if (server != null && port > 0 && port != 53) {
            server = (server.contains(":") ? "[" + server + "]" : server) + ":" + port;
        }
        if (!m.name().equals(m.text("hostname"))) {
            draft.notCarried(what + ": its name not carried over: a Lookout dns monitor is named by the name it asks for ("
                    + m.text("hostname") + ")");
        }
        // Kuma is up when the name resolves to at least one record
        return new Node().put("type", "dns").put("name", m.text("hostname")).put("record_type", recordType.equals("A") ? null : recordType)
                .put("server", server).put("conditions", List.of("dns.count >= 1"));
    }

    /**
     * Kuma's push monitor: a ping at least every interval. Kuma notices a missing one at its next
     * check and then retries; Lookout's grace stands for that slack: one retry interval per
     * retry, at least one.
     */
    private Node push(KumaRow m, String what) {
        String token = m.text("push_token");
        if (token == null) {
            return missing(what, "push token (it was never given one)");
        }
        if (!token.matches("[A-Za-z0-9_-]{8,100}")) {
            draft.notCarried(what + ": not imported: its push token is not 8 to 100 letters, digits, '_' or '-', which Lookout requires");
            return null;
        }
        long interval = interval(m);
        long retryInterval = m.number("retry_interval", 0) > 0 ? m.number("retry_interval", 0) : interval;
        long grace = retryInterval * Math.max(1, m.number("maxretries", 0));
        return new Node().put("type", "heartbeat").put("push_token", token)
                .put("schedule", new Node().put("every", Durations.format(Duration.ofSeconds(interval)))
                        .put("grace", Durations.format(Duration.ofSeconds(grace))));
    }

    private Node websocket(KumaRow m, String what) {
        String url = m.text("url");
        if (url == null || !url.matches("(?i)wss?://[^/]+.*")) {
            draft.notCarried(what + ": not imported: '" + url + "' is not a ws:// or wss:// URL");
            return null;
        }
        if (m.text("ws_subprotocol") != null) {
            draft.notCarried(what + ": subprotocol '" + m.text("ws_subprotocol") + "' not carried over: Lookout's websocket check asks for none");
        }
        return new Node().put("type", "websocket").put("url", url).put("verify_tls", m.flag("ignore_tls") ? false : null);
    }

    /** Kuma tags are a name and an optional value: {@code env} with {@code prod} becomes {@code env-prod}. */
    private List<String> tags(KumaRow m, String what) {
        List<String> tags = new ArrayList<>();
        for (KumaData.Tag tag : data.tagsByMonitor().getOrDefault(m.id(), List.of())) {
            String text = Ids.slug(tag.name()) + (tag.value() == null ? "" : "-" + Ids.slug(tag.value()));
            text = text.replaceAll("^[-_.]+|[-_.]+$", "");
            if (text.isEmpty()) {
                draft.notCarried(what + ": tag '" + tag.name() + "' not carried over: it has no letter or digit");
            } else if (!tags.contains(text)) {
                tags.add(text);
            }
        }
        return tags;
    }
}
