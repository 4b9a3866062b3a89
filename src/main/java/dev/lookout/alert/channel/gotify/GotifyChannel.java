package dev.lookout.alert.channel.gotify;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.MonitorAlert;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import dev.lookout.alert.channel.Tone;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gotify's {@code POST /message}: title, a markdown message (rendered as such through the
 * {@code client::display} extra), priority by kind (8 and above alerts loudly on Android), and
 * for a message about one monitor a click target.
 */
record GotifyChannel(String id, GotifySettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(URI.create(settings.url() + "/message"), payload(message), Map.of("X-Gotify-Key", settings.token().value()));
    }

    Map<String, Object> payload(AlertMessage message) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("client::display", Map.of("contentType", "text/markdown"));
        if (message.alerts().size() == 1) {
            MonitorAlert alert = message.alerts().getFirst();
            if (alert.monitorUrl() != null) {
                extras.put("client::notification", Map.of("click", Map.of("url", alert.monitorUrl().toString())));
            }
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", settings.wording().title(message));
        payload.put("message", settings.wording().body(message, Markup.MARKDOWN));
        payload.put("priority", switch (Tone.of(message.kind())) {
            case PROBLEM -> 8;
            case WARNING -> 5;
            case GOOD -> 3;
            case INFO -> 2;
        });
        payload.put("extras", extras);
        return payload;
    }
}
