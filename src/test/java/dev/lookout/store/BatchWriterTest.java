package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.alert.AlertWrites;
import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StoreException;
import dev.lookout.storage.StoreStats;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

    private final List<CheckResult> writtenResults = new CopyOnWriteArrayList<>();
    private final List<StateChange> writtenChanges = new CopyOnWriteArrayList<>();
    private final StorageHealth health = new StorageHealth(java.time.InstantSource.system(), "the test database");

    private static StoreOptions options(int batchSize, int capacity) {
        return StoreOptions.defaults().withBatchSize(batchSize).withQueueCapacity(capacity)
                .withFlushInterval(Duration.ofMillis(10)).withClock(() -> NOW);
    }

    private static CheckResult result(int n) {
        return StoreContract.result("api", NOW.plusSeconds(n), Outcome.OK, n);
    }

    private void record(List<CheckResult> results, List<dev.lookout.store.Store.PointResult> points, List<StateChange> changes,
                        List<dev.lookout.alert.AlertWrites> alerts) {
        writtenResults.addAll(results);
        writtenChanges.addAll(changes);
    }

    @Test
    void drops_the_oldest_results_when_full_but_keeps_state_changes() {
        BatchWriter writer = new BatchWriter(this::record, () -> { }, health, options(3, 3));
        StateChange change = new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, null);
        writer.append(change, AlertWrites.NONE);
        writer.append(result(1));
        writer.append(result(2));
        writer.append(result(3)); // full: result 1 goes, the older state change stays

        writer.start();
        writer.flush();

        assertThat(writtenChanges).containsExactly(change);
        assertThat(writtenResults).containsExactly(result(2), result(3));
        assertThat(writer.stats().droppedWhenFull()).isEqualTo(1);
        writer.close();
    }

    @Test
    void retries_a_failed_batch_until_the_database_is_back() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        BatchWriter writer = new BatchWriter((results, points, changes, alerts) -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SQLException("database is locked");
            }
            record(results, points, changes, alerts);
        }, () -> { }, health, options(10, 100));
        writer.start();

        writer.append(result(1));
        await().until(() -> writtenResults.size() == 1); // flush() refuses to wait while the storage fails
        writer.flush();

        assertThat(writtenResults).containsExactly(result(1));
        assertThat(writer.stats()).isEqualTo(new StoreStats(1, 0, 2, 0, 0, 0, 0));
        writer.close();
    }

    @Test
    void keeps_a_batch_for_as_long_as_the_storage_is_away_and_writes_it_and_what_came_after_in_order() {
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        BatchWriter writer = new BatchWriter((results, points, changes, alerts) -> {
            if (down.get()) {
                failures.incrementAndGet();
                throw new SQLException("Connection to 127.0.0.1:5433 refused", "08001");
            }
            record(results, points, changes, alerts);
        }, () -> { }, () -> { }, health, options(2, 100), Duration.ofMillis(5));
        writer.start();

        for (int i = 1; i <= 5; i++) {
            writer.append(result(i));
        }
        await().until(() -> failures.get() > 10);
        assertThat(health.status().fault()).isEqualTo(StorageFault.UNREACHABLE);
        assertThat(health.problem()).get().asString().contains("storage unreachable since", "refused");
        assertThatThrownBy(writer::flush).as("flush never waits for the storage to come back")
                .isInstanceOf(StoreException.class).hasMessageContaining("items wait in memory until the storage is back");
        assertThat(writtenResults).isEmpty();
        down.set(false);
        await().until(() -> health.status().ok());
        writer.flush();

        assertThat(writtenResults).containsExactly(result(1), result(2), result(3), result(4), result(5));
        assertThat(writer.stats().dropped()).isZero();
        assertThat(health.status().ok()).isTrue();
        writer.close();
    }

    @Test
    void drops_only_the_item_the_database_refuses_and_keeps_the_rest_of_its_batch() {
        BatchWriter writer = new BatchWriter((results, points, changes, alerts) -> {
            if (results.contains(result(2))) {
                throw new SQLException("duplicate key value violates unique constraint", "23505");
            }
            record(results, points, changes, alerts);
        }, () -> { }, () -> { }, health, options(10, 100), Duration.ofMillis(5));
        writer.start();

        writer.append(result(1));
        writer.append(result(2));
        writer.append(result(3));
        writer.flush();

        assertThat(writtenResults).containsExactly(result(1), result(3));
        assertThat(writer.stats().refusedByDatabase()).isEqualTo(1);
        assertThat(health.status().ok()).as("a refused write says nothing about the storage").isTrue();
        writer.close();
    }

    @Test
    void writes_nothing_to_a_replaced_database_until_it_is_accepted() {
        BatchWriter writer = new BatchWriter(this::record, () -> { }, health, options(10, 100));
        writer.start();
        health.hold("the database file was replaced");

        writer.append(result(1));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(writtenResults::isEmpty);
        assertThat(writer.pending()).isEqualTo(1);
        health.accept();
        writer.flush();
        assertThat(writtenResults).containsExactly(result(1));
        writer.close();
    }

    @Test
    void counts_what_is_still_unwritten_when_closed_while_the_storage_is_away() {
        BatchWriter writer = new BatchWriter((results, points, changes, alerts) -> {
            throw new SQLException("No space left on device", "53100");
        }, () -> { }, () -> { }, health, options(10, 100), Duration.ofMillis(5));
        writer.start();
        writer.append(result(1));
        writer.append(result(2));
        await().until(() -> !health.status().ok());

        writer.close();

        assertThat(health.status().fault()).isEqualTo(StorageFault.DISK_FULL);
        assertThat(writer.stats().lostAtShutdown()).isEqualTo(2);
        assertThat(writer.stats().dropped()).isEqualTo(2);
    }

    @Test
    void reports_unhealthy_when_the_queue_is_over_ninety_percent_full() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter writer = new BatchWriter((results, points, changes, alerts) -> release.await(10, TimeUnit.SECONDS),
                () -> { }, health, options(1, 10));
        writer.start();
        writer.checkHealthy();

        for (int i = 0; i < 10; i++) {
            writer.append(result(i));
        }

        assertThatThrownBy(writer::checkHealthy).isInstanceOf(StoreException.class)
                .hasMessageContaining("over 90% full (10 of 10)");
        release.countDown();
        writer.flush();
        writer.checkHealthy();
        writer.close();
    }

    @Test
    void refuses_to_wait_for_a_writer_that_is_not_running() {
        BatchWriter writer = new BatchWriter(this::record, () -> { }, health, options(10, 100));
        writer.append(result(1));

        assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class)
                .hasMessageContaining("writer thread has stopped with 1 writes pending");
        assertThatThrownBy(writer::checkHealthy).hasMessageContaining("not running");
    }

    @Test
    void writes_what_is_queued_when_closed() {
        BatchWriter writer = new BatchWriter(this::record, () -> { }, health, options(2, 100));
        writer.start();
        for (int i = 0; i < 5; i++) {
            writer.append(result(i));
        }

        writer.close();

        assertThat(writtenResults).hasSize(5);
        assertThatThrownBy(() -> writer.append(result(9))).isInstanceOf(StoreException.class);
    }

    @Test
    void writes_the_rollups_after_the_batches_on_flush_and_on_close_and_on_the_interval() {
        List<Integer> rollupFlushes = new CopyOnWriteArrayList<>(); // results written at each rollup flush
        BatchWriter writer = new BatchWriter(this::record, () -> { }, () -> rollupFlushes.add(writtenResults.size()),
                health, options(2, 100).withRollupFlushInterval(Duration.ofHours(1)));
        writer.start();
        for (int i = 0; i < 5; i++) {
            writer.append(result(i));
        }

        writer.flush();
        assertThat(rollupFlushes).containsExactly(5);
        writer.flush(); // nothing new: no flush needed, but one is harmless
        writer.append(result(6));
        writer.close();

        assertThat(rollupFlushes.getLast()).isEqualTo(6);

        List<Integer> timed = new CopyOnWriteArrayList<>();
        BatchWriter frequent = new BatchWriter(this::record, () -> { }, () -> timed.add(1),
                health, options(2, 100).withRollupFlushInterval(Duration.ofMillis(50)));
        frequent.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> timed.size() >= 2);
        frequent.close();
    }

    @Test
    void flush_fails_when_the_rollups_cannot_be_written_and_a_later_flush_retries() {
        AtomicInteger failuresLeft = new AtomicInteger(1);
        AtomicInteger written = new AtomicInteger();
        BatchWriter writer = new BatchWriter(this::record, () -> { }, () -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SQLException("disk I/O error");
            }
            written.incrementAndGet();
        }, health, options(10, 100).withRollupFlushInterval(Duration.ofHours(1)));
        writer.start();
        writer.append(result(1));

        assertThatThrownBy(writer::flush).isInstanceOf(StoreException.class).hasMessageContaining("rollups");
        assertThat(writtenResults).containsExactly(result(1));

        writer.append(result(2));
        writer.flush();
        assertThat(written).hasValue(1);
        writer.close();
    }
}
