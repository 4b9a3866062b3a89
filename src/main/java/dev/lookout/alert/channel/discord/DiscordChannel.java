package dev.lookout.alert.channel.discord;

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
 * Posts to a Discord webhook: one embed per alert, coloured by its kind; the first carries the
 * title, the last the vantage point and time. Discord allows 10 embeds and 6,000 characters in
 * all; mentions are disabled so that a monitor name cannot ping {@code @everyone}.
 */
record DiscordChannel(String id, DiscordSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url().value());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(settings.url().value(), payload(message), Map.of());
    }

    Map<String, Object> payload(AlertMessage message) {
        List<AlertText.Section> sections = settings.wording().sections(message, Markup.MARKDOWN, 10, 5_000);
        List<Map<String, Object>> embeds = new ArrayList<>();
        for (AlertText.Section section : sections) {
            Map<String, Object> embed = new LinkedHashMap<>();
            if (embeds.isEmpty()) {
                embed.put("title", AlertText.cut(settings.wording().title(message), 256));
            }
            embed.put("description", AlertText.cut(section.text(), 4096));
            embed.put("color", Tone.of(section.kind()).rgb());
            embeds.add(embed);
        }
        Map<String, Object> last = embeds.getLast();
        String footer = settings.wording().footer(message, Markup.PLAIN);
        if (!footer.isEmpty()) {
            last.put("footer", Map.of("text", footer));
        }
        last.put("timestamp", message.at().toString());
        Map<String, Object> payload = new LinkedHashMap<>();
        if (settings.username() != null) {
            payload.put("username", settings.username());
        }
        payload.put("embeds", embeds);
        payload.put("allowed_mentions", Map.of("parse", List.of()));
        return payload;
    }
}
