package dev.lookout.alert.channel.discord;

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

/** {@code type: discord}: keys {@code url}, {@code username}, {@code template}. */
public final class DiscordChannelType implements ChannelType {

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("url", TEXT, "The Discord webhook URL (keep it in the environment)"),
                key("username", TEXT, null, "Name the messages are posted under"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.secretUrl(channel, "url");
        String username = channel.string("username").orElse(null);
        Wording wording = Wording.read(channel);
        return url == null ? null : new DiscordSettings(url, username, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new DiscordChannel(id, (DiscordSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
