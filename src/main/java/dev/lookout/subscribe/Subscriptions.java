package dev.lookout.subscribe;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.Outbox;
import dev.lookout.alert.OutboxEntry;
import dev.lookout.config.LookoutConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Subscribing, confirming and unsubscribing, with the double opt-in rule: an email address is
 * sent nothing but its confirmation mail until its owner confirms through the link in it.
 * Answers never tell whether an address was already subscribed.
 */
public final class Subscriptions {
    /** Local part @ a domain with at least one dot: what people type, without quoted local parts or IP literals. */
    private static final Pattern EMAIL = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final int MAX_URL_LENGTH = 2000;
    /** A repeated request for an unconfirmed address sends its confirmation mail again at most this often. */
    static final Duration CONFIRMATION_RESEND = Duration.ofHours(1);

    /** What a confirm or unsubscribe link did. */
    public enum Outcome {
        DONE, ALREADY_DONE, UNKNOWN
    }

    private final Subscribers subscribers;
    private final Outbox outbox;
    private final Supplier<LookoutConfig> config;
    private final SubscriberTokens tokens;
    private final InstantSource clock;
    private final SignUpLimits limits;

    /**
     * @param config the configuration's components and {@code subscriptions} (read on every request, so a reload applies)
     */
    public Subscriptions(Subscribers subscribers, Outbox outbox, Supplier<LookoutConfig> config, SubscriberTokens tokens,
                         InstantSource clock) {
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.config = config;
        this.tokens = tokens;
        this.clock = clock;
        this.limits = new SignUpLimits(clock);
    }

    /**
     * Subscribes an address (pending until confirmed) and writes its confirmation mail to the
     * outbox. The same for an address already subscribed: a confirmed one is left as it is, an
     * unconfirmed one gets its confirmation mail again (at most once an hour). An address's
     * sign-ups from one client, and the confirmation mails in all, are bounded per hour
     * ({@code subscriptions.max_per_address}, {@code max_confirmations_per_hour}): beyond,
     * {@link SubscriptionException.Reason#LIMITED} and nothing is stored or sent.
     */
    public void subscribeByEmail(String email, List<String> components) {
        subscribeByEmail(email, components, "");
    }

    /**
     * As {@link #subscribeByEmail(String, List)}, asked by {@code client}: the address of the client
     * that sent the request (behind trusted proxies, the one they name).
     */
    public void subscribeByEmail(String email, List<String> components, String client) {
        var settings = config.get().subscriptions();
        if (!settings.emailEnabled()) {
            throw new SubscriptionException(SubscriptionException.Reason.DISABLED,
                    "subscribing by email is off on this server (subscriptions.email_channel is not configured)");
        }
        String address = emailAddress(email);
        List<String> followed = components(components);
        limits.signUp(client, settings.maxPerAddress());
        limits.confirmationMail(settings.maxConfirmationsPerHour());
        Instant now = clock.instant();
        Subscriber subscriber = subscribers.add(SubscriberKind.EMAIL, address, followed, now, null, tokens::hashes).subscriber();
        if (subscriber.confirmedAt() != null) {
            return;
        }
        long window = now.toEpochMilli() / CONFIRMATION_RESEND.toMillis();
        outbox.write(new AlertWrites(List.of(), List.of(new OutboxEntry("sub/" + subscriber.id() + "/confirm/" + window, null,
                subscriber.channelId(), SubscriberEvent.SUBSCRIPTION_CONFIRMATION.name(),
                "{\"event\":\"" + SubscriberEvent.SUBSCRIPTION_CONFIRMATION.event() + "\"}", false, now, now))));
    }

    /**
     * Deletes the email subscribers that did not confirm within {@code subscriptions.unconfirmed_expire}
     * of signing up (their address was perhaps never theirs to give); how many.
     */
    public int purgeUnconfirmed() {
        Instant now = clock.instant();
        Instant before = now.minus(config.get().subscriptions().unconfirmedExpire());
        int purged = 0;
        for (Subscriber s : subscribers.active()) {
            if (s.kind() == SubscriberKind.EMAIL && s.confirmedAt() == null && s.createdAt().isBefore(before)
                    && subscribers.delete(s.id(), now)) {
                purged++;
            }
        }
        return purged;
    }

    /**
     * Adds a webhook subscriber, confirmed at once (an operator adds it); the same URL again returns
     * the existing one. A URL to this machine or a private network (loopback, link-local, private
     * and unique-local addresses, {@code localhost}) is refused unless
     * {@code subscriptions.allow_private_webhooks}: the server would otherwise post to services
     * that only it can reach.
     */
    public Subscribers.Added addWebhook(String url, List<String> components) {
        String address = webhookUrl(url);
        if (!config.get().subscriptions().allowPrivateWebhooks()) {
            refusePrivate(address);
        }
        List<String> followed = components(components);
        Instant now = clock.instant();
        return subscribers.add(SubscriberKind.WEBHOOK, address, followed, now, now, tokens::hashes);
    }

