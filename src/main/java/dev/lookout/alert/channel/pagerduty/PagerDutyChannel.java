package dev.lookout.alert.channel.pagerduty;

import dev.lookout.alert.AlertKind;
import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import dev.lookout.alert.channel.Tone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2: one event per alert, {@code dedup_key} = the alert's episode, so that
 * trigger, acknowledge and resolve address the same incident and a retried message changes
 * nothing. Problem kinds trigger, ACKNOWLEDGED acknowledges, RECOVERED resolves. A message
 * without alerts (Lookout was down, a test, a dead letter) is one trigger keyed by its id.
 * A grouped message that fails part-way is retried whole: PagerDuty deduplicates the events that
 * went through.
 */
record PagerDutyChannel(String id, PagerDutySettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        for (Map<String, Object> event : events(message)) {
            http.postJson(settings.url(), event, Map.of());
        }
    }

    List<Map<String, Object>> events(AlertMessage message) {
        if (message.alerts().isEmpty()) {
            Map<String, Object> event = event("trigger", "lookout-" + message.id());
            event.put("payload", payload(settings.wording().title(message), message.node(), message, Tone.of(message.kind()),
                    Map.of("text", message.text(), "node", message.node())));
            return List.of(event);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (MonitorAlert alert : message.alerts()) {
            AlertMessage single = new AlertMessage(message.id(), alert.kind(), message.at(), message.node(), List.of(alert), "");
            String action = alert.kind().isProblem() ? "trigger" : alert.kind() == AlertKind.ACKNOWLEDGED ? "acknowledge" : "resolve";
            Map<String, Object> event = event(action, alert.episode());
            if (action.equals("trigger")) {
                String summary = settings.wording().title() == null && !alert.cause().isBlank()
                        ? AlertText.headline(alert) + ": " + alert.cause() : settings.wording().title(single);
                Map<String, Object> details = AlertText.variables(alert, message.at());
                details.put("node", message.node());
                details.put("text", settings.wording().body(single, Markup.PLAIN));
                Map<String, Object> payload = payload(summary, alert.monitorId(), message, Tone.of(alert.kind()), details);
                payload.put("component", alert.component() == null ? alert.monitorId() : alert.component());
                payload.put("group", alert.monitorType());
                payload.put("class", alert.kind().label());
                event.put("payload", payload);
                event.put("links", AlertText.links(alert).stream()
                        .map(l -> Map.of("href", l.url().toString(), "text", l.label())).toList());
                if (alert.monitorUrl() != null) {
                    event.put("client_url", alert.monitorUrl().toString());
                }
            }
            events.add(event);
        }
        return events;
    }

    private Map<String, Object> event(String action, String dedupKey) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", settings.routingKey().value());
        event.put("event_action", action);
        event.put("dedup_key", AlertText.cut(dedupKey, 255));
        event.put("client", "Lookout");
        return event;
    }

    private static Map<String, Object> payload(String summary, String source, AlertMessage message, Tone tone,
                                               Map<String, Object> details) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", AlertText.cut(summary, 1024));
        payload.put("source", source);
        payload.put("severity", switch (tone) {
            case PROBLEM -> "critical";
            case WARNING -> "warning";
            case GOOD, INFO -> "info";
        });
        payload.put("timestamp", message.at().toString());
        payload.put("custom_details", details);
        return payload;
    }
}
