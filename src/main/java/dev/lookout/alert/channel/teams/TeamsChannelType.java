package dev.lookout.alert.channel.teams;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: teams}: keys {@code url} (webhook or workflow) and {@code template}. */
public final class TeamsChannelType implements ChannelType {

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public List<ConfigKey> keys() {
        return ChannelKeys.INCOMING_WEBHOOK;
    }

    @Override
    public Object read(ConfigNode channel) {
        return ChannelKeys.incomingWebhook(channel, TeamsSettings::new);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new TeamsChannel(id, (TeamsSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
