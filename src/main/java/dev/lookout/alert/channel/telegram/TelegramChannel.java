package dev.lookout.alert.channel.telegram;

import dev.lookout.alert.AlertMessage;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Markup;
import java.net.URI;
import java.util.Map;

/**
 * Bot API {@code sendMessage} with {@code parse_mode: HTML}: every value is HTML-escaped (an
 * unescaped {@code <} makes Telegram reject the whole message with 400). Messages are at most
 * 4,096 characters; link previews are off.
 */
record TelegramChannel(String id, TelegramSettings settings, HttpDelivery http) implements Channel {

    @Override
    public String target() {
        return HttpDelivery.origin(settings.url()) + " chat " + settings.chatId();
    }

    @Override
    public void send(AlertMessage message) throws DeliveryException {
        http.postJson(URI.create(settings.url() + "/bot" + settings.botToken().value() + "/sendMessage"), payload(message), Map.of());
    }

    Map<String, Object> payload(AlertMessage message) {
        String title = Markup.CHAT_HTML.bold(settings.wording().title(message));
        String text = title + "\n\n" + settings.wording().body(message, Markup.CHAT_HTML, 4_000 - title.length());
        return Map.of("chat_id", settings.chatId(), "text", text, "parse_mode", "HTML",
                "link_preview_options", Map.of("is_disabled", true));
    }
}
