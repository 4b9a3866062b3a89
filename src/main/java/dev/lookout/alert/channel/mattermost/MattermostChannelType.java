package dev.lookout.alert.channel.mattermost;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: mattermost}: keys {@code url}, {@code username}, {@code channel}, {@code icon_url}, {@code template}. */
public final class MattermostChannelType implements ChannelType {

    @Override
    public String name() {
        return "mattermost";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("url", TEXT, "The Mattermost incoming webhook URL (keep it in the environment)"),
                key("username", TEXT, null, "Name the messages are posted under"),
                key("channel", TEXT, null, "Channel posted to (default: the webhook's)"),
                key("icon_url", TEXT, null, "http(s) URL of the icon shown"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.secretUrl(channel, "url");
        String username = channel.string("username").orElse(null);
        String target = channel.string("channel").orElse(null);
        String icon = channel.string("icon_url").orElse(null);
        if (icon != null) {
            ConfigLoader.checkUrl(channel.get("icon_url"), icon);
        }
        Wording wording = Wording.read(channel);
        return url == null ? null : new MattermostSettings(url, username, target, icon, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new MattermostChannel(id, (MattermostSettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
