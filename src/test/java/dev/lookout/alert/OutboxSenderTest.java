package dev.lookout.alert;

import static dev.lookout.evaluate.MonitorState.DOWN;
import static dev.lookout.evaluate.MonitorState.UP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.ChannelFixture;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.alert.channel.RecordingReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender against a real SQLite outbox. The channels here are small in-test implementations
 * of {@link Channel} that record or fail on demand: the HTTP channels are tested against real
 * receivers in their own tests.
 */
class OutboxSenderTest {
    private static final String CONFIG = """
            monitors:
              - { id: api, type: tcp, host: 127.0.0.1, port: 1 }
              - { id: db, type: tcp, host: 127.0.0.1, port: 2 }
            channels: [ { id: slack, type: test }, { id: mail, type: test } ]
            alerting:
              group_window: 30s
              dead_letter_channel: mail
              retry: { max_attempts: 3, first_backoff: 10s, max_backoff: 1m }
              routes: [ { channels: [slack] } ]
            """;

    @TempDir
    Path dir;
    private AlertFixture f;

    /** Records every message; fails with the queued failures first. */
    static final class TestChannel implements Channel {
        @Override
        public String target() {
            return "test";
        }

        final String id;
        final List<AlertMessage> received = new CopyOnWriteArrayList<>();
        /** Every message the sender tried, delivered or not. */
        final List<AlertMessage> attempted = new CopyOnWriteArrayList<>();
        final List<DeliveryException> failures = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hang;

        TestChannel(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void send(AlertMessage message) throws DeliveryException {
            if (hang != null) {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    throw DeliveryException.transientFailure("interrupted", e);
                }
            }
            attempted.add(message);
            if (!failures.isEmpty()) {
                throw failures.removeFirst();
            }
            received.add(message);
        }
    }

    private final TestChannel slack = new TestChannel("slack");
    private final TestChannel mail = new TestChannel("mail");

    private OutboxSender sender(Duration timeout) {
        return new OutboxSender(f.store.outbox(), () -> Map.of("slack", slack, "mail", mail), () -> f.config.alerting(), "node-1",
                f.clock, timeout, RandomGenerator.of("L64X128MixRandom"));
    }

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private NotificationRecord only(String key) {
        return f.notifications().stream().filter(n -> n.dedupKey().startsWith(key)).findFirst().orElseThrow();
    }

