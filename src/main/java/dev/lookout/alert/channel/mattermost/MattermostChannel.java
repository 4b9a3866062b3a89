package dev.lookout.alert.channel.mattermost;

import dev.lookout.alert.AlertMessage;
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
 * Posts to a Mattermost incoming webhook: the title as {@code text}, one attachment per alert
 * coloured by its kind (Slack-compatible attachments), the vantage point as the last one's footer.
 */
record MattermostChannel(String id, MattermostSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url().value()) + (settings.channel() == null ? "" : " #" + settings.channel());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(settings.url().value(), payload(message), Map.of());
    }

    Map<String, Object> payload(AlertMessage message) {
        String title = settings.wording().title(message);
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (AlertText.Section section : settings.wording().sections(message, Markup.MARKDOWN, 20, 14_000)) {
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("fallback", title);
            attachment.put("color", Tone.of(section.kind()).hex());
            attachment.put("text", section.text());
            attachments.add(attachment);
        }
        String footer = settings.wording().footer(message, Markup.PLAIN);
        if (!footer.isEmpty()) {
            attachments.getLast().put("footer", footer);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", "#### " + Markup.MARKDOWN.escape(title));
        if (settings.username() != null) {
            payload.put("username", settings.username());
        }
        if (settings.channel() != null) {
            payload.put("channel", settings.channel());
        }
        if (settings.iconUrl() != null) {
            payload.put("icon_url", settings.iconUrl());
        }
        payload.put("attachments", attachments);
        return payload;
    }
}
