package dev.lookout.alert.channel.slack;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.channel.AlertText;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Posts Block Kit blocks to a Slack incoming webhook: a header with the title, one mrkdwn section
 * per alert, a context block with the vantage point; {@code text} is the notification fallback.
 * Slack allows 50 blocks and 3,000 characters per section.
 */
record SlackChannel(String id, SlackSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url().value());
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(settings.url().value(), payload(message), Map.of());
    }

    Map<String, Object> payload(AlertMessage message) {
        String title = settings.wording().title(message);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", AlertText.cut(title, 150))));
        for (AlertText.Section section : settings.wording().sections(message, Markup.SLACK, 45, 40_000)) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", AlertText.cut(section.text(), 3000))));
        }
        String footer = settings.wording().footer(message, Markup.SLACK);
        if (!footer.isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", footer))));
        }
        return Map.of("text", title, "blocks", blocks);
    }
}