    @Test
    void notifications_due_together_go_to_a_channel_as_one_message_and_are_marked_delivered() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofSeconds(5));
        engine.onStateChange(f.change("db", UP, DOWN));
        f.store.flush();
        OutboxSender sender = sender(Duration.ofSeconds(5));

        assertThat(sender.sendDue()).isEqualTo(1); // api's goes at once; db's waits for the window
        f.advance(Duration.ofSeconds(20));
        assertThat(sender.sendDue()).isZero();
        f.advance(Duration.ofSeconds(1));
        engine.onStateChange(f.change("api", DOWN, UP)); // joins db's group, due 30 s after the first message
        f.store.flush();
        assertThat(sender.sendDue()).isZero();
        f.advance(Duration.ofSeconds(4));
        assertThat(sender.sendDue()).isEqualTo(2);
        assertThat(sender.sendDue()).isZero();

        assertThat(slack.received).hasSize(2);
        assertThat(slack.received.get(1).alerts()).extracting(MonitorAlert::monitorId, MonitorAlert::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db", AlertKind.DOWN),
                        org.assertj.core.groups.Tuple.tuple("api", AlertKind.RECOVERED));
        assertThat(f.notifications()).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo("delivered");
            assertThat(n.attempts()).isEqualTo(1);
        });
    }

    @Test
    void notifications_decided_in_the_same_instant_go_as_one_message() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.onStateChange(f.change("db", UP, DOWN)); // as a tick releases what it held: at one instant
        f.store.flush();

        assertThat(sender(Duration.ofSeconds(5)).sendDue()).isEqualTo(2);
        assertThat(slack.received).singleElement().satisfies(m -> assertThat(m.alerts()).extracting(MonitorAlert::monitorId)
                .containsExactly("api", "db"));
    }

    @Test
    void a_message_about_lookout_goes_apart_from_the_alerts_due_with_it_and_an_urgent_one_first() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        engine.onStateChange(f.change("db", UP, DOWN));
        f.store.flush();
        f.store.outbox().write(new AlertWrites(List.of(), List.of(new OutboxEntry("lookout/slack", null, "slack",
                AlertKind.MONITORING_SIDE_FAILURE.name(), AlertJson.write(new AlertJson.Text("It is probably us.")), false,
                f.now.get(), f.now.get(), true))));

        assertThat(sender(Duration.ofSeconds(5)).sendDue()).isEqualTo(3);
        assertThat(slack.received).extracting(AlertMessage::kind).as("a channel renders a message as one or the other")
                .containsExactly(AlertKind.MONITORING_SIDE_FAILURE, AlertKind.DOWN);
        assertThat(slack.received.getFirst().text()).isEqualTo("It is probably us.");
        assertThat(slack.received.get(1).alerts()).extracting(MonitorAlert::monitorId).containsExactly("api", "db");
    }

    @Test
    void a_failed_delivery_is_retried_after_a_backoff_or_the_receivers_retry_after_then_dead_lettered() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        f.store.flush();
        OutboxSender sender = sender(Duration.ofSeconds(5));
        slack.failures.add(DeliveryException.transientFailure("HTTP 502 from hooks.slack.com", null));
        slack.failures.add(DeliveryException.retryAfter("HTTP 429 from hooks.slack.com", Duration.ofSeconds(120)));
        slack.failures.add(DeliveryException.transientFailure("HTTP 500 from hooks.slack.com", null));

        sender.sendDue();
        NotificationRecord first = only("api@");
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.lastError()).isEqualTo("HTTP 502 from hooks.slack.com");
        Duration backoff = Duration.between(f.now.get(), first.dueAt());
        assertThat(backoff).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)); // 10 s with jitter in [0.5, 1)

        f.now.set(first.dueAt());
        sender.sendDue();
        NotificationRecord second = only("api@");
        assertThat(Duration.between(f.now.get(), second.dueAt())).isEqualTo(Duration.ofSeconds(120));

        f.now.set(second.dueAt());
        sender.sendDue(); // third attempt of three: dead
        NotificationRecord dead = only("api@");
        assertThat(dead.status()).isEqualTo("dead");
        assertThat(dead.lastError()).isEqualTo("HTTP 500 from hooks.slack.com (after 3 attempts)");
        assertThat(slack.received).isEmpty();

        sender.sendDue(); // the dead letter report on the mail channel
        assertThat(mail.received).hasSize(1);
        assertThat(mail.received.getFirst().kind()).isEqualTo(AlertKind.UNDELIVERABLE);
        assertThat(mail.received.getFirst().text()).isEqualTo(
                "Could not deliver a down notification about api to channel 'slack': HTTP 500 from hooks.slack.com (after 3 attempts)");
    }

    @Test
    void a_permanent_failure_is_dead_lettered_at_once() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        f.store.flush();
        slack.failures.add(DeliveryException.permanent("HTTP 404 from hooks.slack.com: no_service"));
        sender(Duration.ofSeconds(5)).sendDue();
        assertThat(only("api@").status()).isEqualTo("dead");
        assertThat(only("api@").attempts()).isZero();
    }

    @Test
    void a_channel_that_never_answers_is_abandoned_at_its_deadline_and_retried() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        f.store.flush();
        slack.hang = new CountDownLatch(1);
        try {
            sender(Duration.ofMillis(10)).sendDue(); // gives up 5 s past the 10 ms channel timeout
        } finally {
            slack.hang.countDown();
        }
        NotificationRecord row = only("api@");
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.lastError()).startsWith("no answer within");
    }

    @Test
    void a_restarted_sender_takes_over_what_a_dead_one_had_claimed() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        f.store.flush();
        f.store.outbox().claimDue("node-1", f.now.get(), Duration.ofMinutes(2), 10); // claimed, then the process died
        OutboxSender restarted = sender(Duration.ofSeconds(5));
        assertThat(restarted.sendDue()).as("still leased").isZero();
        restarted.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.received.size() == 1);
        } finally {
            restarted.close();
        }
        assertThat(only("api@").status()).isEqualTo("delivered");
    }

    @Test
    void a_retried_message_keeps_its_delivery_id_and_one_carrying_other_notifications_gets_a_new_one() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        f.advance(Duration.ofSeconds(5));
        engine.onStateChange(f.change("db", UP, DOWN)); // waits for the group window: due 30 s after api's
        f.store.flush();
        // A sender sent api's notification alone and died before marking it delivered.
        List<NotificationRecord> sentAlone = f.store.outbox().claimDue("node-1", f.now.get(), Duration.ofMinutes(2), 10);
        assertThat(sentAlone).hasSize(1);
        String seen = OutboxSender.messageId(sentAlone);
        assertThat(seen).isEqualTo(sentAlone.getFirst().deliveryId());

        f.advance(Duration.ofSeconds(30));
        f.store.outbox().releaseClaims("node-1"); // as the restarted sender's start() does
        OutboxSender sender = sender(Duration.ofSeconds(5));
        slack.failures.add(DeliveryException.transientFailure("HTTP 502 from hooks.slack.com", null));
        sender.sendDue(); // api's and db's together, refused
        f.now.set(only("api@").dueAt());
        sender.sendDue(); // the same two again, accepted

        assertThat(slack.attempted).hasSize(2).allSatisfy(m -> assertThat(m.alerts()).extracting(MonitorAlert::monitorId)
                .containsExactly("api", "db"));
        assertThat(slack.attempted.get(1).id()).as("a retry of the same notifications").isEqualTo(slack.attempted.get(0).id())
                .as("a receiver that saw %s must not drop db's alert", seen).isNotEqualTo(seen);
        List<NotificationRecord> both = f.notifications();
        assertThat(both).allSatisfy(n -> assertThat(n.status()).isEqualTo("delivered"));
        assertThat(OutboxSender.messageId(both)).as("derived from the members' ids, in any order")
                .isEqualTo(OutboxSender.messageId(both.reversed())).isEqualTo(slack.attempted.get(0).id());
    }

    /** The sender with the real webhook channel, as {@code slack}, posting to {@code receiver}. */
    private static OutboxSender webhookSender(AlertFixture fixture, RecordingReceiver receiver, TestChannel mail) {
        Channel hook = ChannelFixture.channel("- { id: slack, type: webhook, url: \"" + receiver.url("/hook") + "\" }",
                Duration.ofSeconds(5));
        return new OutboxSender(fixture.store.outbox(), () -> Map.of("slack", hook, "mail", mail), () -> fixture.config.alerting(),
                "node-1", fixture.clock, Duration.ofSeconds(5), RandomGenerator.of("L64X128MixRandom"));
    }

    @Test
    void a_retry_carries_the_delivery_id_of_the_first_attempt() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        f.engine().onStateChange(f.change("api", UP, DOWN));
        f.store.flush();
        try (RecordingReceiver receiver = new RecordingReceiver().answer(503, Map.of(), "busy")) {
            OutboxSender sender = webhookSender(f, receiver, mail);
            sender.sendDue();
            f.now.set(only("api@").dueAt());
            sender.sendDue();

            NotificationRecord row = only("api@");
            assertThat(row.status()).isEqualTo("delivered");
            assertThat(receiver.requests()).hasSize(2).allSatisfy(r -> {
                assertThat(r.header("X-Lookout-Delivery")).isEqualTo(row.deliveryId());
                assertThat(r.json().path("id").asText()).isEqualTo(row.deliveryId());
            });
        }
    }

    /**
     * The bug this fixes: ids were row numbers, which a new database hands out again, so a
     * receiver that deduplicates by id dropped the new database's first alerts as repeats.
     */
    @Test
    void the_first_alert_of_a_reset_database_does_not_repeat_a_delivery_id_the_receiver_has_seen() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver()) {
            List<NotificationRecord> rows = new java.util.ArrayList<>();
            for (String database : List.of("before", "after-reset")) {
                try (AlertFixture fresh = new AlertFixture(dir.resolve(database), CONFIG)) {
                    fresh.engine().onStateChange(fresh.change("api", UP, DOWN));
                    fresh.store.flush();
                    webhookSender(fresh, receiver, mail).sendDue();
                    rows.add(fresh.notifications().getFirst());
                }
            }

            assertThat(rows).extracting(NotificationRecord::dedupKey, NotificationRecord::id).as("the same alert, the same row")
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(rows.getFirst().dedupKey(), rows.getFirst().id()));
            assertThat(receiver.requests()).extracting(r -> r.header("X-Lookout-Delivery"))
                    .containsExactly(rows.get(0).deliveryId(), rows.get(1).deliveryId())
                    .doesNotHaveDuplicates();
        }
    }

    /** Records every row delivered to it; fails with the queued failures first. */
    static final class TestRecipients {
        final List<NotificationRecord> received = new CopyOnWriteArrayList<>();
        final List<DeliveryException> failures = new CopyOnWriteArrayList<>();

        OutboxRecipient forChannel(String channelId) {
            if (!channelId.startsWith("subscriber:")) {
                return null;
            }
            return row -> {
                if (!failures.isEmpty()) {
                    throw failures.removeFirst();
                }
                received.add(row);
            };
        }
    }

    private static OutboxEntry notice(String key, String channelId, java.time.Instant at) {
        return new OutboxEntry(key, null, channelId, "INCIDENT_UPDATED", "{\"event\":\"" + key + "\"}", false,
                at, at);
    }

    @Test
    void rows_for_a_recipient_go_one_at_a_time_with_their_body_as_stored_and_unknown_channels_stay_dead() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        TestRecipients recipients = new TestRecipients();
        OutboxSender sender = new OutboxSender(f.store.outbox(), () -> Map.of("slack", slack, "mail", mail),
                recipients::forChannel, () -> f.config.alerting(), "node-1", f.clock, Duration.ofSeconds(5),
                RandomGenerator.of("L64X128MixRandom"));
        var now = f.now.get();
        f.store.outbox().write(new AlertWrites(List.of(), List.of(notice("sub/1/a", "subscriber:1", now),
                notice("sub/1/b", "subscriber:1", now), notice("sub/2/a", "subscriber:2", now), notice("x/gone", "gone", now))));

        assertThat(sender.sendDue()).isEqualTo(4);

        assertThat(recipients.received).extracting(NotificationRecord::dedupKey, NotificationRecord::body)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sub/1/a", "{\"event\":\"sub/1/a\"}"),
                        org.assertj.core.groups.Tuple.tuple("sub/1/b", "{\"event\":\"sub/1/b\"}"),
                        org.assertj.core.groups.Tuple.tuple("sub/2/a", "{\"event\":\"sub/2/a\"}"));
        assertThat(f.notifications()).filteredOn(n -> n.dedupKey().startsWith("sub/")).extracting(NotificationRecord::status)
                .containsExactly("delivered", "delivered", "delivered");
        assertThat(only("x/gone").status()).isEqualTo("dead");
        assertThat(only("x/gone").lastError()).isEqualTo("channel 'gone' is no longer configured");
    }

    @Test
    void a_recipient_gets_the_same_retries_and_its_dead_letters_are_not_reported_on_the_dead_letter_channel() throws Exception {
        f = new AlertFixture(dir, CONFIG);
        TestRecipients recipients = new TestRecipients();
        OutboxSender sender = new OutboxSender(f.store.outbox(), () -> Map.of("slack", slack, "mail", mail),
                recipients::forChannel, () -> f.config.alerting(), "node-1", f.clock, Duration.ofSeconds(5),
                RandomGenerator.of("L64X128MixRandom"));
        f.store.outbox().write(new AlertWrites(List.of(), List.of(notice("sub/1/a", "subscriber:1",
                f.now.get()))));
        recipients.failures.add(DeliveryException.transientFailure("smtp.example.com deferred the mail", null));
        recipients.failures.add(DeliveryException.permanent("smtp.example.com rejected the mail: 550 no such user"));

        sender.sendDue();
        NotificationRecord retrying = only("sub/1/a");
        assertThat(retrying.status()).isEqualTo("pending");
        assertThat(Duration.between(f.now.get(), retrying.dueAt())).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        f.now.set(retrying.dueAt());
        sender.sendDue();
        assertThat(only("sub/1/a").status()).isEqualTo("dead");
        assertThat(only("sub/1/a").lastError()).isEqualTo("smtp.example.com rejected the mail: 550 no such user");

        assertThat(sender.sendDue()).as("no dead-letter report was written").isZero();
        assertThat(f.keys()).containsExactly("sub/1/a");
        assertThat(mail.received).isEmpty();
    }
}
