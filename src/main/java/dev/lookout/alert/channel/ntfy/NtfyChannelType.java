package dev.lookout.alert.channel.ntfy;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.TEXTS;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.ChannelKeys;
import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.Secret;
import dev.lookout.alert.channel.Wording;
import dev.lookout.config.ConfigKey;
import java.util.List;
import dev.lookout.config.ConfigNode;

/** {@code type: ntfy}: keys {@code url}, {@code topic}, {@code token}, {@code tags}, {@code template}. */
public final class NtfyChannelType implements ChannelType {

    @Override
    public String name() {
        return "ntfy";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                key("url", TEXT, "https://ntfy.sh", "The ntfy server"),
                required("topic", TEXT, "Topic published to: 1 to 64 letters, digits, - or _"),
                key("token", TEXT, null, "Access token (keep it in the environment)"),
                key("tags", TEXTS, null, "Tags (emoji short codes) added to every message"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var url = ChannelKeys.url(channel, "url", "https://ntfy.sh");
        var topic = ChannelKeys.secret(channel, "topic");
        if (topic != null && !topic.value().matches("[-_A-Za-z0-9]{1,64}")) {
            channel.get("topic").error("is not a topic name (1 to 64 letters, digits, - or _)");
            topic = null;
        }
        Secret<String> token = channel.string("token").filter(t -> !t.isEmpty()).map(Secret::new).orElse(null);
        var tags = channel.stringList("tags");
        Wording wording = Wording.read(channel);
        return url == null || topic == null ? null : new NtfySettings(url, topic, token, tags, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new NtfyChannel(id, (NtfySettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
