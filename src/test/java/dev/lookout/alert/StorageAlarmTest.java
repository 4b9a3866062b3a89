package dev.lookout.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.alert.channel.Channel;
import dev.lookout.alert.channel.DeliveryException;
import dev.lookout.config.AlertingConfig;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreStats;
import dev.lookout.store.StorageHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The storage alarm on a clock moved by hand, with attempts run on the test's thread: once per
 * outage, a recovery with the counts, flapping held together, a replaced database said at once,
 * retries at 0, 5, 15 and 35 s with one delivery id, and messages to a channel kept in order.
 */
class StorageAlarmTest {
    private static final Instant START = Instant.parse("2026-12-06T20:14:03Z");
    private static final StorageStatus OK = new StorageStatus(null, "", null);

    private final ManualTime time = new ManualTime(START);
    private volatile StorageStatus status = OK;
    private volatile StoreStats stats = stats(0, 0);
    private volatile AlertingConfig alerting = alerting(Duration.ofMinutes(1), "ops");
    private final FakeChannel ops = new FakeChannel("ops");
    private final FakeChannel pager = new FakeChannel("pager");
    private StorageAlarm alarm = newAlarm();

    @AfterEach
    void close() {
        alarm.close();
    }

    private StorageAlarm newAlarm() {
        return new StorageAlarm(new StorageAlarm.Storage(() -> status, () -> stats, "SQLite database /data/lookout.db",
                100_000), () -> alerting, () -> Map.of("ops", ops, "pager", pager), time, "node-1", Duration.ofSeconds(10),
                Runnable::run);
    }

    @Test
    void says_nothing_about_an_outage_shorter_than_the_threshold() {
        fail(StorageFault.UNREACHABLE, "Connection refused");
        seconds(59);
        status = OK;
        seconds(30);

        assertThat(ops.attempts).isEmpty();
        assertThat(alarm.active()).isFalse();
    }

    @Test
    void says_once_when_the_threshold_passes_and_once_when_the_storage_is_back_with_the_counts() {
        fail(StorageFault.DISK_FULL, "No space left on device");
        seconds(59);
        assertThat(ops.attempts).isEmpty();
        stats = stats(1_234, 0);
        seconds(1);

        assertThat(ops.attempts).hasSize(1);
        AlertMessage raised = ops.attempts.getFirst();
        assertThat(raised.kind()).isEqualTo(AlertKind.MONITORING_SIDE_FAILURE);
        assertThat(raised.text()).isEqualTo("Lookout on node-1 cannot write to its storage: disk full since"
                + " 2026-12-06 20:14:03 UTC (1m): No space left on device. 1,234 results, state changes and notifications"
                + " wait in memory (room for 100,000; when it is full the oldest results are dropped, state changes never)."
                + " Checks go on; alerts about monitors wait in memory with their state changes and are sent once the"
                + " storage is back. Database: SQLite database /data/lookout.db.");
        assertThat(alarm.active()).isTrue();

        stats = stats(100_000, 25);
        seconds(120);
        assertThat(ops.attempts).as("one message per outage, not one per tick").hasSize(1);

        status = OK;
        seconds(5);
        assertThat(ops.attempts).as("the recovery waits until the storage has worked for 5 s").hasSize(1);
        seconds(1);
        assertThat(ops.attempts).hasSize(2);
        AlertMessage back = ops.attempts.get(1);
        assertThat(back.kind()).isEqualTo(AlertKind.RECOVERED);
        assertThat(back.text()).isEqualTo("Lookout on node-1 writes to its storage again after 3m 1s (disk full since"
                + " 2026-12-06 20:14:03 UTC). 100,000 results, state changes and notifications waited in memory and are"
                + " written in order now; 25 results were dropped because the buffer was full.");
        assertThat(back.id()).isNotEqualTo(raised.id());
        assertThat(List.of(raised.id(), back.id())).allSatisfy(id -> assertThat(java.util.UUID.fromString(id)).isNotNull());
        assertThat(alarm.active()).isFalse();
        assertThat(alarm.delivered()).isEqualTo(2);

        seconds(600);
        assertThat(ops.attempts).hasSize(2);
    }

