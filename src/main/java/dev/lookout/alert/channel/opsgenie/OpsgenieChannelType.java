package dev.lookout.alert.channel.opsgenie;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: opsgenie}: keys {@code api_key}, {@code url}, {@code tags}, {@code template}. */
public final class OpsgenieChannelType implements ChannelType {

    @Override
    public String name() {
        return "opsgenie";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("api_key", TEXT, "Opsgenie API integration key (keep it in the environment)"),
                key("url", TEXT, "https://api.opsgenie.com", "API endpoint (api.eu.opsgenie.com for the EU)"),
                key("tags", TEXTS, null, "Tags added to every alert"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var key = ChannelKeys.secret(channel, "api_key");
        var url = ChannelKeys.url(channel, "url", "https://api.opsgenie.com");
        var tags = channel.stringList("tags");
        Wording wording = Wording.read(channel);
        return key == null || url == null ? null : new OpsgenieSettings(key, url, tags, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new OpsgenieChannel(id, (OpsgenieSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
