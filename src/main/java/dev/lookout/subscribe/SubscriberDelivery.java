package dev.lookout.subscribe;

import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.OutboxRecipient;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.HttpDelivery;
import dev.lookout.alert.channel.MailTransport;
import dev.lookout.alert.channel.webhook.WebhookSignature;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.SubscriptionsConfig;
import dev.lookout.storage.StoreException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Delivers subscribers' outbox rows ({@code subscriber:ID}) for the {@link dev.lookout.alert.OutboxSender}:
 * mails through the email channel {@code subscriptions.email_channel} names, webhooks as the
 * stored JSON, signed like the webhook channel when {@code subscriptions.webhook_secret} is set.
 * Looks the subscriber up at each attempt, so that nothing goes to one who left, and nothing but
 * the confirmation mail to one who has not confirmed.
 */
public final class SubscriberDelivery {
    private final Subscribers subscribers;
    private final Supplier<Map<String, Channel>> channels;
    private final Supplier<LookoutConfig> config;
    private final SubscriberTokens tokens;
    private final HttpDelivery http;
    private final java.time.Duration timeout;
    /** The checks' resolver ({@code dns.servers}), bounded by the delivery's timeout. */
    private final AddressResolver resolver;

    /**
     * @param channels the configured channels (the email channel is taken from them at each attempt)
     * @param context  the clock and the timeout of one attempt, as for channels
     */
    public SubscriberDelivery(Subscribers subscribers, Supplier<Map<String, Channel>> channels, Supplier<LookoutConfig> config,
                              SubscriberTokens tokens, ChannelContext context) {
        this.subscribers = subscribers;
        this.channels = channels;
        this.config = config;
        this.tokens = tokens;
        this.http = new HttpDelivery("subscriber webhook", context);
        this.timeout = context.timeout();
        this.resolver = new AddressResolver(config.get().dns().servers());
    }

    /** The recipient of an outbox channel id, or null when it is not a subscriber's. */
    public OutboxRecipient recipient(String channelId) {
        OptionalLong id = Subscriber.idOf(channelId);
        return id.isEmpty() ? null : row -> deliver(id.getAsLong(), row);
    }

    private void deliver(long id, NotificationRecord row) throws DeliveryException {
        SubscriberEvent event = SubscriberEvent.ofKind(row.kind());
        if (event == null) {
            throw DeliveryException.permanent("'" + row.kind() + "' is not a subscriber notification");
        }
        Subscriber subscriber;
        try {
            subscriber = subscribers.subscriber(id).orElse(null);
        } catch (StoreException e) {
            throw DeliveryException.transientFailure("subscriber " + id + " could not be read: " + e.getMessage(), e);
        }
        if (subscriber == null || !subscriber.active()) {
            throw DeliveryException.permanent("subscriber " + id + " has unsubscribed or was deleted");
        }
        boolean confirmation = event == SubscriberEvent.SUBSCRIPTION_CONFIRMATION;
        if (!confirmation && !subscriber.confirmed()) {
            throw DeliveryException.permanent("subscriber " + id + " has not confirmed: only the confirmation mail may go to it");
        }
        String deliveryId = row.deliveryId(); // the same on every attempt
        switch (subscriber.kind()) {
            case EMAIL -> mail(subscriber, event, row, deliveryId);
            case WEBHOOK -> {
                if (confirmation) {
                    throw DeliveryException.permanent("a webhook subscriber needs no confirmation");
                }
                webhook(subscriber, event, row, deliveryId);
            }
        }
    }

    private void mail(Subscriber subscriber, SubscriberEvent event, NotificationRecord row, String deliveryId)
            throws DeliveryException {
        LookoutConfig current = config.get();
        SubscriptionsConfig settings = current.subscriptions();
        if (!settings.emailEnabled()) {
            throw DeliveryException.transientFailure("subscriptions.email_channel is not configured: mails to subscribers wait"
                    + " until it is", null);
        }
        if (!(channels.get().get(settings.emailChannel()) instanceof MailTransport transport)) {
            throw DeliveryException.transientFailure("subscriptions.email_channel '" + settings.emailChannel()
                    + "' is not an email channel of this configuration", null);
        }
        String publicUrl = current.server().publicUrl();
        List<String> followed = subscriber.componentIds().stream()
                .map(c -> SubscriberNotice.name(c, current.components())).toList();
        MailTransport.Mail mail;
        if (event == SubscriberEvent.SUBSCRIPTION_CONFIRMATION) {
            String confirm = publicUrl + "/subscribe/confirm/" + tokens.token(SubscriberTokens.Purpose.CONFIRM, subscriber.id());
            mail = SubscriberMail.confirmation(deliveryId, settings.from(), subscriber.address(), followed,
                    new SubscriberMail.Links(publicUrl, confirm), row.createdAt());
        } else {
            String unsubscribe = publicUrl + "/unsubscribe/" + tokens.token(SubscriberTokens.Purpose.UNSUBSCRIBE, subscriber.id());
            SubscriberNotice notice;
            try {
                notice = SubscriberNotice.read(row.body());
            } catch (IllegalStateException e) {
                throw DeliveryException.permanent(e.getMessage()); // retrying would not make it readable
            }
            mail = SubscriberMail.notice(deliveryId, settings.from(), subscriber.address(), followed, notice,
                    new SubscriberMail.Links(publicUrl, unsubscribe), row.createdAt());
        }
        transport.sendMail(mail);
    }

    private void webhook(Subscriber subscriber, SubscriberEvent event, NotificationRecord row, String deliveryId)
            throws DeliveryException {
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Lookout-Delivery", deliveryId);
        headers.put("X-Lookout-Event", event.event());
        String secret = config.get().subscriptions().webhookSecret();
        if (secret != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.of(secret, body));
        }
        URI url = URI.create(subscriber.address());
        http.sendTo(checkedAddress(url), "POST", url, headers, "application/json", body);
    }

    /**
     * The address the webhook is posted to: its host resolved now, once, and refused when it is
     * this machine or a private network (unless {@code subscriptions.allow_private_webhooks}). The
     * name was checked when the subscriber was added, but its DNS answer may have changed since
     * (rebinding to 127.0.0.1); the request goes to this address, not to a second lookup.
     */
    private InetAddress checkedAddress(URI url) throws DeliveryException {
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host, Deadline.after(timeout));
        } catch (UnknownHostException e) {
            throw DeliveryException.transientFailure("subscriber webhook: " + host + " does not resolve: " + e.getMessage(), null);
        } catch (DeadlineExceededException e) {
            throw DeliveryException.transientFailure("subscriber webhook: no DNS answer for " + host + " within "
                    + timeout.toMillis() + " ms", null);
        }
        if (config.get().subscriptions().allowPrivateWebhooks()) {
            return addresses.get(0);
        }
        return addresses.stream().filter(a -> !PrivateAddresses.isPrivate(a)).findFirst()
                .orElseThrow(() -> DeliveryException.permanent("subscriber webhook: " + host + " resolves to "
                        + addresses.get(0).getHostAddress() + ", this machine or a private network; an admin may allow that"
                        + " with subscriptions.allow_private_webhooks"));
    }
}