    /** The live subscriber a confirm link names. */
    public Optional<Subscriber> byConfirmToken(String token) {
        return subscribers.byConfirmTokenHash(SubscriberTokens.hash(token));
    }

    public Outcome confirm(String token) {
        Optional<Subscriber> subscriber = byConfirmToken(token);
        if (subscriber.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        return subscribers.confirm(subscriber.get().id(), clock.instant()) ? Outcome.DONE : Outcome.ALREADY_DONE;
    }

    /** The subscriber an unsubscribe link names, also when already unsubscribed. */
    public Optional<Subscriber> byUnsubscribeToken(String token) {
        return subscribers.byUnsubscribeTokenHash(SubscriberTokens.hash(token));
    }

    public Outcome unsubscribe(String token) {
        Optional<Subscriber> subscriber = byUnsubscribeToken(token);
        if (subscriber.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        return subscribers.unsubscribe(subscriber.get().id(), clock.instant()) ? Outcome.DONE : Outcome.ALREADY_DONE;
    }

    /** Live subscribers, confirmed or not, oldest first. */
    public List<Subscriber> list() {
        return subscribers.active();
    }

    /**
     * Live subscribers whose address, kind or a followed component's id contains {@code text} (any
     * case), oldest first; every live one for a blank text.
     */
    public List<Subscriber> find(String text) {
        if (text == null || text.isBlank()) {
            return list();
        }
        String wanted = text.strip().toLowerCase(java.util.Locale.ROOT);
        return subscribers.activeContaining(wanted).stream().filter(s -> s.address().toLowerCase(java.util.Locale.ROOT).contains(wanted)
                || s.kind().code().contains(wanted) || s.componentIds().stream().anyMatch(c -> c.toLowerCase(java.util.Locale.ROOT)
                .contains(wanted))).toList();
    }

    /** A page of every live subscriber, oldest first, without reading the others. */
    public List<Subscriber> list(int offset, int limit) {
        return subscribers.active(offset, limit);
    }

    /** How many live subscribers there are. */
    public int count() {
        return subscribers.activeCount();
    }

    public void delete(long id) {
        if (!subscribers.delete(id, clock.instant())) {
            throw new SubscriptionException(SubscriptionException.Reason.NOT_FOUND, "no subscriber with id " + id);
        }
    }

    /** The names of the components a subscriber follows, empty for all of them. */
    public List<String> componentNames(Subscriber subscriber) {
        LookoutConfig current = config.get();
        return subscriber.componentIds().stream().map(id -> SubscriberNotice.name(id, current.components())).toList();
    }

    /** Lower case: one subscription per mailbox, whatever the case it was typed in. */
    static String emailAddress(String email) {
        if (email == null || email.isBlank()) {
            throw SubscriptionException.invalid("email is required");
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw SubscriptionException.invalid("'" + shorten(email.strip()) + "' is not an email address (name@example.com)");
        }
        return address;
    }

    static String webhookUrl(String url) {
        if (url == null || url.isBlank()) {
            throw SubscriptionException.invalid("webhook_url is required");
        }
        String text = url.strip();
        try {
            URI uri = new URI(text);
            if (text.length() > MAX_URL_LENGTH || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw SubscriptionException.invalid("webhook_url '" + shorten(text) + "' is not an http:// or https:// URL with a host"
                        + " (at most " + MAX_URL_LENGTH + " characters)");
            }
            return text;
        } catch (URISyntaxException e) {
            throw SubscriptionException.invalid("webhook_url '" + shorten(text) + "' is not a URL: " + e.getReason());
        }
    }

    /** Refuses a URL whose host is this machine or an address of a private network, written as such. */
    static void refusePrivate(String url) {
        String host = URI.create(url).getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean named = host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".local")
                || host.endsWith(".internal");
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        if (named || (literal && isPrivate(host))) {
            throw SubscriptionException.invalid("webhook_url '" + shorten(url) + "' points at this machine or a private"
                    + " network; an admin may allow that with subscriptions.allow_private_webhooks");
        }
    }

    private static boolean isPrivate(String literal) {
        try {
            return PrivateAddresses.isPrivate(java.net.InetAddress.getByName(literal)); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return false; // not a literal after all: a name
        }
    }

    /** The components named, each once, all of them configured; none (or null) means all. */
    private List<String> components(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Collection<String> known = config.get().components().stream().map(c -> c.id()).toList();
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> followed = new LinkedHashSet<>();
        for (String id : requested) {
            if (id == null || !known.contains(id)) {
                unknown.add(String.valueOf(id));
            } else {
                followed.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw SubscriptionException.invalid("unknown component" + (unknown.size() == 1 ? " '" : "s '")
                    + String.join("', '", unknown.stream().map(Subscriptions::shorten).toList()) + "' (known: "
                    + (known.isEmpty() ? "none configured" : String.join(", ", known)) + ")");
        }
        return List.copyOf(followed);
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }
}
