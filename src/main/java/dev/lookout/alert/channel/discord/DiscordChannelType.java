package dev.lookout.alert.channel.discord;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigNode;

/** {@code type: discord}: keys {@code url}, {@code username}, {@code template}. */
public final class DiscordChannelType implements ChannelType {

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.secretUrl(channel, "url");
        String username = channel.string("username").orElse(null);
        Wording wording = Wording.read(channel);
        channel.rejectUnknownKeys();
        return url == null ? null : new DiscordSettings(url, username, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new DiscordChannel(id, (DiscordSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
