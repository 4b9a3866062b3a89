package dev.lookout.importer.gatus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.HeaderValues;
import dev.lookout.importer.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gatus endpoints to Lookout monitors, each with a component of its own (Gatus' dashboard shows
 * every endpoint, under its group's heading): the check type from the URL's scheme (or the
 * {@code dns} block), the request, the client's timeout and TLS settings, and the conditions.
 */
final class GatusEndpoints {
    private static final String IP = "(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:]+]?)(:\\d+)?";
    private static final Set<String> DNS_TYPES = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA");

    private final Draft draft;
    private final GatusText text;
    private final GatusAlerting alerting;
    private final List<String> monitorIds = new ArrayList<>();

    GatusEndpoints(Draft draft, GatusText text, GatusAlerting alerting) {
        this.draft = draft;
        this.text = text;
        this.alerting = alerting;
    }

    List<String> monitorIds() {
        return monitorIds;
    }

    void translate(JsonNode node, int index) {
        GatusConfig e = new GatusConfig(node);
        String name = e.text("name");
        String group = e.text("group");
        String what = "endpoint '" + (group == null ? "" : group + "/") + (name == null ? "endpoints[" + index + "]" : name) + "'";
        if (name == null) {
            draft.notCarried(what + ": not imported: it has no name");
            return;
        }
        String id = draft.newMonitorId(name, "endpoint-" + index);
        Node type = type(id, e, name, group, what);
        if (type == null) {
            return;
        }
        String checkType = (String) type.get("type");
        List<String> conditions = new ArrayList<>();
        GatusConditions translator = new GatusConditions(checkType);
        for (JsonNode c : e.node("conditions")) {
            GatusConditions.Translated t = translator.translate(c.asText());
            if (t.condition() != null) {
                conditions.add(t.condition());
            } else if (t.problem() != null) {
                draft.notCarried(what + ": condition '" + c.asText() + "' not carried over: " + t.problem());
            }
        }
        Duration interval = duration(e.text("interval"), Duration.ofMinutes(1), what, "interval");
        Node monitor = type.put("interval", Durations.format(interval));
        GatusConfig client = new GatusConfig(e.node("client"));
        Duration timeout = duration(client.text("timeout"), null, what, "client.timeout");
        if (timeout != null) {
            if (timeout.compareTo(interval) > 0) {
                draft.notCarried(what + ": client.timeout " + Durations.format(timeout) + " shortened to the interval (Lookout's"
                        + " timeout is at most the interval)");
                timeout = interval;
            }
            monitor.put("timeout", Durations.format(timeout));
        }
        client(client, monitor, checkType, what);
        GatusAlerting.Thresholds thresholds = alerting.alerts(id, what, e.node("alerts"));
        monitor.put("failure_threshold", thresholds.failure()).put("success_threshold", thresholds.success() == 1 ? null : thresholds.success());
        String component = draft.newComponentId(name, "endpoint-" + index);
        draft.addComponent(component, name, new Node().put("group", group));
        monitor.put("component", component);
        if (Boolean.FALSE.equals(e.flag("enabled"))) {
            monitor.put("paused", true);
        }
        monitor.put("conditions", conditions);
        draft.addMonitor(id, name, monitor);
        monitorIds.add(id);
        maintenanceWindows(id, what, e.node("maintenance-windows"));
        e.ignore("ui", "always-run", "store");
        if (!e.node("extra-labels").isEmpty()) {
            draft.notCarried(what + ": extra-labels not carried over: Lookout's metrics carry the monitor and component");
        }
        e.unread().forEach(key -> draft.notCarried(what + ": " + key + " not carried over: Lookout's " + checkType
                + " check has no such setting"));
    }

    private Node type(String id, GatusConfig e, String name, String group, String what) {
        String url = e.text("url");
        if (!e.node("ssh").isMissingNode() || url != null && url.startsWith("ssh://")) {
            return notImported(what, "Lookout has no SSH check");
        }
        if (!e.node("dns").isMissingNode()) {
            return dns(e, url, what);
        }
        if (url == null) {
            return notImported(what, "it has no url");
        }
        String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        String rest = url.substring(url.indexOf("://") + 3);
        return switch (scheme) {
            case "http", "https" -> http(id, e, name, group, url, what);
            case "tcp", "tls" -> hostPort(scheme, rest, e, what);
            case "icmp" -> new Node().put("type", "icmp").put("host", text.value(rest.replaceAll("[/:].*$", ""), "example.invalid"));
            case "ws", "wss" -> new Node().put("type", "websocket").put("url", text.value(url, "wss://example.invalid/"))
                    .put("headers", headers(id, e)).put("send", text.value(e.text("body"), "ping"));
            case "udp" -> notImported(what, "Lookout has no UDP check");
            case "sctp" -> notImported(what, "Lookout has no SCTP check");
            case "starttls" -> notImported(what, "Lookout's tls check speaks TLS from the first byte, not STARTTLS");
            case "grpc", "grpcs" -> notImported(what, "Lookout has no gRPC check");
            default -> notImported(what, "'" + url + "' has a scheme Lookout has no check for");
        };
    }

    private Node notImported(String what, String reason) {
        draft.notCarried(what + ": not imported: " + reason);
        return null;
    }

    private Node http(String id, GatusConfig e, String name, String group, String url, String what) {
        String method = e.text("method") == null ? "GET" : e.text("method").toUpperCase(Locale.ROOT);
        Map<String, Object> headers = headers(id, e);
        boolean graphql = Boolean.TRUE.equals(e.flag("graphql"));
        String body = e.text("body");
        if (body != null) {
            body = body.replace("[ENDPOINT_NAME]", name).replace("[ENDPOINT_GROUP]", group == null ? "" : group)
                    .replace("[ENDPOINT_URL]", url);
            if (body.contains("[LOCAL_ADDRESS]") || body.matches("(?s).*\\[RANDOM_STRING_\\d+].*")) {
                draft.notCarried(what + ": its body's [LOCAL_ADDRESS] and [RANDOM_STRING_N] are sent as written: Lookout sends the body as is");
            }
            if (graphql) {
                body = "{\"query\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + "}";
                headers.putIfAbsent("Content-Type", "application/json");
            }
        }
        return new Node().put("type", "http").put("url", text.value(url, "https://example.invalid/"))
                .put("method", method.equals("GET") ? null : method).put("headers", headers).put("body", text.value(body, "{}"));
    }

    private Map<String, Object> headers(String id, GatusConfig e) {
        Map<String, Object> headers = new LinkedHashMap<>();
        e.node("headers").properties().forEach(h -> headers.put(h.getKey(), HeaderValues.mayHoldSecret(h.getKey())
                ? text.secret(h.getValue().asText(), id + "_HEADER_" + h.getKey(), "imported-secret-0000",
                "the " + h.getKey() + " header of Gatus endpoint " + id)
                : text.value(h.getValue().asText(), "application/json")));
        return headers;
    }

    private Node hostPort(String scheme, String rest, GatusConfig e, String what) {
        String authority = rest.replaceAll("/.*$", "");
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || !authority.substring(colon + 1).matches("\\d{1,5}")) {
            return notImported(what, "'" + scheme + "://" + rest + "' has no port");
        }
        Node node = new Node().put("type", scheme).put("host", text.value(authority.substring(0, colon).replaceAll("^\\[|]$", ""), "example.invalid"))
                .put("port", Integer.parseInt(authority.substring(colon + 1)));
        if (scheme.equals("tcp")) {
            node.put("send", text.value(e.text("body"), "PING"));
        } else if (e.text("body") != null) {
            draft.notCarried(what + ": its body not carried over: Lookout's tls check sends nothing");
        }
        return node;
    }

    private Node dns(GatusConfig e, String url, String what) {
        GatusConfig dns = new GatusConfig(e.node("dns"));
        String recordType = dns.text("query-type") == null ? "A" : dns.text("query-type").toUpperCase(Locale.ROOT);
        if (!DNS_TYPES.contains(recordType)) {
            return notImported(what, "Lookout's dns check cannot ask for " + recordType + " records");
        }
        String server = url == null ? null : url.replaceFirst("^(udp|tcp)://", "");
        if (server != null && !server.matches(IP)) {
            return notImported(what, "its DNS server '" + url + "' is not an IP address, which Lookout's dns check needs");
        }
        String name = dns.text("query-name");
        if (name == null) {
            return notImported(what, "it has no dns.query-name");
        }
        return new Node().put("type", "dns").put("name", name).put("record_type", recordType.equals("A") ? null : recordType)
                .put("server", server).put("tcp", url != null && url.startsWith("tcp://") ? true : null);
    }

    private void client(GatusConfig client, Node monitor, String type, String what) {
        if (Boolean.TRUE.equals(client.flag("insecure"))) {
            if (type.equals("http") || type.equals("websocket")) {
                monitor.put("verify_tls", false);
            } else {
                draft.notCarried(what + ": client.insecure not carried over: Lookout's " + type + " check verifies the certificate");
            }
        }
        if (Boolean.TRUE.equals(client.flag("ignore-redirect")) && type.equals("http")) {
            monitor.put("follow_redirects", false);
        }
        client.ignore("network");
        client.unread().forEach(key -> draft.notCarried(what + ": client." + key + " not carried over: Lookout's " + type
                + " check has no such setting"));
    }

    /** Gatus' per-endpoint maintenance windows: a daily (or weekly) start time and a duration. */
    private void maintenanceWindows(String monitorId, String what, JsonNode windows) {
        for (JsonNode window : windows) {
            GatusMaintenance.translate(draft, window, List.of(monitorId), what + " maintenance window");
        }
    }

    private Duration duration(String text, Duration absent, String what, String key) {
        if (text == null) {
            return absent;
        }
        Duration parsed = GoDuration.parse(text);
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            draft.notCarried(what + ": " + key + " '" + text + "' is not a duration; " + (absent == null ? "Lookout's default" : Durations.format(absent)) + " is used");
            return absent;
        }
        Duration seconds = Duration.ofSeconds(Math.max(1, (parsed.toMillis() + 999) / 1000));
        return key.equals("interval") ? seconds : parsed.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
