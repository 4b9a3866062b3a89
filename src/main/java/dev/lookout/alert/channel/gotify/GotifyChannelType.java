package dev.lookout.alert.channel.gotify;

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

/** {@code type: gotify}: keys {@code url}, {@code token}, {@code template}. */
public final class GotifyChannelType implements ChannelType {

    @Override
    public String name() {
        return "gotify";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("url", TEXT, "The Gotify server"),
                required("token", TEXT, "The application's token (keep it in the environment)"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.baseUrl(channel, "url");
        var token = ChannelKeys.secret(channel, "token");
        Wording wording = Wording.read(channel);
        return url == null || token == null ? null : new GotifySettings(url, token, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new GotifyChannel(id, (GotifySettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
