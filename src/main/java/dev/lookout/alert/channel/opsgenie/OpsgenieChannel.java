package dev.lookout.alert.channel.opsgenie;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import dev.lookout.alert.channel.Tone;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opsgenie Alert API v2, one request per alert with {@code alias} = the alert's episode: problem
 * kinds create the alert (Opsgenie deduplicates an open alert with the same alias), RECOVERED
 * closes and ACKNOWLEDGED acknowledges it by alias. A message without alerts creates one alert
 * aliased by the message id. Opsgenie answers 202 and processes asynchronously.
 */
record OpsgenieChannel(String id, OpsgenieSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url());
    }

    /** One API call: path below the base URL and its JSON body. */
    record Call(String path, Map<String, Object> body) {
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        Map<String, String> auth = Map.of("Authorization", "GenieKey " + settings.apiKey().value());
        for (Call call : calls(message)) {
            http.postJson(URI.create(settings.url() + call.path()), call.body(), auth);
        }
    }

    List<Call> calls(AlertMessage message) {
        String source = "Lookout (" + message.node() + ")";
        if (message.alerts().isEmpty()) {
            Map<String, Object> body = create(message, "lookout-" + message.id(), Tone.of(message.kind()), source);
            body.put("details", Map.of("node", message.node(), "kind", message.kind().label()));
            return List.of(new Call("/v2/alerts", body));
        }
        List<Call> calls = new ArrayList<>();
        for (MonitorAlert alert : message.alerts()) {
            AlertMessage single = new AlertMessage(message.id(), alert.kind(), message.at(), message.node(), List.of(alert), "");
            if (alert.kind().isProblem()) {
                Map<String, Object> body = create(single, alert.episode(), Tone.of(alert.kind()), source);
                body.put("entity", alert.component() == null ? alert.monitorId() : alert.component());
                Map<String, String> details = new LinkedHashMap<>();
                AlertText.variables(alert, message.at()).forEach((k, v) -> {
                    if (v instanceof String s && !s.isEmpty()) {
                        details.put(k, s);
                    }
                });
                details.put("node", message.node());
                body.put("details", details);
                calls.add(new Call("/v2/alerts", body));
            } else {
                String action = alert.kind() == AlertKind.ACKNOWLEDGED ? "acknowledge" : "close";
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("source", source);
                body.put("note", AlertText.cut(settings.wording().title(single)
                        + AlertText.downFor(alert, message.at()).map(d -> " (down for " + d + ")").orElse(""), 25_000));
                calls.add(new Call("/v2/alerts/" + URLEncoder.encode(AlertText.cut(alert.episode(), 512), StandardCharsets.UTF_8)
                        .replace("+", "%20") + "/" + action + "?identifierType=alias", body));
            }
        }
        return calls;
    }

    private Map<String, Object> create(AlertMessage message, String alias, Tone tone, String source) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", AlertText.cut(settings.wording().title(message), 130));
        body.put("alias", AlertText.cut(alias, 512));
        body.put("description", settings.wording().body(message, Markup.PLAIN, 15_000));
        body.put("priority", switch (tone) {
            case PROBLEM -> "P1";
            case WARNING -> "P3";
            case GOOD, INFO -> "P5";
        });
        List<String> tags = new ArrayList<>(settings.tags());
        tags.add("lookout");
        tags.add(message.kind().label());
        body.put("tags", tags);
        body.put("source", source);
        return body;
    }
}
