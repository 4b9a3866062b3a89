package dev.lookout.alert.channel.ntfy;

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
 * Publishes as JSON to the server's root ({@code POST /} with {@code topic} in the body), with
 * a markdown message, priority and tag emoji by kind, and for a message about one monitor a click
 * target and "Open monitor" / "Acknowledge" view actions. ntfy keeps messages up to 4,096 bytes.
 */
record NtfyChannel(String id, NtfySettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        Map<String, String> auth = settings.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.token().value());
        http.postJson(settings.url(), payload(message), auth);
    }

    Map<String, Object> payload(AlertMessage message) {
        Tone tone = Tone.of(message.kind());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("topic", settings.topic().value());
        payload.put("title", AlertText.cut(settings.wording().title(message), 250));
        payload.put("message", settings.wording().body(message, Markup.MARKDOWN, 3_500));
        payload.put("markdown", true);
        payload.put("priority", switch (tone) {
            case PROBLEM -> 5;
            case WARNING -> 4;
            case GOOD, INFO -> 3;
        });
        List<String> tags = new ArrayList<>(List.of(switch (tone) {
            case PROBLEM -> "rotating_light";
            case WARNING -> "warning";
            case GOOD -> "white_check_mark";
            case INFO -> "information_source";
        }));
        tags.addAll(settings.tags());
        payload.put("tags", tags);
        if (message.alerts().size() == 1) {
            MonitorAlert alert = message.alerts().getFirst();
            if (alert.monitorUrl() != null) {
                payload.put("click", alert.monitorUrl().toString());
            }
            payload.put("actions", AlertText.links(alert).stream()
                    .map(l -> Map.of("action", "view", "label", l.label(), "url", l.url().toString())).toList());
        }
        return payload;
    }
}
