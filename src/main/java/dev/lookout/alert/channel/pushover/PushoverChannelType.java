package dev.lookout.alert.channel.pushover;

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

/** {@code type: pushover}: keys {@code token}, {@code user}, {@code device}, {@code url}, {@code template}. */
public final class PushoverChannelType implements ChannelType {

    @Override
    public String name() {
        return "pushover";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("token", TEXT, "The application's API token (keep it in the environment)"),
                required("user", TEXT, "User or group key"),
                key("device", TEXT, null, "Only this device of the user"),
                key("url", TEXT, "https://api.pushover.net/1/messages.json", "Messages API endpoint"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var token = ChannelKeys.secret(channel, "token");
        var user = ChannelKeys.secret(channel, "user");
        String device = channel.string("device").orElse(null);
        var url = ChannelKeys.url(channel, "url", "https://api.pushover.net/1/messages.json");
        Wording wording = Wording.read(channel);
        return token == null || user == null || url == null ? null : new PushoverSettings(token, user, device, url, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new PushoverChannel(id, (PushoverSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
