package dev.lookout.importer.gatus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.HeaderValues;
import dev.lookout.importer.Node;
import dev.lookout.importer.Routes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gatus alerting: each configured provider ({@code alerting.slack}, …) becomes one channel, and
 * each alert of an endpoint a route from its monitor to that channel ({@code send-on-resolved}
 * decides whether recoveries are sent, {@code minimum-reminder-interval} becomes {@code repeat}).
 * The alerts' thresholds become the monitor's, since Lookout decides DOWN once per monitor.
 */
final class GatusAlerting {
    private static final String URL_SAMPLE = "https://hooks.example.invalid/imported";
    private static final String TOKEN_SAMPLE = "imported-secret-0000";

    /** A monitor's thresholds: failures before DOWN, successes before recovered. */
    record Thresholds(int failure, int success) {
    }

    private final Draft draft;
    private final GatusText text;
    private final Map<String, String> channels = new LinkedHashMap<>();
    private final Map<String, JsonNode> defaults = new LinkedHashMap<>();

    GatusAlerting(Draft draft, GatusText text) {
        this.draft = draft;
        this.text = text;
    }

    void providers(JsonNode alerting) {
        alerting.properties().forEach(e -> {
            String type = e.getKey();
            GatusConfig config = new GatusConfig(e.getValue());
            String what = "alerting provider '" + type + "'";
            defaults.put(type, config.node("default-alert"));
            if (!config.node("overrides").isEmpty()) {
                draft.notCarried(what + ": its per-group overrides are not carried over: a Lookout channel has one setting");
            }
            String id = draft.newChannelId(type, "channel");
            Node settings = channel(type, id, config);
            if (settings == null) {
                draft.notCarried(what + ": not imported: Lookout has no " + type + " channel");
                return;
            }
            draft.addChannel(id, null, settings);
            channels.put(type, id);
            if (!config.unread().isEmpty()) {
                draft.notCarried(what + ": " + String.join(", ", config.unread()) + " not carried over: Lookout's "
                        + settings.get("type") + " channel has no such setting");
            }
        });
    }

    private Node channel(String type, String id, GatusConfig c) {
        return switch (type) {
            case "slack" -> new Node().put("type", "slack").put("url", secret(c, "webhook-url", id, "URL", URL_SAMPLE));
            case "discord" -> new Node().put("type", "discord").put("url", secret(c, "webhook-url", id, "URL", URL_SAMPLE));
            case "teams", "teams-workflows" -> new Node().put("type", "teams").put("url", secret(c, "webhook-url", id, "URL", URL_SAMPLE));
            case "mattermost" -> new Node().put("type", "mattermost").put("url", secret(c, "webhook-url", id, "URL", URL_SAMPLE))
                    .put("channel", text.value(c.text("channel"), "town-square"));
            case "email" -> email(c, id);
            case "pagerduty" -> new Node().put("type", "pagerduty").put("routing_key", secret(c, "integration-key", id, "ROUTING_KEY", TOKEN_SAMPLE));
            case "opsgenie" -> new Node().put("type", "opsgenie").put("api_key", secret(c, "api-key", id, "API_KEY", TOKEN_SAMPLE))
                    .put("tags", strings(c.node("tags")));
            case "telegram" -> new Node().put("type", "telegram").put("bot_token", secret(c, "token", id, "BOT_TOKEN", "123456789:imported-token"))
                    .put("chat_id", text.value(c.text("id"), "-100123")).put("url", text.value(c.text("api-url"), URL_SAMPLE));
            case "ntfy" -> new Node().put("type", "ntfy").put("url", text.value(c.text("url"), URL_SAMPLE))
                    .put("topic", secret(c, "topic", id, "TOPIC", "imported-topic")).put("token", secret(c, "token", id, "TOKEN", TOKEN_SAMPLE));
            case "pushover" -> new Node().put("type", "pushover").put("token", secret(c, "application-token", id, "TOKEN", TOKEN_SAMPLE))
                    .put("user", secret(c, "user-key", id, "USER", TOKEN_SAMPLE)).put("device", text.value(c.text("device"), "phone"));
            case "gotify" -> new Node().put("type", "gotify").put("url", text.value(c.text("server-url"), URL_SAMPLE))
                    .put("token", secret(c, "token", id, "TOKEN", TOKEN_SAMPLE));
            case "custom" -> custom(c, id);
            default -> null;
        };
    }

    private Node email(GatusConfig c, String id) {
        Integer port = c.number("port");
        List<Object> to = new ArrayList<>();
        String recipients = c.text("to");
        if (recipients != null) {
            for (String address : recipients.split(",")) {
                if (!address.isBlank()) {
                    to.add(text.value(address.trim(), "ops@example.invalid"));
                }
            }
        }
        String from = c.text("from");
        String username = c.text("username") == null ? from : c.text("username");
        return new Node().put("type", "email").put("host", text.value(c.text("host"), "smtp.example.invalid"))
                .put("security", port != null && port == 465 ? "tls" : null).put("port", port)
                .put("username", c.text("password") == null ? null : text.value(username, "lookout@example.invalid"))
                .put("password", secret(c, "password", id, "PASSWORD", TOKEN_SAMPLE))
                .put("from", text.value(from, "lookout@example.invalid")).put("to", to.size() == 1 ? to.getFirst() : to);
    }

