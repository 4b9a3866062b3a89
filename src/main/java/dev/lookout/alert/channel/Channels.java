package dev.lookout.alert.channel;

import dev.lookout.alert.channel.webhook.WebhookChannelType;
import dev.lookout.alert.channel.slack.SlackChannelType;
import dev.lookout.alert.channel.discord.DiscordChannelType;
import dev.lookout.alert.channel.teams.TeamsChannelType;
import dev.lookout.alert.channel.mattermost.MattermostChannelType;
import dev.lookout.alert.channel.email.EmailChannelType;
import dev.lookout.alert.channel.pagerduty.PagerDutyChannelType;
import dev.lookout.alert.channel.opsgenie.OpsgenieChannelType;
import dev.lookout.alert.channel.telegram.TelegramChannelType;
import dev.lookout.alert.channel.ntfy.NtfyChannelType;
import dev.lookout.alert.channel.pushover.PushoverChannelType;
import dev.lookout.alert.channel.gotify.GotifyChannelType;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.ChannelKinds;
import dev.lookout.config.ConfigKey;
import dev.lookout.config.ConfigNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The one registry of channel types; the configuration loader and the alert sender both ask it. */
public final class Channels implements ChannelKinds {
    private final Map<String, ChannelType> types = new LinkedHashMap<>();

    Channels(List<ChannelType> all) {
        all.forEach(t -> types.put(t.name(), t));
    }

    /** Every built-in channel type. */
    public static Channels standard() {
        return new Channels(List.of(new WebhookChannelType(), new SlackChannelType(), new DiscordChannelType(),
                new TeamsChannelType(), new MattermostChannelType(), new EmailChannelType(), new PagerDutyChannelType(),
                new OpsgenieChannelType(), new TelegramChannelType(), new NtfyChannelType(), new PushoverChannelType(),
                new GotifyChannelType()));
    }

    public List<ChannelType> all() {
        return List.copyOf(types.values());
    }

    @Override
    public Set<String> names() {
        return types.keySet();
    }

    @Override
    public Object read(String type, ConfigNode channel) {
        return types.get(type).read(channel);
    }

    @Override
    public List<ConfigKey> keys(String type) {
        return types.get(type).keys();
    }

    /** Builds the channel of a loaded configuration entry (its settings were produced by the same type). */
    public Channel create(ChannelConfig channel, ChannelContext context) {
        return types.get(channel.type()).create(channel.id(), channel.settings(), context);
    }
}
