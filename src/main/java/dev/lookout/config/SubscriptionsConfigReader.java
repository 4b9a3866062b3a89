package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.FLAG;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.mapping;
import static dev.lookout.config.ValueShape.whole;

import java.util.List;
import java.util.regex.Pattern;

/** Reads {@code subscriptions:}, checking that {@code email_channel} names a channel of type email. */
final class SubscriptionsConfigReader {
    /** {@code status@example.com} or {@code Example status <status@example.com>}; the SMTP server judges the rest. */
    private static final Pattern ADDRESS = Pattern.compile("([^<>\\r\\n]*<[^@\\s<>]+@[^@\\s<>]+>|[^@\\s<>]+@[^@\\s<>]+)");

    static final ValueShape.Mapping SHAPE = mapping(
            key("email_channel", TEXT, null, "Id of a channel of type email that sends subscribers' mails"),
            key("from", TEXT, null, "Sender of subscribers' mails (default: the channel's from)"),
            key("webhook_secret", TEXT, null, "Key that signs the webhooks sent to subscribers"),
            key("max_per_address", whole(1, 10_000), String.valueOf(SubscriptionsConfig.DEFAULT_MAX_PER_ADDRESS),
                    "Subscriptions one email address may have"),
            key("max_confirmations_per_hour", whole(1, 1_000_000),
                    String.valueOf(SubscriptionsConfig.DEFAULT_MAX_CONFIRMATIONS_PER_HOUR), "Confirmation mails sent per hour"),
            key("unconfirmed_expire", DURATION, "48h", "How long an unconfirmed subscription is kept; 1h..30d"),
            key("allow_private_webhooks", FLAG, "false", "Whether subscribers' webhooks may point at private networks"));

    private final List<ChannelConfig> channels;

    SubscriptionsConfigReader(List<ChannelConfig> channels) {
        this.channels = channels;
    }

    SubscriptionsConfig read(ConfigNode node) {
        if (!node.isPresent()) {
            return SubscriptionsConfig.NONE;
        }
        if (!node.isMapping()) {
            node.error("expected a mapping with email_channel, from, webhook_secret and the sign-up limits");
            return SubscriptionsConfig.NONE;
        }
        String emailChannel = node.string("email_channel").filter(id -> emailChannel(node.get("email_channel"), id))
                .orElse(null);
        String from = node.string("from").orElse(null);
        if (from != null && !ADDRESS.matcher(from.strip()).matches()) {
            node.get("from").error("'" + from + "' is not an email address (name@example.com or \"Name <name@example.com>\")");
            from = null;
        } else if (from != null && !node.has("email_channel")) {
            node.get("from").error("is only used with email_channel");
        }
        String secret = node.string("webhook_secret").filter(s -> !s.isEmpty()).orElse(null);
        int perAddress = node.integer("max_per_address", SubscriptionsConfig.DEFAULT_MAX_PER_ADDRESS, 1, 10_000);
        int perHour = node.integer("max_confirmations_per_hour", SubscriptionsConfig.DEFAULT_MAX_CONFIRMATIONS_PER_HOUR, 1,
                1_000_000);
        java.time.Duration expire = node.duration("unconfirmed_expire", SubscriptionsConfig.DEFAULT_UNCONFIRMED_EXPIRE,
                java.time.Duration.ofHours(1), java.time.Duration.ofDays(30));
        boolean allowPrivate = node.bool("allow_private_webhooks", false);
        node.rejectUnknownKeys(SHAPE.keys());
        return new SubscriptionsConfig(emailChannel, from == null ? null : from.strip(), secret, perAddress, perHour, expire,
                allowPrivate);
    }

    private boolean emailChannel(ConfigNode node, String id) {
        var channel = channels.stream().filter(c -> c.id().equals(id)).findFirst();
        if (channel.isEmpty()) {
            node.error("no channel '" + id + "' (configured: " + (channels.isEmpty() ? "none"
                    : String.join(", ", channels.stream().map(ChannelConfig::id).toList())) + ")");
            return false;
        }
        if (!channel.get().type().equals("email")) {
            node.error("channel '" + id + "' is of type " + channel.get().type() + ": subscribers' mails need a channel of type email");
            return false;
        }
        return true;
    }
}
