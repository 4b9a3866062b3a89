package dev.lookout.alert.channel.teams;

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
 * Posts a {@code message} with one Adaptive Card attachment (schema 1.4, what both Teams
 * webhooks and workflows render): a title block coloured by kind, one markdown block per alert,
 * the vantage point, and "Open monitor" / "Acknowledge" buttons when the message is about one
 * monitor.
 */
record TeamsChannel(String id, TeamsSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url().value());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(settings.url().value(), payload(message), Map.of());
    }

    Map<String, Object> payload(AlertMessage message) {
        List<Object> body = new ArrayList<>();
        body.add(Map.of("type", "TextBlock", "text", settings.wording().title(message), "size", "Large", "weight", "Bolder",
                "wrap", true, "color", colour(Tone.of(message.kind()))));
        for (AlertText.Section section : settings.wording().sections(message, Markup.MARKDOWN, 30, 20_000)) {
            // Adaptive Card markdown starts a new line only after an empty one.
            body.add(Map.of("type", "TextBlock", "text", section.text().replace("\n", "\n\n"), "wrap", true,
                    "separator", true));
        }
        String footer = settings.wording().footer(message, Markup.PLAIN);
        if (!footer.isEmpty()) {
            body.add(Map.of("type", "TextBlock", "text", footer, "wrap", true, "isSubtle", true, "size", "Small"));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        if (message.alerts().size() == 1) {
            MonitorAlert alert = message.alerts().getFirst();
            card.put("actions", AlertText.links(alert).stream()
                    .map(l -> Map.of("type", "Action.OpenUrl", "title", l.label(), "url", l.url().toString())).toList());
        }
        card.put("msteams", Map.of("width", "Full"));
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        return Map.of("type", "message", "attachments", List.of(attachment));
    }

    private static String colour(Tone tone) {
        return switch (tone) {
            case PROBLEM -> "Attention";
            case WARNING -> "Warning";
            case GOOD -> "Good";
            case INFO -> "Default";
        };
    }
}