    @Test
    void storage_that_works_for_less_than_five_seconds_between_failures_is_one_outage() {
        fail(StorageFault.UNREACHABLE, "Connection refused");
        seconds(40);
        status = OK;
        seconds(3);
        fail(StorageFault.UNREACHABLE, "Connection refused");
        seconds(16);
        assertThat(ops.attempts).isEmpty();
        seconds(1);
        assertThat(ops.attempts).as("the threshold counts from the first failure").hasSize(1);
        assertThat(ops.attempts.getFirst().text()).contains("storage unreachable since 2026-12-06 20:14:03 UTC");

        for (int i = 0; i < 5; i++) {
            status = OK;
            seconds(4);
            fail(StorageFault.UNREACHABLE, "Connection refused");
            seconds(20);
        }
        assertThat(ops.attempts).as("flapping adds no alarm and no recovery").hasSize(1);

        status = OK;
        seconds(6);
        assertThat(ops.attempts).extracting(AlertMessage::kind).containsExactly(AlertKind.MONITORING_SIDE_FAILURE,
                AlertKind.RECOVERED);
    }

    @Test
    void a_replaced_database_is_said_at_once_with_the_command_and_its_acceptance_is_the_recovery() {
        status = new StorageStatus(StorageFault.REPLACED, "the database file /data/lookout.db was deleted while"
                + " Lookout had it open", START);
        stats = stats(3, 0);
        alarm.tick();

        assertThat(ops.attempts).hasSize(1);
        assertThat(ops.attempts.getFirst().text()).startsWith("Lookout on node-1 holds its writes: database replaced since"
                + " 2026-12-06 20:14:03 UTC: the database file /data/lookout.db was deleted while Lookout had it open.")
                .contains("until an operator accepts it with `lookout storage accept-new`")
                .contains("3 results, state changes and notifications wait in memory");
        seconds(300);
        assertThat(ops.attempts).hasSize(1);

        status = OK; // accepted
        seconds(6);
        assertThat(ops.attempts).hasSize(2);
        assertThat(ops.attempts.get(1).text()).startsWith("Lookout on node-1 writes to its storage again after 5m 1s:"
                + " the new database was accepted (database replaced since 2026-12-06 20:14:03 UTC).");
    }

    @Test
    void a_database_found_replaced_during_an_announced_outage_is_said_once_more() {
        fail(StorageFault.UNREACHABLE, "Connection refused");
        seconds(60);
        status = new StorageStatus(StorageFault.REPLACED, "Lookout's tables are gone", time.instant());
        seconds(30);

        assertThat(ops.attempts).hasSize(2);
        assertThat(ops.attempts.get(1).text()).contains("database replaced").contains("lookout storage accept-new");
    }

    @Test
    void a_failed_delivery_is_tried_again_at_5_15_and_35_seconds_with_the_same_id_then_given_up() {
        ops.failNext(4, () -> DeliveryException.transientFailure("HTTP 502", null));
        alerting = alerting(Duration.ofSeconds(2), "ops");
        fail(StorageFault.READ_ONLY, "attempt to write a readonly database");
        seconds(2);
        Instant made = time.instant();
        seconds(40);

        assertThat(ops.attemptedAt).containsExactly(made, made.plusSeconds(5), made.plusSeconds(15), made.plusSeconds(35));
        assertThat(ops.attempts).extracting(AlertMessage::id).containsOnly(ops.attempts.getFirst().id());
        assertThat(alarm.undeliverable()).isEqualTo(1);
        assertThat(alarm.delivered()).isZero();
        seconds(600);
        assertThat(ops.attempts).hasSize(4);
    }

    @Test
    void a_refused_delivery_is_not_tried_again_and_other_channels_get_theirs() {
        alerting = alerting(Duration.ofSeconds(2), "ops", "pager");
        ops.failNext(1, () -> DeliveryException.permanent("HTTP 404"));
        fail(StorageFault.BUSY, "database is locked");
        seconds(60);

        assertThat(ops.attempts).hasSize(1);
        assertThat(pager.attempts).hasSize(1);
        assertThat(pager.attempts.getFirst().id()).isEqualTo(ops.attempts.getFirst().id());
        assertThat(alarm.undeliverable()).isEqualTo(1);
        assertThat(alarm.delivered()).isEqualTo(1);
    }

