package dev.lookout.alert.channel.pushover;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import dev.lookout.alert.channel.Tone;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pushover's {@code messages.json}, form-encoded as documented: an HTML message ({@code html=1},
 * at most 1,024 characters), title, priority by kind (1 for problems: bypasses quiet hours; never
 * 2, which would need retry/expire), the time of the event, and the monitor link as
 * supplementary URL.
 */
record PushoverChannel(String id, PushoverSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        String form = form(message).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        http.send("POST", settings.url(), Map.of(), "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    Map<String, String> form(AlertMessage message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", settings.token().value());
        form.put("user", settings.user().value());
        if (settings.device() != null) {
            form.put("device", settings.device());
        }
        form.put("title", AlertText.cut(settings.wording().title(message), 250));
        form.put("message", settings.wording().body(message, Markup.CHAT_HTML, 1_024));
        form.put("html", "1");
        form.put("priority", switch (Tone.of(message.kind())) {
            case PROBLEM -> "1";
            case WARNING, GOOD -> "0";
            case INFO -> "-1";
        });
        form.put("timestamp", Long.toString(message.at().getEpochSecond()));
        if (message.alerts().size() == 1) {
            MonitorAlert alert = message.alerts().getFirst();
            if (alert.monitorUrl() != null) {
                form.put("url", AlertText.cut(alert.monitorUrl().toString(), 512));
                form.put("url_title", "Open monitor");
            }
        }
        return form;
    }
}
