package dev.lookout.alert.channel.slack;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: slack}: keys {@code url} (an incoming webhook) and {@code template}. */
public final class SlackChannelType implements ChannelType {

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public List<ConfigKey> keys() {
        return ChannelKeys.INCOMING_WEBHOOK;
    }

    @Override
    public Object read(ConfigNode channel) {
        return ChannelKeys.incomingWebhook(channel, SlackSettings::new);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new SlackChannel(id, (SlackSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