    @Test
    void a_recovery_never_overtakes_its_alarm_on_a_channel() {
        alerting = alerting(Duration.ofSeconds(2), "ops");
        ops.failNext(2, () -> DeliveryException.transientFailure("connection reset", null));
        fail(StorageFault.IO_ERROR, "disk I/O error");
        seconds(2);
        status = OK;
        seconds(6); // the recovery is made while the alarm waits for its third attempt

        assertThat(ops.delivered).isEmpty();
        seconds(20);
        assertThat(ops.delivered).extracting(AlertMessage::kind).containsExactly(AlertKind.MONITORING_SIDE_FAILURE,
                AlertKind.RECOVERED);
    }

    @Test
    void turned_off_it_says_nothing() {
        alerting = alerting(Duration.ZERO, "ops");
        fail(StorageFault.DISK_FULL, "No space left on device");
        seconds(600);
        status = new StorageStatus(StorageFault.REPLACED, "Lookout's tables are gone", time.instant());
        seconds(10);

        assertThat(ops.attempts).isEmpty();
    }

    @Test
    void the_tick_never_waits_for_a_channel_and_a_hung_attempt_is_cut_at_its_deadline() {
        CountDownLatch never = new CountDownLatch(1);
        FakeChannel hung = new FakeChannel("ops") {
            @Override
            public void send(AlertMessage message) throws DeliveryException {
                super.send(message);
                try {
                    never.await();
                } catch (InterruptedException e) {
                    throw DeliveryException.transientFailure("interrupted", e);
                }
            }
        };
        alarm.close();
        alarm = new StorageAlarm(new StorageAlarm.Storage(() -> status, () -> stats, "db", 10), () -> alerting,
                () -> Map.of("ops", hung), time, "node-1", Duration.ofMillis(200), Executors.newVirtualThreadPerTaskExecutor());
        alerting = alerting(Duration.ofSeconds(1), "ops");
        fail(StorageFault.UNREACHABLE, "Connection refused");
        seconds(1); // returns while the channel hangs

        await().atMost(Duration.ofSeconds(30)).until(() -> hung.attempts.size() == 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            seconds(1);
            return hung.attempts.size() == 2;
        });
        assertThat(hung.attempts.get(1).id()).isEqualTo(hung.attempts.getFirst().id());
    }

    private void fail(StorageFault fault, String reason) {
        status = new StorageStatus(fault, reason, time.instant());
    }

    /** Moves the clock one second at a time, ticking after each, as the node's timer does. */
    private void seconds(int n) {
        for (int i = 0; i < n; i++) {
            time.advance(Duration.ofSeconds(1));
            alarm.tick();
        }
    }

    private static StoreStats stats(int pending, long droppedWhenFull) {
        return new StoreStats(0, 0, 0, droppedWhenFull, 0, 0, pending);
    }

    private static AlertingConfig alerting(Duration after, String... systemChannels) {
        return new AlertingConfig(List.of(), Duration.ofSeconds(30), Duration.ofHours(24), null, List.of(systemChannels),
                AlertingConfig.RetryConfig.DEFAULT, Duration.ofMinutes(2), AlertingConfig.FlappingConfig.DEFAULT,
                AlertingConfig.MassFailureConfig.DEFAULT, null, after);
    }

    /** A channel that records every attempt (and when), and fails the next ones as told. */
    private class FakeChannel implements Channel {
        @Override
        public String target() {
            return "test";
        }

        final String id;
        final List<AlertMessage> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Instant> attemptedAt = new ArrayList<>();
        final List<AlertMessage> delivered = new ArrayList<>();
        private final Deque<java.util.function.Supplier<DeliveryException>> failures = new ArrayDeque<>();

        FakeChannel(String id) {
            this.id = id;
        }

        void failNext(int n, java.util.function.Supplier<DeliveryException> failure) {
            for (int i = 0; i < n; i++) {
                failures.add(failure);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void send(AlertMessage message) throws DeliveryException {
            attempts.add(message);
            attemptedAt.add(time.instant());
            java.util.function.Supplier<DeliveryException> failure = failures.poll();
            if (failure != null) {
                throw failure.get();
            }
            delivered.add(message);
        }
    }
}
