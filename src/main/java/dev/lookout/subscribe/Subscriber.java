package dev.lookout.subscribe;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Someone told about incidents and maintenance: an email address or a webhook URL, for some
 * components or for all of them.
 *
 * @param componentIds the components followed; empty means all
 * @param confirmedAt  when the address owner confirmed (webhooks: when added); null before
 * @param unsubscribedAt null while subscribed
 */
public record Subscriber(long id, SubscriberKind kind, String address, List<String> componentIds, Instant createdAt,
                         Instant confirmedAt, Instant unsubscribedAt) {

    /** Outbox rows for a subscriber carry this channel id prefix followed by the subscriber id. */
    public static final String CHANNEL_PREFIX = "subscriber:";

    public Subscriber {
        componentIds = List.copyOf(componentIds);
    }

    /** The outbox channel id of this subscriber's notifications. */
    public String channelId() {
        return channelId(id);
    }

    public static String channelId(long id) {
        return CHANNEL_PREFIX + id;
    }

    /** The subscriber id of an outbox channel id, or empty when it is not a subscriber's. */
    public static OptionalLong idOf(String channelId) {
        if (channelId == null || !channelId.startsWith(CHANNEL_PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(channelId.substring(CHANNEL_PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Subscribed and not unsubscribed. */
    public boolean active() {
        return unsubscribedAt == null;
    }

    /** May be sent notices: confirmed and still subscribed. */
    public boolean confirmed() {
        return confirmedAt != null && unsubscribedAt == null;
    }

    /**
     * Whether an event that affects {@code affected} concerns this subscriber: one who follows all
     * components hears about everything; an event naming no component concerns everyone.
     */
    public boolean follows(Collection<String> affected) {
        return componentIds.isEmpty() || affected.isEmpty() || affected.stream().anyMatch(componentIds::contains);
    }
}