    private Node custom(GatusConfig c, String id) {
        String method = c.text("method") == null ? "GET" : c.text("method").toUpperCase(Locale.ROOT);
        if (!List.of("POST", "PUT", "PATCH").contains(method)) {
            draft.notCarried("alerting provider 'custom': method " + method + " not carried over: Lookout's webhook sends POST, PUT"
                    + " or PATCH (POST is used)");
        }
        if (c.text("body") != null) {
            draft.notCarried("alerting provider 'custom': its body not carried over: Lookout posts its own JSON (or a body_template"
                    + " with Lookout's variables, not Gatus' [ALERT_DESCRIPTION] and the like)");
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        c.node("headers").properties().forEach(h -> headers.put(h.getKey(), HeaderValues.mayHoldSecret(h.getKey())
                ? text.secret(h.getValue().asText(), id + "_HEADER_" + h.getKey(), TOKEN_SAMPLE,
                "the " + h.getKey() + " header of Gatus' custom alerting provider")
                : text.value(h.getValue().asText(), "application/json")));
        return new Node().put("type", "webhook").put("url", secret(c, "url", id, "URL", URL_SAMPLE))
                .put("method", List.of("PUT", "PATCH").contains(method) ? method : null).put("headers", headers);
    }

    private Object secret(GatusConfig c, String key, String channelId, String suffix, String sample) {
        return text.secret(c.text(key), channelId + "_" + suffix, sample, "the " + key + " of Gatus' " + channelId + " alerting provider");
    }

    private static List<String> strings(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return items;
    }

    /** Routes for one endpoint's alerts; the thresholds its monitor takes from them. */
    Thresholds alerts(String monitorId, String what, JsonNode alerts) {
        List<Thresholds> all = new ArrayList<>();
        for (JsonNode alert : alerts) {
            String type = alert.path("type").asText("");
            JsonNode defaultAlert = defaults.getOrDefault(type, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            if (!bool(alert, defaultAlert, "enabled", true)) {
                continue;
            }
            String channel = channels.get(type);
            if (channel == null) {
                if (!defaults.containsKey(type)) {
                    draft.notCarried(what + ": its " + type + " alert not carried over: alerting." + type
                            + " is not configured (Gatus ignored the alert too)");
                }
                continue;
            }
            Thresholds thresholds = new Thresholds(number(alert, defaultAlert, "failure-threshold", 3),
                    number(alert, defaultAlert, "success-threshold", 2));
            all.add(thresholds);
            boolean resolved = bool(alert, defaultAlert, "send-on-resolved", false);
            draft.routes().add(Routes.Selector.MONITORS, monitorId, channel, reminder(alert, defaultAlert, what),
                    resolved ? List.of() : List.of("down"));
            if (alert.hasNonNull("provider-override")) {
                draft.notCarried(what + ": its " + type + " alert's provider-override not carried over: routes send to the channel as"
                        + " configured under alerting." + type);
            }
            String description = alert.path("description").asText(defaultAlert.path("description").asText(""));
            if (!description.isBlank()) {
                draft.notCarried(what + ": alert description '" + description + "' not carried over: Lookout's message names the"
                        + " monitor and the failed condition");
            }
        }
        if (all.isEmpty()) {
            // no alert: Gatus' page shows every failed result at once, and so does a threshold of one
            return new Thresholds(1, 1);
        }
        if (all.stream().distinct().count() > 1) {
            draft.notCarried(what + ": alerts with different thresholds " + all.stream().map(t -> t.failure() + "/" + t.success())
                    .distinct().toList() + " not carried over: Lookout has one failure_threshold per monitor; "
                    + all.getFirst().failure() + "/" + all.getFirst().success() + " is used");
        }
        return all.getFirst();
    }

    private Duration reminder(JsonNode alert, JsonNode defaultAlert, String what) {
        String text = alert.path("minimum-reminder-interval").asText(defaultAlert.path("minimum-reminder-interval").asText(""));
        Duration every = GoDuration.parse(text);
        if (every == null || every.isZero()) {
            return null;
        }
        Duration bounded = every.compareTo(Duration.ofDays(7)) > 0 ? Duration.ofDays(7) : every;
        if (!bounded.equals(every)) {
            draft.notCarried(what + ": reminders every " + text + " became every " + Durations.format(bounded) + " (Lookout's repeat is 1m..7d)");
        }
        return bounded;
    }

    private static boolean bool(JsonNode alert, JsonNode defaultAlert, String key, boolean absent) {
        JsonNode value = alert.has(key) ? alert.get(key) : defaultAlert.path(key);
        return value.isBoolean() ? value.booleanValue() : value.isTextual() ? Boolean.parseBoolean(value.asText()) : absent;
    }

    private static int number(JsonNode alert, JsonNode defaultAlert, String key, int absent) {
        JsonNode value = alert.has(key) ? alert.get(key) : defaultAlert.path(key);
        return Math.max(1, Math.min(100, value.isNumber() || value.isTextual() && value.asText().matches("\\d+") ? value.asInt() : absent));
    }
}
