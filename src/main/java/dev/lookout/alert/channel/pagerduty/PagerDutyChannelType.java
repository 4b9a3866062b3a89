package dev.lookout.alert.channel.pagerduty;

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

/** {@code type: pagerduty}: keys {@code routing_key}, {@code url}, {@code template}. */
public final class PagerDutyChannelType implements ChannelType {
    static final String EVENTS_API = "https://events.pagerduty.com/v2/enqueue";

    @Override
    public String name() {
        return "pagerduty";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(
                required("routing_key", TEXT, "Integration key of the PagerDuty service (keep it in the environment)"),
                key("url", TEXT, EVENTS_API, "Events API v2 endpoint"),
                Wording.KEY);
    }

    @Override
    public Object read(ConfigNode channel) {
        var key = ChannelKeys.secret(channel, "routing_key");
        var url = ChannelKeys.url(channel, "url", EVENTS_API);
        Wording wording = Wording.read(channel);
        return key == null || url == null ? null : new PagerDutySettings(key, url, wording);
    }

    @Override
    public Channel create(String id, Object settings, ChannelContext context) {
        return new PagerDutyChannel(id, (PagerDutySettings) settings, new HttpDelivery(name() + " channel '" + id + "'", context));
    }
}
