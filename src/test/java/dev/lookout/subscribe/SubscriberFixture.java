package dev.lookout.subscribe;

import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.OutboxSender;
import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelContext;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subscriptions as Lookout wires them, over a real SQLite store: components {@code web} (Web
 * Shop), {@code api} and {@code db}; an email channel to a local SMTP server on {@code smtpPort};
 * incidents and maintenances telling the fan-out; an outbox sender delivering to subscribers; and
 * a clock the test moves.
 */
final class SubscriberFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    static final String WEBHOOK_SECRET = "hook-secret-0123456789";
    private static final Pattern CONFIRM_LINK = Pattern.compile("https://status\\.example\\.com/subscribe/confirm/([A-Za-z0-9_-]+)");

    final ManualTime clock = new ManualTime(START);
    final LookoutConfig config;
    final Store store;
    final SubscriberTokens tokens = new SubscriberTokens("a key of thirty-two bytes, or more".getBytes());
    final Subscriptions subscriptions;
    final SubscriberFanOut fanOut;
    final Incidents incidents;
    final Maintenances maintenances;
    final OutboxSender sender;

    SubscriberFixture(Path dir, int smtpPort) throws Exception {
        this(dir, smtpPort, true, null);
    }

    /**
     * @param allowPrivateWebhooks {@code subscriptions.allow_private_webhooks} (the receivers run on loopback)
     * @param dnsServer            {@code dns.servers}' one server, null: the system's
     */
    SubscriberFixture(Path dir, int smtpPort, boolean allowPrivateWebhooks, String dnsServer) throws Exception {
        config = new ConfigLoader(CheckTypes.standard(), Channels.standard(), Map.of()).parse("t.yaml", """
                server:
                  public_url: "https://status.example.com/"
                components:
                  - { id: web, name: "Web Shop" }
                  - { id: api, name: API }
                  - { id: db, name: Database }
                channels:
                  - { id: smtp, type: email, host: 127.0.0.1, port: %d, security: none,
                      from: "Lookout <lookout@example.com>", to: [ops@example.com] }
                subscriptions:
                  email_channel: smtp
                  from: "Example status <status@example.com>"
                  webhook_secret: "%s"
                  allow_private_webhooks: %s
                """.formatted(smtpPort, WEBHOOK_SECRET, allowPrivateWebhooks)
                + (dnsServer == null ? "" : "dns: { servers: [\"" + dnsServer + "\"] }\n"));
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        List<String> components = config.components().stream().map(c -> c.id()).toList();
        subscriptions = new Subscriptions(store.subscribers(), store.outbox(), () -> config, tokens, clock);
        fanOut = new SubscriberFanOut(store.subscribers(), store.outbox(), () -> config, clock);
        incidents = new Incidents(store.incidents(), () -> components, clock);
        incidents.addListener(fanOut);
        maintenances = new Maintenances(store.incidents(), () -> components, clock);
        maintenances.addListener(fanOut);
        ChannelContext context = new ChannelContext(clock, Duration.ofSeconds(5), config.server().publicUrl(), "node-1");
        Channel smtp = Channels.standard().create(config.channel("smtp").orElseThrow(), context);
        SubscriberDelivery delivery = new SubscriberDelivery(store.subscribers(), () -> Map.of("smtp", smtp), () -> config,
                tokens, context);
        sender = new OutboxSender(store.outbox(), () -> Map.of("smtp", smtp), delivery::recipient, config::alerting, "node-1",
                clock, Duration.ofSeconds(5), RandomGenerator.of("L64X128MixRandom"));
    }

    /** Delivers everything due now. */
    int deliver() throws InterruptedException {
        return sender.sendDue();
    }

    /** Every outbox row, oldest first. */
    List<NotificationRecord> notifications() {
        return store.outbox().notifications(null, null, 1000).reversed();
    }

    List<String> keys() {
        return notifications().stream().map(NotificationRecord::dedupKey).toList();
    }

    /** Subscribes {@code email} and confirms it as its owner would: through the link in the mail delivered now. */
    Subscriber confirmedEmail(String email, List<String> components, MailBox mails) throws Exception {
        subscriptions.subscribeByEmail(email, components);
        deliver();
        Matcher link = CONFIRM_LINK.matcher(mails.lastTextTo(email));
        if (!link.find()) {
            throw new AssertionError("no confirm link in the mail to " + email);
        }
        if (subscriptions.confirm(link.group(1)) != Subscriptions.Outcome.DONE) {
            throw new AssertionError("the link in the mail to " + email + " did not confirm");
        }
        return store.subscribers().active().stream().filter(s -> s.address().equals(email)).findFirst().orElseThrow();
    }

    /** The mails received so far, as the test's SMTP server has them. */
    interface MailBox {
        String lastTextTo(String address) throws Exception;
    }

    @Override
    public void close() {
        sender.close();
        store.close();
    }
}
