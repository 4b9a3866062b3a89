package dev.lookout.alert.channel.telegram;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: telegram}: keys {@code bot_token}, {@code chat_id}, {@code url}, {@code template}. */
public final class TelegramChannelType implements ChannelType {

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("bot_token", TEXT, "The bot's token (keep it in the environment)"),
                required("chat_id", TEXT, "Chat the bot posts to"),
                key("url", TEXT, "https://api.telegram.org", "Bot API endpoint"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var token = ChannelKeys.secret(channel, "bot_token");
        if (token != null && !token.value().matches("[0-9]+:[A-Za-z0-9_-]+")) {
            channel.get("bot_token").error("is not a bot token (digits, a colon, then letters, digits, _ or -)");
            token = null;
        }
        String chat = channel.requiredString("chat_id").orElse(null);
        var url = ChannelKeys.url(channel, "url", "https://api.telegram.org");
        Wording wording = Wording.read(channel);
        return token == null || chat == null || url == null ? null : new TelegramSettings(token, chat, url, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new TelegramChannel(id, (TelegramSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
