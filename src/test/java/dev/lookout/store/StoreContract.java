package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.lookout.alert.AlertWrites;
import dev.lookout.alert.EpisodeRecord;
import dev.lookout.alert.GuardRecord;
import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.Outbox;
import dev.lookout.alert.OutboxEntry;
import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.condition.ConditionResult;
import dev.lookout.evaluate.MassFailureGuard;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.StateChange;
import dev.lookout.heartbeat.HeartbeatMemory;
import dev.lookout.heartbeat.Ping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever the database. A subclass supplies a fresh, empty database
 * per test.
 */
abstract class StoreContract implements SubscriberStoreContract, ProbeRegistryContract, AccountStoreContract,
        AuditLogContract, MonitorControlContract, ManagedMonitorsContract {

    /** 12:30 UTC, so that the hour under test started 30 minutes ago. */
    static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");
    static final Instant HOUR_12 = Instant.parse("2026-03-10T12:00:00Z");
    static final Instant HOUR_13 = Instant.parse("2026-03-10T13:00:00Z");
    static final Instant DAY = Instant.parse("2026-03-10T00:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final List<Store> opened = new ArrayList<>();
    String url;
    Store store;

    @Override
    public Store store() {
        return store;
    }

    @Override
    public Store openNode(String node) {
        return open(node);
    }

    /** A URL of a new, empty database that lives until the end of the test class. */
    abstract String newDatabaseUrl() throws Exception;

    /** JDBC URL of the database of a store URL. */
    abstract String jdbcUrl(String storeUrl);

    /** JDBC user (null for none); the password is empty. */
    abstract String jdbcUser();

    @BeforeEach
    void openStore() throws Exception {
        url = newDatabaseUrl();
        store = open("node-a");
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    /** Rollups are written on flush(), close() and every 60 s, which no test here waits for. */
    Store open(String node) {
        return open(node, StoreOptions.DEFAULT_ROLLUP_FLUSH_INTERVAL);
    }

    Store open(String node, Duration rollupFlushInterval) {
        StoreOptions options = StoreOptions.defaults()
                .withNode(node)
                .withClock(clock)
                .withFlushInterval(Duration.ofMillis(20))
                .withRollupFlushInterval(rollupFlushInterval);
        Store s = Stores.open(url, options);
        opened.add(s);
        return s;
    }

    /** Queues a state change that caused no alert writes, the way the alert engine queues one. */
    void appendChange(StateChange change) {
        store.alerts().append(change, AlertWrites.NONE);
    }

    static CheckResult result(String monitorId, Instant startedAt, Outcome outcome, double totalMillis) {
        return new CheckResult(monitorId, startedAt, outcome, outcome == Outcome.OK ? "" : "status 503",
                Timings.totalOnly(Math.round(totalMillis * 1_000)), List.of());
    }

    // --- monitors -----------------------------------------------------------------------------

    @Test
    void inserts_configured_monitors_and_updates_only_the_changed_ones() {
        store.syncMonitors(List.of(
                new MonitorRecord("api", "API", "http", "backend", "{\"url\":\"https://api.example\"}"),
                new MonitorRecord("db", "Database", "tcp", null, "{}")));
        clock.advance(Duration.ofMinutes(5));

        store.syncMonitors(List.of(
                new MonitorRecord("api", "Public API", "http", "backend", "{\"url\":\"https://api.example\"}"),
                new MonitorRecord("db", "Database", "tcp", null, "{}")));

        List<StoredMonitor> monitors = store.monitors();
        assertThat(monitors).extracting(StoredMonitor::monitor).containsExactly(
                new MonitorRecord("api", "Public API", "http", "backend", "{\"url\":\"https://api.example\"}"),
                new MonitorRecord("db", "Database", "tcp", null, "{}"));
        assertThat(monitors.get(0).createdAt()).isEqualTo(NOW);
        assertThat(monitors.get(0).updatedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(monitors.get(1).updatedAt()).as("unchanged monitor").isEqualTo(NOW);
        assertThat(monitors).noneMatch(StoredMonitor::removed);
    }

    @Test
    void keeps_a_monitor_that_left_the_config_with_its_history() {
        store.syncMonitors(List.of(new MonitorRecord("api", "API", "http", null, "{}"),
                new MonitorRecord("old", "Old", "tcp", null, "{}")));
        store.append(result("old", NOW, Outcome.OK, 12));
        store.flush();
        clock.advance(Duration.ofMinutes(1));

        store.syncMonitors(List.of(new MonitorRecord("api", "API", "http", null, "{}")));

        assertThat(store.monitors()).filteredOn(m -> m.monitor().id().equals("old")).singleElement()
                .satisfies(m -> assertThat(m.removedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1))));
        assertThat(store.lastResult("old")).isPresent();
    }

    @Test
    void brings_back_a_removed_monitor_that_returns_to_the_config() {
        MonitorRecord api = new MonitorRecord("api", "API", "http", null, "{}");
        store.syncMonitors(List.of(api));
        store.syncMonitors(List.of());
        assertThat(store.monitors()).singleElement().matches(StoredMonitor::removed);

        store.syncMonitors(List.of(api));

        assertThat(store.monitors()).singleElement().satisfies(m -> {
            assertThat(m.removed()).isFalse();
            assertThat(m.createdAt()).isEqualTo(NOW);
        });
    }

    // --- results and state changes ------------------------------------------------------------

    @Test
    void round_trips_a_result_with_its_timings_and_conditions() {
        CheckResult written = new CheckResult("api", NOW.plusMillis(123), Outcome.DEGRADED, "slow answer",
                new Timings(1_200, 3_400, 15_000, 80_500, 91_234),
                List.of(new ConditionResult("status == 200", true, false, "200"),
                        new ConditionResult("latency < 50ms", false, true, "91ms")));

        store.append(written);
        store.flush();

        assertThat(store.lastResult("api")).contains(written);
        assertThat(store.lastResult("other")).isEmpty();
    }

    @Test
    void returns_recent_results_newest_first_up_to_the_limit() {
        for (int i = 0; i < 5; i++) {
            store.append(result("api", NOW.plusSeconds(i * 30L), Outcome.OK, 10 + i));
        }
        store.flush();

        assertThat(StoredHistory.results(store, "api", 3)).extracting(CheckResult::startedAt)
                .containsExactly(NOW.plusSeconds(120), NOW.plusSeconds(90), NOW.plusSeconds(60));
    }

    @Test
    void round_trips_state_changes_with_their_cause_and_knows_the_last_state_of_each_monitor() {
        CheckResult cause = new CheckResult("api", NOW, Outcome.FAILED, "connection refused",
                new Timings(Timings.NONE, 2_000, Timings.NONE, Timings.NONE, 2_100),
                List.of(new ConditionResult("connected", false, false, "false")));
        StateChange down = new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, cause);
        StateChange paused = new StateChange("api", NOW.plusSeconds(60), MonitorState.DOWN, MonitorState.PAUSED, null);
        StateChange dbUp = new StateChange("db", NOW, MonitorState.UNKNOWN, MonitorState.UP, null);

        appendChange(down);
        appendChange(dbUp);
        appendChange(paused);
        store.flush();

        assertThat(StoredHistory.stateChanges(store, "api", 10)).containsExactly(paused, down);
        assertThat(StoredHistory.stateChanges(store, "api", 1)).containsExactly(paused);
        assertThat(store.lastStates()).isEqualTo(Map.of("api", MonitorState.PAUSED, "db", MonitorState.UP));
    }

    @Test
    void gives_the_newest_result_of_each_monitor_asked_for() {
        store.append(result("api", NOW, Outcome.OK, 10));
        store.append(result("api", NOW.plusSeconds(30), Outcome.FAILED, 20));
        store.append(result("db", NOW.plusSeconds(10), Outcome.OK, 5));
        store.append(result("blog", NOW.plusSeconds(40), Outcome.OK, 5));
        store.flush();

        Map<String, CheckResult> latest = store.latestResults(List.of("api", "db", "never-checked"));
        assertThat(latest).containsOnlyKeys("api", "db");
        assertThat(latest.get("api").startedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(latest.get("api").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(latest.get("db").startedAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(store.latestResults(List.of())).isEmpty();

        Map<String, List<CheckResult>> newest = store.newestResults(List.of("api", "db", "never-checked"), 2);
        assertThat(newest).containsOnlyKeys("api", "db");
        assertThat(newest.get("api")).extracting(CheckResult::startedAt).containsExactly(NOW.plusSeconds(30), NOW);
        assertThat(newest.get("db")).hasSize(1);
        assertThat(store.newestResults(List.of("api"), 0)).isEmpty();
    }

    @Test
    void reads_the_results_other_nodes_wrote_after_a_cursor_and_the_states_changed_since_a_time() {
        Store other = open("node-b"); // another node on the same database
        store.append(result("api", NOW.minusSeconds(60), Outcome.OK, 1));
        store.flush();
        long start = store.newestResultId();
        assertThat(start).isPositive();
        other.append(result("api", NOW, Outcome.OK, 10));
        other.append(result("api", NOW.plusSeconds(30), Outcome.FAILED, 20));
        other.append(result("db", NOW.plusSeconds(10), Outcome.OK, 5));
        store.append(result("blog", NOW.plusSeconds(40), Outcome.OK, 5)); // this node's own
        other.flush();
        store.flush();

        Store.NewResults read = store.resultsOfOtherNodesAfter(start, new long[0]);
        assertThat(read.newest()).as("the other node's, the newest of each").containsOnlyKeys("api", "db");
        assertThat(read.newest().get("api").startedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(read.cursor()).isGreaterThan(start).isLessThanOrEqualTo(store.newestResultId());
        assertThat(read.read()).as("the ids of the three rows read").hasSize(3);
        assertThat(read.rows()).as("each row with who wrote it, in id order")
                .extracting(r -> r.node() + " " + r.result().monitorId() + " " + r.result().startedAt())
                .containsExactly("node-b api " + NOW, "node-b api " + NOW.plusSeconds(30), "node-b db " + NOW.plusSeconds(10));
        assertThat(java.util.Arrays.stream(read.read()).min().orElseThrow()).isGreaterThan(start);
        Store.NewResults again = store.resultsOfOtherNodesAfter(read.cursor(), new long[0]);
        assertThat(again.newest()).isEmpty();
        assertThat(again.cursor()).as("nothing new: the cursor stays").isEqualTo(read.cursor());
        Store.NewResults skipping = store.resultsOfOtherNodesAfter(start, read.read());
        assertThat(skipping.newest()).as("the rows read already are skipped").isEmpty();
        assertThat(skipping.read()).isEmpty();
        Store.NewResults partly = store.resultsOfOtherNodesAfter(start, java.util.Arrays.copyOf(read.read(), 2));
        assertThat(partly.read()).containsExactly(read.read()[2]);
        assertThat(other.resultsOfOtherNodesAfter(start, new long[0]).newest()).containsOnlyKeys("blog");

        appendChange(new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, null));
        appendChange(new StateChange("db", NOW.plusSeconds(60), MonitorState.UNKNOWN, MonitorState.UP, null));
        store.flush();
        assertThat(other.statesChangedSince(NOW.plusSeconds(60))).isEqualTo(Map.of("db", MonitorState.UP));
        assertThat(other.statesChangedSince(NOW)).isEqualTo(Map.of("api", MonitorState.DOWN, "db", MonitorState.UP));
        assertThat(other.statesChangedSince(NOW.plusSeconds(61))).isEmpty();
    }

    @Test
    void a_vantage_points_own_result_is_read_by_the_other_nodes_but_is_not_the_monitors_result() {
        Store other = open("node-b");
        long start = store.newestResultId();
        other.append(result("api", NOW, Outcome.OK, 10)); // the combined result: the monitor's
        other.appendPointResult("server", result("api", NOW.plusSeconds(1), Outcome.FAILED, 20)); // node-b's own check
        other.flush();

        Store.NewResults read = store.resultsOfOtherNodesAfter(start, new long[0]);
        assertThat(read.rows()).extracting(r -> r.node() + " " + r.point() + " " + r.result().outcome())
                .containsExactly("node-b null OK", "node-b server FAILED");
        assertThat(read.newest().get("api").startedAt()).as("the monitor's newest is its own result").isEqualTo(NOW);
        assertThat(store.latestResults(List.of("api")).get("api").startedAt()).isEqualTo(NOW);
        assertThat(store.lastResult("api").orElseThrow().outcome()).isEqualTo(Outcome.OK);
        RollupPeriod hour = store.summary("api", NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600));
        assertThat(hour.count()).as("not in the uptime").isEqualTo(1);
        assertThat(hour.failed()).isZero();
        other.appendPointResult("server", result("api", NOW.plusSeconds(2), Outcome.OK, 20));
        other.appendPointResult("server", result("db", NOW.plusSeconds(3), Outcome.OK, 20));
        other.flush();
        assertThat(store.newestPointResults(List.of("api", "db"), 2)).as("the newest two of each, oldest first")
                .extracting(r -> r.point() + " " + r.result().monitorId() + " " + r.result().startedAt())
                .containsExactly("server api " + NOW.plusSeconds(1), "server api " + NOW.plusSeconds(2),
                        "server db " + NOW.plusSeconds(3));
    }

    @Test
    void a_state_change_older_than_the_stored_one_does_not_replace_it_as_the_current_state() {
        // A node that returns from a cut writes what it decided before another node took the monitor over.
        appendChange(new StateChange("api", NOW.plusSeconds(60), MonitorState.DOWN, MonitorState.UP, null));
        store.flush();
        appendChange(new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, null));
        store.flush();

        assertThat(store.lastStates()).containsEntry("api", MonitorState.UP);
        assertThat(StoredHistory.stateChanges(store, "api", 10)).as("both kept in the history").hasSize(2);
    }

    @Test
    void loses_nothing_when_many_threads_append_at_once() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String monitor = "m" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    store.append(result(monitor, NOW.plusMillis(i), Outcome.OK, 5));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        store.flush();

        for (int t = 0; t < threads; t++) {
            assertThat(StoredHistory.results(store, "m" + t, 10_000)).hasSize(perThread);
            assertThat(store.rollups("m" + t, RollupPeriod.Granularity.HOUR, HOUR_12, HOUR_13))
                    .singleElement().extracting(RollupPeriod::count).isEqualTo((long) perThread);
        }
        assertThat(store.stats().resultsWritten()).isEqualTo(threads * perThread);
        assertThat(store.stats().dropped()).isZero();
        assertThat(store.pendingWrites()).isZero();
    }

    // --- rollups ------------------------------------------------------------------------------

    @Test
    void rolls_up_results_per_hour_and_day_across_batches() {
        store.append(result("api", HOUR_12.plusSeconds(10), Outcome.OK, 100));
        store.append(result("api", HOUR_12.plusSeconds(20), Outcome.DEGRADED, 300));
        store.append(result("api", HOUR_12.plusSeconds(30), Outcome.TIMEOUT, 10_000));
        store.flush();
        store.append(result("api", HOUR_12.plusSeconds(40), Outcome.OK, 50));
        store.append(result("api", HOUR_12.plusSeconds(50), Outcome.FAILED, 2));
        store.append(result("api", HOUR_13.plusSeconds(5), Outcome.OK, 200));
        store.flush();

        List<RollupPeriod> hours = store.rollups("api", RollupPeriod.Granularity.HOUR, DAY, DAY.plusSeconds(86_400));
        assertThat(hours).hasSize(2);
        RollupPeriod twelve = hours.get(0);
        assertThat(twelve.periodStart()).isEqualTo(HOUR_12);
        assertThat(twelve.count()).isEqualTo(5);
        assertThat(twelve.ok()).isEqualTo(2);
        assertThat(twelve.degraded()).isEqualTo(1);
        assertThat(twelve.failed()).isEqualTo(2);
        assertThat(twelve.uptime()).isEqualTo(0.6);
        // the timeout's 10 s and the failure's 2 ms are not latencies
        assertThat(twelve.latencyMinMillis()).isEqualTo(50);
        assertThat(twelve.latencyMaxMillis()).isEqualTo(300);
        assertThat(twelve.latencyAvgMillis()).isCloseTo(150, within(1e-9));
        assertThat(twelve.latencyP95Millis()).isCloseTo(300, within(300 * 0.02));
        assertThat(hours.get(1).periodStart()).isEqualTo(HOUR_13);
        assertThat(hours.get(1).count()).isEqualTo(1);

        RollupPeriod day = store.rollups("api", RollupPeriod.Granularity.DAY, DAY, DAY.plusSeconds(86_400))
                .getFirst();
        assertThat(day.periodStart()).isEqualTo(DAY);
        assertThat(day.count()).isEqualTo(6);
        assertThat(day.failed()).isEqualTo(2);
        assertThat(day.latencyMinMillis()).isEqualTo(50);
        assertThat(day.latencyMaxMillis()).isEqualTo(300);
        assertThat(day.latencyAvgMillis()).isCloseTo(162.5, within(1e-9));
    }

    @Test
    void merges_the_latency_sketch_across_batches_into_a_sane_p95() {
        Random random = new Random(1);
        double[] latencies = new double[2_000];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = 20 + random.nextDouble() * 180;
            store.append(result("api", HOUR_12.plusMillis(i * 1_000L), Outcome.OK, latencies[i]));
            if (i % 700 == 0) {
                store.flush(); // several transactions merge into the same row
            }
        }
        store.flush();
        Arrays.sort(latencies);
        double exactP95 = latencies[(int) Math.ceil(0.95 * latencies.length) - 1];

        RollupPeriod hour = store.rollups("api", RollupPeriod.Granularity.HOUR, HOUR_12, HOUR_13).getFirst();

        assertThat(hour.count()).isEqualTo(2_000);
        assertThat(hour.latencyP95Millis()).isCloseTo(exactP95, within(exactP95 * 0.02));
    }

    @Test
    void two_nodes_writing_the_same_hour_add_up_their_rollups() throws Exception {
        Store other = open("node-b");
        Thread a = Thread.ofPlatform().start(() -> appendMany(store, 10));
        Thread b = Thread.ofPlatform().start(() -> appendMany(other, 1_000));
        a.join();
        b.join();
        store.flush();
        other.flush();

        RollupPeriod hour = store.rollups("api", RollupPeriod.Granularity.HOUR, HOUR_12, HOUR_13).getFirst();
        assertThat(hour.count()).isEqualTo(2_000);
        assertThat(hour.latencyMinMillis()).isEqualTo(10);
        assertThat(hour.latencyMaxMillis()).isEqualTo(1_000);
        assertThat(hour.latencyP95Millis()).as("both nodes' sketches merged").isCloseTo(1_000, within(20.0));
        assertThat(store.summary("api", HOUR_12, HOUR_13).latencyP95Millis()).isCloseTo(1_000, within(20.0));
    }

    private static void appendMany(Store target, double millis) {
        for (int i = 0; i < 1_000; i++) {
            target.append(result("api", HOUR_12.plusMillis(i), Outcome.OK, millis));
            if (i % 100 == 0) {
                target.flush();
            }
        }
    }

    @Test
    void summarises_a_range_of_hours_from_the_hourly_rollups() {
        store.append(result("api", HOUR_12.minusSeconds(60), Outcome.OK, 999)); // 11:59, outside
        store.append(result("api", HOUR_12.plusSeconds(60), Outcome.OK, 10));
        store.append(result("api", HOUR_12.plusSeconds(120), Outcome.FAILED, 5_000));
        store.append(result("api", HOUR_13.plusSeconds(60), Outcome.OK, 30));
        store.append(result("api", HOUR_13.plusSeconds(3_600), Outcome.OK, 999)); // 14:01, outside
        store.flush();

        RollupPeriod summary = store.summary("api", HOUR_12, HOUR_13.plusSeconds(3_600));

        assertThat(summary.periodStart()).isEqualTo(HOUR_12);
        assertThat(summary.count()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.latencyMinMillis()).isEqualTo(10);
        assertThat(summary.latencyMaxMillis()).isEqualTo(30);
        assertThat(summary.latencyAvgMillis()).isEqualTo(20);
        assertThat(summary.latencyP95Millis()).isCloseTo(30, within(0.6));
        assertThat(summary.latencyP50Millis()).as("the median of 10 and 30 ms, nearest rank").isCloseTo(10, within(0.2));
    }

    @Test
    void counts_only_reads_give_the_counts_of_the_full_reads_stored_and_in_memory() {
        appendSample(store);
        store.flush(); // in the table
        appendSample(store); // and in memory
        awaitResultsWritten(store);

        List<RollupPeriod> full = store.rollups("api", RollupPeriod.Granularity.DAY, DAY, DAY.plusSeconds(86_400));
        List<RollupPeriod> counts = store.rollupCounts("api", RollupPeriod.Granularity.DAY, DAY, DAY.plusSeconds(86_400));
        assertThat(counts).extracting(RollupPeriod::periodStart, RollupPeriod::count, RollupPeriod::ok, RollupPeriod::failed)
                .containsExactlyElementsOf(full.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.periodStart(),
                        r.count(), r.ok(), r.failed())).toList());
        assertThat(counts.getFirst().count()).isEqualTo(8);
        RollupPeriod summary = store.summaryCounts("api", HOUR_12, HOUR_13.plusSeconds(3_600));
        assertThat(summary.count()).isEqualTo(8);
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(summary.uptime()).isEqualTo(store.summary("api", HOUR_12, HOUR_13.plusSeconds(3_600)).uptime());
        assertThat(store.summaryCounts("api", HOUR_12.minusSeconds(7_200), HOUR_12).count()).isZero();
    }

    @Test
    void summarises_a_range_without_results_as_count_zero() {
        RollupPeriod summary = store.summary("api", HOUR_12, HOUR_13);

        assertThat(summary.count()).isZero();
        assertThat(summary.uptime()).isNaN();
        assertThat(summary.latencyP95Millis()).isNaN();
    }

    // --- rollups kept in memory, their flushes and the recovery after a crash ------------------

    /** Waits until the raw results are stored, without asking for a rollup flush as flush() does. */
    static void awaitResultsWritten(Store target) {
        await().atMost(Duration.ofSeconds(10)).until(() -> target.pendingWrites() == 0);
    }

    static int pendingRollupRows(Store target) {
        return ((SqlStore) target).pendingRollupRows();
    }

    /** Three results at 12:xx (100, 300 ms and a timeout) and one at 13:05 (200 ms) for "api", one for "db". */
    static void appendSample(Store target) {
        target.append(result("api", HOUR_12.plusSeconds(10), Outcome.OK, 100));
        target.append(result("api", HOUR_12.plusSeconds(20), Outcome.DEGRADED, 300));
        target.append(result("api", HOUR_12.plusSeconds(30), Outcome.TIMEOUT, 10_000));
        target.append(result("api", HOUR_13.plusSeconds(5), Outcome.OK, 200));
        target.append(result("db", HOUR_12.plusSeconds(40), Outcome.OK, 7));
    }

    /** What {@link #appendSample} adds up to, {@code times} times over. */
    static void assertSampleTotals(Store target, int times) {
        List<RollupPeriod> hours = target.rollups("api", RollupPeriod.Granularity.HOUR, DAY, DAY.plusSeconds(86_400));
        assertThat(hours).extracting(RollupPeriod::periodStart).containsExactly(HOUR_12, HOUR_13);
        RollupPeriod twelve = hours.getFirst();
        assertThat(twelve.count()).isEqualTo(3L * times);
        assertThat(twelve.ok()).isEqualTo(times);
        assertThat(twelve.degraded()).isEqualTo(times);
        assertThat(twelve.failed()).isEqualTo(times);
        assertThat(twelve.latencyMinMillis()).isEqualTo(100);
        assertThat(twelve.latencyMaxMillis()).isEqualTo(300);
        assertThat(twelve.latencyAvgMillis()).isCloseTo(200, within(1e-9));
        assertThat(twelve.latencyP95Millis()).isCloseTo(300, within(6.0));
        assertThat(hours.get(1).count()).isEqualTo(times);
        RollupPeriod day = target.rollups("api", RollupPeriod.Granularity.DAY, DAY, DAY.plusSeconds(86_400))
                .getFirst();
        assertThat(day.count()).isEqualTo(4L * times);
        assertThat(day.latencyAvgMillis()).isCloseTo(200, within(1e-9));
        RollupPeriod summary = target.summary("api", HOUR_12, HOUR_13.plusSeconds(3_600));
        assertThat(summary.count()).isEqualTo(4L * times);
        assertThat(summary.latencyMaxMillis()).isEqualTo(300);
        assertThat(target.summary("db", HOUR_12, HOUR_13).count()).isEqualTo(times);
    }

    @Test
    void reads_see_the_rollups_kept_in_memory_before_any_rollup_flush() {
        appendSample(store);
        awaitResultsWritten(store);

        assertThat(pendingRollupRows(store)).as("nothing flushed yet").isPositive();
        assertSampleTotals(store, 1);
        assertThat(open("node-b").summary("api", HOUR_12, HOUR_13).count()).as("another node reads the table")
                .isZero();

        store.flush(); // now in the table
        assertThat(pendingRollupRows(store)).isZero();
        appendSample(store); // and again in memory: reads add both
        awaitResultsWritten(store);
        assertSampleTotals(store, 2);
    }

    @Test
    void writes_the_rollups_every_rollup_flush_interval_without_a_flush() {
        Store frequent = open("node-f", Duration.ofMillis(200));
        appendSample(frequent);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(frequent.pendingWrites()).isZero();
            assertThat(pendingRollupRows(frequent)).isZero();
        });
        assertSampleTotals(store, 1); // node-a has nothing in memory: all from the table
    }

    @Test
    void keeps_exact_rollups_across_close_and_reopen() {
        appendSample(store);
        store.flush();
        appendSample(store);
        store.close(); // writes the second sample's rollups

        Store reopened = open("node-a");
        assertSampleTotals(reopened, 2);
        appendSample(reopened);
        reopened.close();

        assertSampleTotals(open("node-a"), 3);
    }

    @Test
    void recovers_the_rollups_of_a_crash_between_rollup_flushes_from_the_raw_results() {
        Store doomed = open("node-c");
        appendSample(doomed);
        doomed.flush(); // these are in the stored rollups, below the watermark
        appendSample(doomed);
        appendSample(doomed);
        awaitResultsWritten(doomed); // stored raw, rollups only in memory
        assertThat(pendingRollupRows(doomed)).isPositive();

        ((SqlStore) doomed).abandonForTest(); // kill -9: no final rollup flush
        opened.remove(doomed);
        assertSampleTotals(store, 1); // what the table holds

        Store reopened = open("node-c"); // folds the two samples above the watermark
        assertThat(pendingRollupRows(reopened)).isZero();
        assertSampleTotals(reopened, 3);
        assertSampleTotals(store, 3);
        reopened.close();

        open("node-c"); // nothing above the watermark now: not counted twice
        assertSampleTotals(store, 3);
    }

    @Test
    void recovery_folds_only_the_crashed_nodes_results() {
        Store doomed = open("node-c");
        appendSample(doomed);
        appendSample(store); // node-a, in memory of its live store
        awaitResultsWritten(doomed);
        awaitResultsWritten(store);
        ((SqlStore) doomed).abandonForTest();
        opened.remove(doomed);

        open("node-c");
        assertSampleTotals(store, 2); // node-c's sample from the table, node-a's from memory
        store.close();
        assertSampleTotals(open("node-b"), 2);
    }

    @Test
    void a_new_node_starts_after_the_results_of_the_others() {
        appendSample(store);
        store.close();

        Store newcomer = open("node-n");
        appendSample(newcomer);
        newcomer.close();

        assertSampleTotals(open("node-a"), 2);
    }

    @Test
    void an_upgraded_database_does_not_fold_the_results_its_rollups_already_include() throws Exception {
        String old = newDatabaseUrl();
        org.flywaydb.core.Flyway.configure()
                .dataSource(jdbcUrl(old), jdbcUser(), jdbcUser() == null ? null : "")
                .locations(old.startsWith("sqlite:") ? "classpath:db/migration/sqlite"
                            : "classpath:db/migration/postgresql")
                .target("1").load().migrate();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(old), jdbcUser(), "");
             java.sql.Statement sql = connection.createStatement()) {
            // as V1 code wrote them: the result and its rollups together
            sql.executeUpdate("INSERT INTO check_results (monitor_id, node, started_at, outcome, message, dns_us,"
                    + " connect_us, tls_us, first_byte_us, total_us, conditions) VALUES ('api', 'node-a', "
                    + HOUR_12.toEpochMilli() + ", 'OK', '', -1, -1, -1, -1, 100000, '[]')");
            for (String granularity : List.of("h", "d")) {
                long start = granularity.equals("h") ? HOUR_12.toEpochMilli() : DAY.toEpochMilli();
                sql.executeUpdate("INSERT INTO rollups (monitor_id, granularity, period_start, count, ok, degraded,"
                        + " failed, latency_count, latency_min_ms, latency_sum_ms, latency_max_ms) VALUES ('api', '"
                        + granularity + "', " + start + ", 1, 1, 0, 0, 1, 100, 100, 100)");
            }
        }
        url = old;

        Store upgraded = open("node-a");

        assertThat(upgraded.summary("api", HOUR_12, HOUR_13).count()).isEqualTo(1);
        upgraded.append(result("api", HOUR_12.plusSeconds(1), Outcome.OK, 50));
        upgraded.close();
        assertThat(open("node-a").summary("api", HOUR_12, HOUR_13).count()).isEqualTo(2);
    }

    // --- retention ----------------------------------------------------------------------------

    @Test
    void purges_raw_results_but_keeps_rollups_and_state_changes() {
        // within the configured retention, so that only the explicit purge deletes it
        Instant old = NOW.minus(Duration.ofDays(10));
        store.append(result("api", old, Outcome.FAILED, 5));
        appendChange(new StateChange("api", old, MonitorState.UP, MonitorState.DOWN, null));
        store.append(result("api", NOW, Outcome.OK, 5));
        store.flush();

        int deleted = ((SqlStore) store).purgeResultsBefore(NOW.minus(Duration.ofDays(5)));

        assertThat(deleted).isEqualTo(1);
        assertThat(StoredHistory.results(store, "api", 10)).extracting(CheckResult::startedAt).containsExactly(NOW);
        assertThat(StoredHistory.stateChanges(store, "api", 10)).hasSize(1);
        assertThat(store.rollups("api", RollupPeriod.Granularity.DAY, old.minus(Duration.ofDays(1)), old))
                .singleElement().extracting(RollupPeriod::failed).isEqualTo(1L);

        store.close(); // the rollups are written after the purge
        Store reopened = open("node-a");
        assertThat(reopened.rollups("api", RollupPeriod.Granularity.DAY, old.minus(Duration.ofDays(1)), old))
                .singleElement().extracting(RollupPeriod::failed).isEqualTo(1L);
        assertThat(reopened.summary("api", HOUR_12, HOUR_13).count()).isEqualTo(1);
    }

    @Test
    void purges_results_older_than_the_retention_once_an_hour_on_its_own() {
        store.append(result("api", NOW.minus(Duration.ofDays(15)), Outcome.OK, 5));
        store.append(result("api", NOW.minus(Duration.ofDays(13)), Outcome.OK, 5));
        store.flush();

        clock.advance(RetentionJob.EVERY.plusMinutes(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(StoredHistory.results(store, "api", 10)).extracting(CheckResult::startedAt)
                        .containsExactly(NOW.minus(Duration.ofDays(13))));
    }

    // --- health and lifecycle -----------------------------------------------------------------

    @Test
    void is_writable_while_open_and_not_after_close() {
        store.checkWritable();

        store.close();

        assertThatThrownBy(store::checkWritable).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.append(result("api", NOW, Outcome.OK, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keeps_its_data_across_a_restart_and_migrates_only_once() {
        store.syncMonitors(List.of(new MonitorRecord("api", "API", "http", null, "{}")));
        store.append(result("api", NOW, Outcome.OK, 42));
        appendChange(new StateChange("api", NOW, MonitorState.UNKNOWN, MonitorState.UP, null));
        store.close(); // without flush: close writes what is queued

        Store reopened = open("node-a");
        reopened.close();
        Store again = open("node-a");

        assertThat(again.lastResult("api")).map(r -> r.timings().totalMicros()).contains(42_000L);
        assertThat(again.lastStates()).containsEntry("api", MonitorState.UP);
        assertThat(again.monitors()).hasSize(1);
        assertThat(again.summary("api", HOUR_12, HOUR_13).count()).isEqualTo(1);
    }

    // --- pings -------------------------------------------------------------------------------

    /** The pings table of the store under test, read directly. */
    StoredPings pings() {
        return new StoredPings(jdbcUrl(url), jdbcUser());
    }

    static Ping ping(String monitorId, Instant at, Ping.Kind kind) {
        return new Ping(monitorId, at, kind, null, null, null, new byte[0], false, "127.0.0.1", "curl/8", "GET");
    }

    @Test
    void stores_pings_with_every_field_and_reads_them_newest_first() {
        byte[] body = new byte[Ping.MAX_BODY_BYTES];
        Arrays.fill(body, (byte) 0xE9); // not UTF-8: bodies are bytes
        store.pings().appendPings(List.of(
                ping("backup", NOW, Ping.Kind.START),
                new Ping("backup", NOW.plusSeconds(90), Ping.Kind.FAIL, 3, "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", 90_000L, body, true,
                        "10.0.0.7", "backup.sh", "POST"),
                ping("other", NOW.plusSeconds(1), Ping.Kind.LOG)));

        List<Ping> pings = pings().last("backup", 10);
        assertThat(pings).extracting(Ping::kind).containsExactly(Ping.Kind.FAIL, Ping.Kind.START);
        Ping fail = pings.getFirst();
        assertThat(fail.receivedAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(fail.exitCode()).isEqualTo(3);
        assertThat(fail.runId()).isEqualTo("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5");
        assertThat(fail.durationMs()).isEqualTo(90_000L);
        assertThat(fail.body()).isEqualTo(body);
        assertThat(fail.bodyTruncated()).isTrue();
        assertThat(fail.remoteAddr()).isEqualTo("10.0.0.7");
        assertThat(fail.userAgent()).isEqualTo("backup.sh");
        assertThat(fail.method()).isEqualTo("POST");
        Ping start = pings.get(1);
        assertThat(start.exitCode()).isNull();
        assertThat(start.runId()).isNull();
        assertThat(start.durationMs()).isNull();
        assertThat(start.body()).isEmpty();
        assertThat(start.bodyTruncated()).isFalse();
        assertThat(pings().last("backup", 1)).hasSize(1);
        assertThat(pings().count("backup")).isEqualTo(2);
        assertThat(pings().count()).isEqualTo(3);
        assertThat(pings().last("nobody", 5)).isEmpty();
    }

    @Test
    void replays_the_pings_received_since_a_time_oldest_first_without_their_bodies() {
        store.pings().appendPings(List.of(
                ping("a", NOW.minusSeconds(10), Ping.Kind.SUCCESS),
                new Ping("b", NOW, Ping.Kind.FAIL, 2, "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", 1_500L, new byte[]{1, 2, 3}, true,
                        "10.0.0.7", "job.sh", "POST"),
                ping("a", NOW.plusSeconds(5), Ping.Kind.START)));
        List<Ping> replayed = new ArrayList<>();

        store.pings().replayPingsSince(NOW, replayed::add);

        assertThat(replayed).extracting(Ping::monitorId, Ping::receivedAt, Ping::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", NOW, Ping.Kind.FAIL),
                        org.assertj.core.groups.Tuple.tuple("a", NOW.plusSeconds(5), Ping.Kind.START));
        Ping fail = replayed.getFirst();
        assertThat(fail.exitCode()).isEqualTo(2);
        assertThat(fail.runId()).isEqualTo("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5");
        assertThat(fail.durationMs()).isEqualTo(1_500L);
        assertThat(fail.body()).isEmpty();
        assertThat(fail.bodyTruncated()).isTrue();
    }

    @Test
    void saves_heartbeat_memories_and_replaces_them_by_monitor() {
        Map<String, Instant> runs = new java.util.LinkedHashMap<>();
        runs.put("", NOW.minusSeconds(30));
        runs.put("0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", NOW.minusSeconds(20));
        HeartbeatMemory backup = new HeartbeatMemory("backup", NOW, Ping.Kind.START, NOW.minusSeconds(86_400), 61_000L,
                NOW.minusSeconds(86_400), runs, NOW);
        store.pings().saveHeartbeatMemories(List.of(backup, HeartbeatMemory.empty("agent")));
        assertThat(store.pings().heartbeatMemories()).containsExactlyInAnyOrder(backup, HeartbeatMemory.empty("agent"));
        assertThat(store.pings().heartbeatMemories().stream().filter(m -> m.monitorId().equals("backup")).findFirst().orElseThrow()
                .openRuns().keySet()).containsExactly("", "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5");

        HeartbeatMemory later = new HeartbeatMemory("backup", NOW.plusSeconds(60), Ping.Kind.SUCCESS, NOW.plusSeconds(60), 90_000L,
                NOW.plusSeconds(60), Map.of(), NOW.plusSeconds(70));
        store.pings().saveHeartbeatMemories(List.of(later));
        assertThat(store.pings().heartbeatMemories()).containsExactlyInAnyOrder(later, HeartbeatMemory.empty("agent"));
    }

    @Test
    void an_upgraded_database_remembers_each_heartbeat_monitor_from_its_stored_pings() throws Exception {
        String old = newDatabaseUrl();
        org.flywaydb.core.Flyway.configure()
                .dataSource(jdbcUrl(old), jdbcUser(), jdbcUser() == null ? null : "")
                .locations(old.startsWith("sqlite:") ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
                .target("6").load().migrate();
        long t = NOW.toEpochMilli();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(old), jdbcUser(), "");
             java.sql.Statement sql = connection.createStatement()) {
            String columns = "INSERT INTO pings (monitor_id, node, received_at, kind, exit_code, run_id, duration_ms, body,"
                    + " body_truncated, remote_addr, user_agent, method) VALUES ";
            String rest = ", '', " + (old.startsWith("sqlite:") ? "0" : "false") + ", '127.0.0.1', 'curl', 'GET')";
            sql.executeUpdate(columns + "('backup', 'n', " + (t - 90_000) + ", 'start', NULL, NULL, NULL" + rest);
            sql.executeUpdate(columns + "('backup', 'n', " + (t - 30_000) + ", 'success', NULL, NULL, 60000" + rest);
            sql.executeUpdate(columns + "('backup', 'n', " + (t - 10_000) + ", 'fail', 1, NULL, NULL" + rest);
            sql.executeUpdate(columns + "('backup', 'n', " + t + ", 'log', NULL, NULL, NULL" + rest);
            sql.executeUpdate(columns + "('agent', 'n', " + (t - 5_000) + ", 'success', NULL, NULL, NULL" + rest);
        }
        url = old;

        Store upgraded = open("node-a");

        Map<String, HeartbeatMemory> memories = new java.util.HashMap<>();
        upgraded.pings().heartbeatMemories().forEach(m -> memories.put(m.monitorId(), m));
        assertThat(memories).containsOnlyKeys("backup", "agent");
        HeartbeatMemory backup = memories.get("backup");
        assertThat(backup.lastPing()).isEqualTo(NOW);
        assertThat(backup.lastKind()).isEqualTo(Ping.Kind.LOG);
        assertThat(backup.lastClosing()).isEqualTo(NOW.minusSeconds(10));
        assertThat(backup.lastDurationMs()).isNull(); // the fail closed no run
        assertThat(backup.lastSuccess()).isEqualTo(NOW.minusSeconds(30));
        assertThat(backup.openRuns()).isEmpty();
        assertThat(memories.get("agent").lastSuccess()).isEqualTo(NOW.minusSeconds(5));
        assertThat(backup.savedAt()).isAfter(Instant.now().minusSeconds(600)); // the time of the upgrade
    }

    @Test
    void writes_a_large_group_of_pings_in_one_call() {
        List<Ping> storm = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            storm.add(ping("agent-" + i, NOW, Ping.Kind.SUCCESS));
        }
        store.pings().appendPings(storm);
        assertThat(pings().count()).isEqualTo(5_000);
        assertThat(pings().count("agent-4999")).isEqualTo(1);
    }

    @Test
    void purges_pings_older_than_the_retention_with_the_results() {
        store.pings().appendPings(List.of(ping("agent", NOW.minus(Duration.ofDays(6)), Ping.Kind.SUCCESS),
                ping("agent", NOW, Ping.Kind.SUCCESS)));
        ((SqlStore) store).purgeResultsBefore(NOW.minus(Duration.ofDays(5)));
        assertThat(pings().last("agent", 10)).extracting(Ping::receivedAt).containsExactly(NOW);
    }

    // ---- the ping log ----

    private static List<dev.lookout.heartbeat.PingLog.Entry> entries(List<Ping> pings) {
        return pings.stream().map(p -> new dev.lookout.heartbeat.PingLog.Entry(p.monitorId(), p.receivedAt())).toList();
    }

    @Test
    void reads_a_monitors_indexed_pings_back_newest_first_page_by_page_with_their_bodies_and_messages() {
        List<Ping> backup = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            backup.add(new Ping("backup", NOW.plusSeconds(i), Ping.Kind.LOG, null, null, null,
                    ("line " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), false, "10.0.0.7", "runitor", "POST"));
        }
        // two in the same millisecond: one index entry, both pings read back, ordered by id
        backup.add(new Ping("backup", NOW.plusSeconds(4), Ping.Kind.SUCCESS, null, null, 12L, new byte[0], false, "10.0.0.7",
                "kuma", "GET", "nightly run ok"));
        List<Ping> other = List.of(ping("other", NOW.plusSeconds(2), Ping.Kind.SUCCESS));
        store.pings().appendPings(backup);
        store.pings().appendPings(other);
        var log = store.pingLog();
        log.index(entries(backup));
        log.index(entries(backup)); // indexing again keeps one entry each
        log.index(entries(other));

        var first = log.page("backup", null, 4);
        assertThat(first).extracting(l -> l.ping().receivedAt()).containsExactly(NOW.plusSeconds(4), NOW.plusSeconds(4),
                NOW.plusSeconds(3), NOW.plusSeconds(2));
        assertThat(first.get(0).ping().message()).isEqualTo("nightly run ok");
        assertThat(first.get(0).ping().durationMs()).isEqualTo(12L);
        assertThat(first.get(0).id()).isGreaterThan(first.get(1).id());
        assertThat(new String(first.get(1).ping().body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("line 4");
        var second = log.page("backup", first.getLast().cursor(), 4);
        assertThat(second).extracting(l -> l.ping().receivedAt()).containsExactly(NOW.plusSeconds(1), NOW);
        var fromTheMiddleOfAMillisecond = log.page("backup", first.getFirst().cursor(), 1);
        assertThat(fromTheMiddleOfAMillisecond).extracting(dev.lookout.heartbeat.PingLog.LoggedPing::id)
                .containsExactly(first.get(1).id());
        assertThat(log.page("other", null, 10)).hasSize(1);
        assertThat(log.page("nobody", null, 10)).isEmpty();
    }

    @Test
    void a_ping_not_yet_indexed_is_not_in_the_log_and_retention_purges_the_index_with_the_pings() {
        List<Ping> pings = List.of(ping("agent", NOW.minus(Duration.ofDays(6)), Ping.Kind.SUCCESS), ping("agent", NOW, Ping.Kind.SUCCESS));
        store.pings().appendPings(pings);
        assertThat(store.pingLog().page("agent", null, 10)).isEmpty();
        store.pingLog().index(entries(pings));
        assertThat(store.pingLog().page("agent", null, 10)).hasSize(2);

        ((SqlStore) store).purgeResultsBefore(NOW.minus(Duration.ofDays(5)));

        assertThat(store.pingLog().page("agent", null, 10)).extracting(l -> l.ping().receivedAt()).containsExactly(NOW);
        store.pingLog().index(entries(pings.subList(1, 2)));
        assertThat(store.pingLog().page("agent", null, 10)).hasSize(1);
    }

    // ---- the alert outbox ----

    static OutboxEntry entry(String key, String episode, String channel, Instant due) {
        return new OutboxEntry(key, episode, channel, "down", "{\"monitor\":\"" + episode + "\"}", false, NOW, due);
    }

    private static EpisodeRecord episode(String id, String state, Instant resolvedAt) {
        return new EpisodeRecord(id, "api", NOW, "DOWN".equals(state) ? NOW : null, state, resolvedAt, null, null);
    }

    @Test
    void a_state_change_and_its_notifications_are_stored_together_and_a_repeated_key_is_kept_once() {
        StateChange change = new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, null);
        AlertWrites writes = new AlertWrites(List.of(episode("api@1", "DOWN", null)),
                List.of(entry("api@1/slack/down", "api@1", "slack", NOW), entry("api@1/mail/down", "api@1", "mail", NOW)));
        store.alerts().append(change, writes);
        store.alerts().append(change, writes); // a retried batch, a restart replaying the same transition
        store.flush();

        assertThat(store.lastStates()).containsEntry("api", MonitorState.DOWN);
        assertThat(store.outbox().notifications(null, "api@1", 10)).extracting(NotificationRecord::dedupKey)
                .containsExactlyInAnyOrder("api@1/slack/down", "api@1/mail/down");
        assertThat(store.outbox().openEpisodes()).extracting(EpisodeRecord::id, EpisodeRecord::downAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api@1", NOW));
    }

    @Test
    void episodes_and_notifications_page_newest_first_after_the_last_one_shown_ties_by_id() {
        Outbox outbox = store.outbox();
        // Two episodes and two notifications share a time: the id orders them.
        outbox.write(new AlertWrites(List.of(
                new EpisodeRecord("api@1", "api", NOW, NOW, "DOWN", null, null, null),
                new EpisodeRecord("db@1", "db", NOW, NOW, "DOWN", null, null, null),
                new EpisodeRecord("api@2", "api", NOW.plusSeconds(60), NOW.plusSeconds(60), "DOWN", null, null, null)),
                List.of(entry("n1", "api@1", "slack", NOW), entry("n2", "db@1", "slack", NOW),
                        new OutboxEntry("n3", "api@2", "slack", "down", "{}", false, NOW.plusSeconds(60), NOW.plusSeconds(60)))));

        List<EpisodeRecord> first = outbox.episodes(null, null, 2);
        assertThat(first).extracting(EpisodeRecord::id).containsExactly("api@2", "db@1");
        EpisodeRecord last = first.getLast();
        assertThat(outbox.episodes(null, new Outbox.EpisodeKey(last.startedAt(), last.id()), 2)).extracting(EpisodeRecord::id)
                .containsExactly("api@1");
        assertThat(outbox.episodes("api", new Outbox.EpisodeKey(NOW.plusSeconds(60), "api@2"), 5)).extracting(EpisodeRecord::id)
                .as("with the monitor's filter").containsExactly("api@1");

        List<NotificationRecord> newest = outbox.notifications(null, null, null, 2);
        assertThat(newest).extracting(NotificationRecord::dedupKey).containsExactly("n3", "n2");
        NotificationRecord shown = newest.getLast();
        assertThat(outbox.notifications(null, null, new Outbox.NotificationKey(shown.createdAt(), shown.id()), 2))
                .extracting(NotificationRecord::dedupKey).containsExactly("n1");
        assertThat(outbox.notifications("delivered", null, new Outbox.NotificationKey(shown.createdAt(), shown.id()), 2))
                .as("with the status filter").isEmpty();
    }

    @Test
    void alert_writes_without_a_state_change_are_queued_behind_the_state_changes_before_them() {
        store.alerts().append(new StateChange("api", NOW, MonitorState.UP, MonitorState.DOWN, null),
                new AlertWrites(List.of(new EpisodeRecord("api@1", "api", NOW, NOW, "FLAPPING", null, null, null)), List.of()));
        store.alerts().append(new AlertWrites(List.of(episode("api@1", "DOWN", null)),
                List.of(entry("api@1/slack/stable-down", "api@1", "slack", NOW))));
        store.flush();

        assertThat(store.outbox().episode("api@1").orElseThrow().state()).as("the newer row wins").isEqualTo("DOWN");
        assertThat(store.outbox().notifications(null, "api@1", 10)).extracting(NotificationRecord::dedupKey)
                .containsExactly("api@1/slack/stable-down");
    }

    @Test
    void an_episode_update_keeps_its_first_down_time_and_its_acknowledgement() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(new EpisodeRecord("api@1", "api", NOW, null, "DEGRADED", null, null, null)),
                List.of()));
        outbox.write(new AlertWrites(List.of(episode("api@1", "DOWN", null)), List.of()));
        assertThat(outbox.acknowledge("api@1", NOW.plusSeconds(60), "alice")).isTrue();
        assertThat(outbox.acknowledge("api@1", NOW.plusSeconds(70), "bob")).as("already acknowledged").isFalse();
        Instant later = NOW.plusSeconds(600);
        outbox.write(new AlertWrites(List.of(new EpisodeRecord("api@1", "api", NOW, later, "UP", later, null, null)), List.of()));

        EpisodeRecord stored = outbox.episode("api@1").orElseThrow();
        assertThat(stored.downAt()).isEqualTo(NOW);
        assertThat(stored.resolvedAt()).isEqualTo(later);
        assertThat(stored.acknowledgedBy()).isEqualTo("alice");
        assertThat(stored.acknowledgedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(outbox.openEpisodes()).isEmpty();
        assertThat(outbox.acknowledge("api@1", later, "carol")).as("resolved").isFalse();
        assertThat(outbox.acknowledge("nope@1", later, "carol")).as("unknown").isFalse();
    }

    @Test
    void a_claimed_notification_is_not_claimed_again_until_its_lease_ends_and_only_due_ones_are_claimed() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("a", "e1", "slack", NOW), entry("b", "e1", "slack", NOW.plusSeconds(30)))));

        assertThat(outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 10)).extracting(NotificationRecord::dedupKey)
                .containsExactly("a");
        assertThat(outbox.claimDue("node-b", NOW.plusSeconds(5), Duration.ofMinutes(1), 10)).as("leased to node-a").isEmpty();
        assertThat(outbox.claimDue("node-b", NOW.plusSeconds(61), Duration.ofMinutes(1), 10)).extracting(NotificationRecord::dedupKey)
                .as("lease over, and b is due").containsExactly("a", "b");
        assertThat(outbox.releaseClaims("node-b")).isEqualTo(2);
        assertThat(outbox.claimDue("node-a", NOW.plusSeconds(62), Duration.ofMinutes(1), 1)).hasSize(1);
    }

    @Test
    void the_claims_of_nodes_no_longer_alive_are_released_and_the_live_ones_kept() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("a", "e1", "slack", NOW), entry("b", "e2", "slack", NOW))));
        assertThat(outbox.claimDue("node-a", NOW, Duration.ofMinutes(2), 1)).hasSize(1);
        assertThat(outbox.claimDue("node-b", NOW, Duration.ofMinutes(2), 1)).hasSize(1);

        assertThat(outbox.releaseClaimsExcept(List.of("node-a", "node-c"), NOW.plusSeconds(6))).as("node-b died").isOne();
        assertThat(outbox.claimDue("node-c", NOW.plusSeconds(7), Duration.ofMinutes(2), 10)).as("node-a's claim holds")
                .hasSize(1);
        assertThat(outbox.releaseClaimsExcept(List.of(), NOW.plusSeconds(8))).as("nobody alive: every live claim").isEqualTo(2);
    }

    @Test
    void withdrawing_takes_back_only_what_no_sender_has_touched_and_the_key_can_be_written_again() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("e1/slack/down", "e1", "slack", NOW),
                entry("e1/mail/down", "e1", "mail", NOW.plusSeconds(30)), entry("e1/pager/down", "e1", "pager", NOW),
                entry("e2/slack/down", "e2", "slack", NOW))));
        long claimed = id(outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 1), "e1/slack/down");
        long pager = outbox.notifications(null, "e1", 10).stream().filter(n -> n.dedupKey().equals("e1/pager/down"))
                .findFirst().orElseThrow().id();
        outbox.failed(List.of(pager), NOW, "HTTP 503", NOW.plusSeconds(5), 10);

        assertThat(outbox.withdraw("e1", false, NOW)).containsExactly("e1/mail/down");
        assertThat(outbox.notifications(null, null, 10)).extracting(NotificationRecord::dedupKey)
                .containsExactlyInAnyOrder("e1/slack/down", "e1/pager/down", "e2/slack/down");
        assertThat(claimed).isPositive();
        outbox.write(new AlertWrites(List.of(), List.of(entry("e1/mail/down", "e1", "mail", NOW.plusSeconds(120)))));
        assertThat(outbox.notifications("pending", "e1", 10)).extracting(NotificationRecord::dedupKey).contains("e1/mail/down");
    }

    @Test
    void a_channels_notifications_are_read_newest_first_without_the_other_channels() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("e1/slack/down", "e1", "slack", NOW),
                entry("e1/mail/down", "e1", "mail", NOW), entry("e2/slack/down", "e2", "slack", NOW.plusSeconds(60)))));
        assertThat(outbox.notificationsTo("slack", 10)).extracting(NotificationRecord::dedupKey)
                .containsExactly("e2/slack/down", "e1/slack/down");
        assertThat(outbox.notificationsTo("slack", 1)).extracting(NotificationRecord::dedupKey).containsExactly("e2/slack/down");
        assertThat(outbox.notificationsTo("pager", 10)).isEmpty();
    }

    @Test
    void withdrawing_only_the_actions_leaves_the_episodes_other_notifications() {
        Outbox outbox = store.outbox();
        OutboxEntry action = new OutboxEntry("e1/hook/down", "e1", "hook", "down", "{}", true, NOW, NOW.plusSeconds(30));
        outbox.write(new AlertWrites(List.of(), List.of(entry("e1/slack/down", "e1", "slack", NOW.plusSeconds(30)), action)));

        assertThat(outbox.withdraw("e1", true, NOW)).containsExactly("e1/hook/down");
        assertThat(outbox.notifications(null, "e1", 10)).extracting(NotificationRecord::dedupKey).containsExactly("e1/slack/down");
    }

    @Test
    void urgent_notifications_are_claimed_before_older_ones_and_say_so() {
        Outbox outbox = store.outbox();
        OutboxEntry urgent = new OutboxEntry("guard/slack", null, "slack", "MONITORING_SIDE_FAILURE", "{}", false, NOW, NOW,
                true);
        outbox.write(new AlertWrites(List.of(), List.of(entry("a", "e1", "slack", NOW.minusSeconds(20)),
                entry("b", "e2", "slack", NOW.minusSeconds(10)), urgent)));

        List<NotificationRecord> claimed = outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 2);
        assertThat(claimed).extracting(NotificationRecord::dedupKey).containsExactly("guard/slack", "a");
        assertThat(claimed).extracting(NotificationRecord::urgent).containsExactly(true, false);
    }

    @Test
    void delivery_outcomes_are_recorded_with_error_attempts_and_duration() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("ok", "e1", "slack", NOW), entry("retry", "e1", "mail", NOW),
                entry("gone", "e1", "pager", NOW))));
        List<NotificationRecord> claimed = outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 10);
        long ok = id(claimed, "ok");
        long retry = id(claimed, "retry");
        long gone = id(claimed, "gone");
        outbox.delivered(List.of(ok), NOW.plusSeconds(1), 120);
        outbox.failed(List.of(retry), NOW.plusSeconds(1), "HTTP 503 from hooks.example.com", NOW.plusSeconds(11), 80);
        outbox.dead(List.of(gone), NOW.plusSeconds(1), "HTTP 404 from events.example.com");
        outbox.failed(List.of(ok), NOW.plusSeconds(2), "late failure of a delivered one", NOW.plusSeconds(3), 1);

        NotificationRecord delivered = outbox.notifications("delivered", null, 10).getFirst();
        assertThat(delivered.dedupKey()).isEqualTo("ok");
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastDurationMs()).isEqualTo(120L);
        assertThat(delivered.deliveredAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(delivered.lastError()).isNull();
        NotificationRecord pending = outbox.notifications("pending", null, 10).getFirst();
        assertThat(pending.dedupKey()).isEqualTo("retry");
        assertThat(pending.lastError()).isEqualTo("HTTP 503 from hooks.example.com");
        assertThat(pending.dueAt()).isEqualTo(NOW.plusSeconds(11));
        assertThat(outbox.claimDue("node-a", NOW.plusSeconds(10), Duration.ofMinutes(1), 10)).as("backing off").isEmpty();
        assertThat(outbox.claimDue("node-a", NOW.plusSeconds(11), Duration.ofMinutes(1), 10)).extracting(NotificationRecord::dedupKey)
                .containsExactly("retry");
        assertThat(outbox.notifications("dead", null, 10)).extracting(NotificationRecord::lastError)
                .containsExactly("HTTP 404 from events.example.com");
    }

    @Test
    void a_dead_notification_retried_is_pending_and_due_now_with_its_delivery_id_and_attempts_kept() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("gone", "e1", "pager", NOW), entry("ok", "e1", "slack", NOW))));
        List<NotificationRecord> claimed = outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 10);
        long gone = id(claimed, "gone");
        long ok = id(claimed, "ok");
        outbox.failed(List.of(gone), NOW.plusSeconds(1), "HTTP 503 from events.example.com", NOW.plusSeconds(2), 5);
        outbox.dead(List.of(gone), NOW.plusSeconds(3), "HTTP 404 from events.example.com");
        outbox.delivered(List.of(ok), NOW.plusSeconds(1), 10);
        NotificationRecord dead = outbox.notifications("dead", null, 10).getFirst();

        Instant retried = NOW.plusSeconds(3600);
        assertThat(outbox.retry(gone, retried)).isTrue();
        assertThat(outbox.retry(gone, retried)).as("pending again, no longer dead").isFalse();
        assertThat(outbox.retry(ok, retried)).as("delivered").isFalse();
        assertThat(outbox.retry(999_999, retried)).as("unknown").isFalse();

        NotificationRecord pending = outbox.notifications("pending", null, 10).getFirst();
        assertThat(pending.id()).isEqualTo(gone);
        assertThat(pending.deliveryId()).isEqualTo(dead.deliveryId());
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.lastError()).isEqualTo("HTTP 404 from events.example.com");
        assertThat(pending.dueAt()).isEqualTo(retried);
        assertThat(outbox.claimDue("node-b", retried, Duration.ofMinutes(1), 10)).extracting(NotificationRecord::id)
                .containsExactly(gone);
    }

    @Test
    void an_acknowledgement_taken_back_leaves_the_episode_open_and_unacknowledged_until_acknowledged_again() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(episode("api@1", "DOWN", null)), List.of()));
        assertThat(outbox.unacknowledge("api@1")).as("not acknowledged").isFalse();
        outbox.acknowledge("api@1", NOW.plusSeconds(60), "alice");

        assertThat(outbox.unacknowledge("api@1")).isTrue();
        EpisodeRecord stored = outbox.episode("api@1").orElseThrow();
        assertThat(stored.acknowledged()).isFalse();
        assertThat(stored.acknowledgedBy()).isNull();
        assertThat(outbox.acknowledge("api@1", NOW.plusSeconds(90), "bob")).isTrue();
        assertThat(outbox.episode("api@1").orElseThrow().acknowledgedBy()).isEqualTo("bob");

        Instant later = NOW.plusSeconds(600);
        outbox.write(new AlertWrites(List.of(new EpisodeRecord("api@1", "api", NOW, NOW, "UP", later, null, null)), List.of()));
        assertThat(outbox.unacknowledge("api@1")).as("resolved").isFalse();
        assertThat(outbox.unacknowledge("nope@1")).as("unknown").isFalse();
    }

    /** A random (version 4) UUID in its usual text form. */
    private static void assertRandomUuid(String deliveryId) {
        assertThat(deliveryId).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(java.util.UUID.fromString(deliveryId).version()).isEqualTo(4);
    }

    @Test
    void every_notification_gets_a_random_delivery_id_that_a_repeated_write_and_a_claim_keep() {
        Outbox outbox = store.outbox();
        outbox.write(new AlertWrites(List.of(), List.of(entry("a", "e1", "slack", NOW), entry("b", "e1", "mail", NOW))));
        List<NotificationRecord> written = outbox.notifications(null, null, 10);
        written.forEach(n -> assertRandomUuid(n.deliveryId()));
        assertThat(written).extracting(NotificationRecord::deliveryId).doesNotHaveDuplicates();

        outbox.write(new AlertWrites(List.of(), List.of(entry("a", "e1", "slack", NOW)))); // a retried batch
        List<NotificationRecord> claimed = outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 10);
        outbox.failed(claimed.stream().map(NotificationRecord::id).toList(), NOW, "HTTP 503", NOW, 5);

        assertThat(claimed).extracting(NotificationRecord::dedupKey, NotificationRecord::deliveryId)
                .containsExactlyInAnyOrderElementsOf(written.stream()
                        .map(n -> org.assertj.core.groups.Tuple.tuple(n.dedupKey(), n.deliveryId())).toList());
        assertThat(outbox.claimDue("node-a", NOW, Duration.ofMinutes(1), 10)).as("the next attempt")
                .extracting(NotificationRecord::deliveryId).containsExactlyInAnyOrderElementsOf(
                        written.stream().map(NotificationRecord::deliveryId).toList());
    }

    @Test
    void the_first_notification_of_another_database_has_the_same_row_id_and_another_delivery_id() throws Exception {
        store.outbox().write(new AlertWrites(List.of(), List.of(entry("api@1/slack/down", "api@1", "slack", NOW))));
        url = newDatabaseUrl(); // what a node sees after its database was emptied or replaced
        Store reset = open("node-a");
        reset.outbox().write(new AlertWrites(List.of(), List.of(entry("api@1/slack/down", "api@1", "slack", NOW))));

        NotificationRecord before = store.outbox().notifications(null, null, 1).getFirst();
        NotificationRecord after = reset.outbox().notifications(null, null, 1).getFirst();
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.deliveryId()).isNotEqualTo(before.deliveryId());
    }

    @Test
    void an_upgraded_database_gives_each_stored_notification_its_own_delivery_id() throws Exception {
        String old = newDatabaseUrl();
        org.flywaydb.core.Flyway.configure()
                .dataSource(jdbcUrl(old), jdbcUser(), jdbcUser() == null ? null : "")
                .locations(old.startsWith("sqlite:") ? "classpath:db/migration/sqlite" : "classpath:db/migration/postgresql")
                .target("9").load().migrate();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbcUrl(old), jdbcUser(), "");
             java.sql.Statement sql = connection.createStatement()) {
            for (String key : List.of("old/1", "old/2", "old/3")) {
                sql.executeUpdate("INSERT INTO notifications (dedup_key, channel_id, kind, body, created_at, due_at, status)"
                        + " VALUES ('" + key + "', 'slack', 'DOWN', '{}', " + NOW.toEpochMilli() + ", " + NOW.toEpochMilli()
                        + ", 'delivered')");
            }
            sql.executeUpdate("DELETE FROM notifications WHERE dedup_key = 'old/3'");
        }
        url = old;

        Outbox upgraded = open("node-a").outbox();
        upgraded.write(new AlertWrites(List.of(), List.of(entry("new/1", "e1", "slack", NOW))));

        List<NotificationRecord> rows = upgraded.notifications(null, null, 10);
        assertThat(rows).extracting(NotificationRecord::dedupKey).containsExactlyInAnyOrder("old/1", "old/2", "new/1");
        rows.forEach(n -> assertRandomUuid(n.deliveryId()));
        assertThat(rows).extracting(NotificationRecord::deliveryId).doesNotHaveDuplicates();
        assertThat(rows.stream().filter(n -> n.dedupKey().equals("new/1")).findFirst().orElseThrow().id())
                .as("a row number is not handed out twice").isGreaterThan(3);
    }

    private static long id(List<NotificationRecord> records, String key) {
        return records.stream().filter(r -> r.dedupKey().equals(key)).findFirst().orElseThrow().id();
    }

    @Test
    void each_nodes_mass_failure_guard_is_kept_apart_and_replaced_by_its_newest_state() {
        Outbox outbox = store.outbox();
        assertThat(outbox.massFailureGuard("node-a")).isEqualTo(MassFailureGuard.State.INACTIVE);
        MassFailureGuard.State tripped = new MassFailureGuard.State(NOW, NOW.plusSeconds(120),
                new java.util.LinkedHashSet<>(List.of("m1", "m2", "m3")), java.util.Set.of());
        store.alerts().append(new StateChange("m3", NOW, MonitorState.UP, MonitorState.DOWN, null),
                new AlertWrites(List.of(), List.of(), new GuardRecord("node-a", tripped)));
        store.flush();
        assertThat(outbox.massFailureGuard("node-a")).isEqualTo(tripped);
        assertThat(outbox.massFailureGuard("node-b")).as("each node guards what it checks").isEqualTo(MassFailureGuard.State.INACTIVE);

        MassFailureGuard.State confirmed = new MassFailureGuard.State(NOW, NOW.plusSeconds(120), tripped.members(),
                java.util.Set.of("m1", "m3"));
        store.alerts().append(new AlertWrites(List.of(), List.of(), new GuardRecord("node-a", tripped)));
        store.alerts().append(new AlertWrites(List.of(), List.of(), new GuardRecord("node-a", confirmed)));
        store.flush();
        assertThat(outbox.massFailureGuard("node-a")).as("the newest of a batch").isEqualTo(confirmed);

        outbox.write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-a", MassFailureGuard.State.INACTIVE)));
        assertThat(outbox.massFailureGuard("node-a").active()).isFalse();
    }

    @Test
    void the_probes_are_asked_about_what_live_nodes_guards_hold_and_have_not_confirmed() {
        Outbox outbox = store.outbox();
        Instant later = NOW.plusSeconds(5);
        outbox.write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-a", new MassFailureGuard.State(NOW,
                NOW.plusSeconds(120), new java.util.LinkedHashSet<>(List.of("m1", "m2", "m3")), java.util.Set.of("m2")))));
        outbox.write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-b", new MassFailureGuard.State(later,
                later.plusSeconds(120), new java.util.LinkedHashSet<>(List.of("m3", "m4")), java.util.Set.of()))));
        outbox.write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-dead", new MassFailureGuard.State(NOW,
                NOW.plusSeconds(120), new java.util.LinkedHashSet<>(List.of("m5")), java.util.Set.of()))));
        outbox.write(new AlertWrites(List.of(), List.of(), new GuardRecord("node-calm", MassFailureGuard.State.INACTIVE)));
        outbox.seen("node-a", NOW, NOW.plusSeconds(10));
        outbox.seen("node-b", NOW, NOW.plusSeconds(10));
        outbox.seen("node-calm", NOW, NOW.plusSeconds(10));
        outbox.seen("node-dead", NOW, NOW.minusSeconds(600));

        assertThat(outbox.heldByGuards(NOW)).as("m2 is confirmed; node-dead is not seen alive: its guard asks nothing")
                .isEqualTo(Map.of("m1", NOW, "m3", NOW, "m4", later));
        assertThat(outbox.heldByGuards(NOW.plusSeconds(60))).as("nobody seen since").isEmpty();
    }

    @Test
    void a_secret_is_created_once_and_liveness_is_kept_per_node() {
        Outbox outbox = store.outbox();
        String first = outbox.secret("ack-key", () -> "first");
        assertThat(outbox.secret("ack-key", () -> "second")).isEqualTo(first).isEqualTo("first");
        assertThat(outbox.lastSeen("node-a")).isEmpty();
        outbox.seen("node-a", NOW, NOW.plusSeconds(30));
        outbox.seen("node-a", NOW, NOW.plusSeconds(60));
        assertThat(outbox.lastSeen("node-a")).contains(NOW.plusSeconds(60));
        assertThat(outbox.lastSeen("node-b")).isEmpty();
    }

    // --- monitor history (postmortem timelines) ------------------------------------------

    @Test
    void history_reads_the_state_changes_of_the_given_monitors_within_the_window_oldest_first() {
        CheckResult cause = result("api", NOW.plusSeconds(60), Outcome.FAILED, 5);
        appendChange(new StateChange("api", NOW.minusSeconds(1), MonitorState.UNKNOWN, MonitorState.UP, null));
        appendChange(new StateChange("api", NOW.plusSeconds(60), MonitorState.UP, MonitorState.DOWN, cause));
        appendChange(new StateChange("db", NOW.plusSeconds(30), MonitorState.UP, MonitorState.DEGRADED, null));
        appendChange(new StateChange("blog", NOW.plusSeconds(40), MonitorState.UP, MonitorState.DOWN, null));
        appendChange(new StateChange("api", NOW.plusSeconds(120), MonitorState.DOWN, MonitorState.UP, null));
        appendChange(new StateChange("api", NOW.plusSeconds(121), MonitorState.UP, MonitorState.DOWN, null));
        store.flush();
        var history = store.monitorHistory();

        List<StateChange> changes = history.stateChanges(List.of("api", "db"), NOW, NOW.plusSeconds(120), 100);

        assertThat(changes).extracting(StateChange::monitorId, StateChange::at, StateChange::to).containsExactly(
                org.assertj.core.groups.Tuple.tuple("db", NOW.plusSeconds(30), MonitorState.DEGRADED),
                org.assertj.core.groups.Tuple.tuple("api", NOW.plusSeconds(60), MonitorState.DOWN),
                org.assertj.core.groups.Tuple.tuple("api", NOW.plusSeconds(120), MonitorState.UP));
        assertThat(changes.get(1).cause()).as("with the result that caused it").isEqualTo(cause);
        assertThat(history.stateChanges(List.of("api", "db"), NOW, NOW.plusSeconds(120), 2)).as("limit").hasSize(2);
        assertThat(history.stateChanges(List.of(), NOW, NOW.plusSeconds(120), 100)).isEmpty();
    }

    @Test
    void history_finds_the_first_result_with_one_of_the_outcomes_within_the_window() {
        store.append(result("api", NOW.minusSeconds(10), Outcome.FAILED, 5));   // before the window
        store.append(result("api", NOW, Outcome.OK, 5));
        store.append(result("api", NOW.plusSeconds(10), Outcome.DEGRADED, 900));
        store.append(result("api", NOW.plusSeconds(20), Outcome.TIMEOUT, 5000));
        store.append(result("api", NOW.plusSeconds(30), Outcome.FAILED, 5));
        store.append(result("db", NOW.plusSeconds(5), Outcome.FAILED, 5));
        store.flush();
        var history = store.monitorHistory();
        Instant end = NOW.plusSeconds(60);

        assertThat(history.firstResult("api", java.util.Set.of(Outcome.FAILED, Outcome.TIMEOUT), NOW, end))
                .hasValueSatisfying(r -> {
                    assertThat(r.startedAt()).isEqualTo(NOW.plusSeconds(20));
                    assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
                    assertThat(r.message()).isEqualTo("status 503");
                });
        assertThat(history.firstResult("api", java.util.Set.of(Outcome.DEGRADED), NOW, end))
                .map(CheckResult::startedAt).contains(NOW.plusSeconds(10));
        assertThat(history.firstResult("api", java.util.Set.of(Outcome.FAILED), NOW.plusSeconds(31), end)).isEmpty();
        assertThat(history.firstResult("api", java.util.Set.of(Outcome.DEGRADED), NOW, NOW.plusSeconds(10)))
                .as("the end is inclusive").isPresent();
        assertThat(history.firstResult("nope", java.util.Set.of(Outcome.FAILED), NOW, end)).isEmpty();
    }

    @Test
    void history_reads_the_episodes_open_during_the_window_with_their_notifications_oldest_first() {
        Outbox outbox = store.outbox();
        Instant end = NOW.plus(Duration.ofHours(1));
        EpisodeRecord before = new EpisodeRecord("api@0", "api", NOW.minus(Duration.ofHours(3)), null, "UP",
                NOW.minus(Duration.ofHours(2)), null, null);
        EpisodeRecord during = new EpisodeRecord("api@1", "api", NOW.plusSeconds(60), NOW.plusSeconds(60), "DOWN", null,
                null, null);
        EpisodeRecord spanning = new EpisodeRecord("db@1", "db", NOW.minusSeconds(600), null, "DEGRADED",
                NOW.plusSeconds(300), null, null);
        EpisodeRecord after = new EpisodeRecord("api@2", "api", end.plusSeconds(1), null, "DOWN", null, null, null);
        EpisodeRecord other = new EpisodeRecord("blog@1", "blog", NOW.plusSeconds(60), null, "DOWN", null, null, null);
        outbox.write(new AlertWrites(List.of(before, during, spanning, after, other), List.of(
                entry("api@1/slack/down", "api@1", "slack", NOW.plusSeconds(60)),
                entry("api@1/pager/down", "api@1", "pager", NOW.plusSeconds(60)),
                entry("blog@1/slack/down", "blog@1", "slack", NOW.plusSeconds(60)))));
        long slack = outbox.claimDue("node-a", NOW.plusSeconds(61), Duration.ofMinutes(1), 10).stream()
                .filter(n -> n.channelId().equals("slack") && n.episodeId().equals("api@1")).findFirst().orElseThrow().id();
        outbox.delivered(List.of(slack), NOW.plusSeconds(62), 150);
        outbox.releaseClaims("node-a");
        long pager = outbox.claimDue("node-a", NOW.plusSeconds(63), Duration.ofMinutes(1), 10).stream()
                .filter(n -> n.channelId().equals("pager")).findFirst().orElseThrow().id();
        outbox.dead(List.of(pager), NOW.plusSeconds(64), "HTTP 404 from events.example.com");
        outbox.acknowledge("api@1", NOW.plusSeconds(300), "alice");

        var episodes = store.monitorHistory().episodes(List.of("api", "db"), NOW, end, 100);

        assertThat(episodes).extracting(e -> e.id()).containsExactly("db@1", "api@1");
        var db = episodes.get(0);
        assertThat(db.resolvedAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(db.notifications()).isEmpty();
        var api = episodes.get(1);
        assertThat(api.monitorId()).isEqualTo("api");
        assertThat(api.startedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(api.resolvedAt()).isNull();
        assertThat(api.acknowledgedAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(api.acknowledgedBy()).isEqualTo("alice");
        assertThat(api.notifications()).extracting(n -> n.channelId(), n -> n.kind(), n -> n.status(), n -> n.deliveredAt(),
                n -> n.lastError()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("slack", "down", "delivered", NOW.plusSeconds(62), null),
                org.assertj.core.groups.Tuple.tuple("pager", "down", "dead", null, "HTTP 404 from events.example.com"));
        assertThat(api.notifications().get(0).attempts()).isEqualTo(1);
        assertThat(api.notifications().get(1).lastAttemptAt()).isEqualTo(NOW.plusSeconds(64));
        assertThat(store.monitorHistory().episodes(List.of("api", "db"), NOW, end, 1)).as("limit").hasSize(1);
    }

    // --- incidents and maintenances -------------------------------------------------------

    private final java.util.Set<String> components = java.util.Set.of("web", "db");

    @Test
    void an_incident_round_trips_with_its_updates_component_changes_and_postmortem() {
        var incidents = new dev.lookout.incident.Incidents(store.incidents(), () -> components, clock);
        var opened = incidents.open("Checkout errors", dev.lookout.incident.IncidentStatus.INVESTIGATING,
                dev.lookout.incident.Impact.MAJOR, "Payments **fail**.",
                Map.of("web", dev.lookout.incident.AffectedStatus.MAJOR_OUTAGE));
        clock.advance(Duration.ofMinutes(5));
        incidents.update(opened.id(), dev.lookout.incident.IncidentStatus.MONITORING, "Fixed, watching.",
                Map.of("web", dev.lookout.incident.AffectedStatus.DEGRADED_PERFORMANCE), dev.lookout.incident.Impact.MINOR);
        clock.advance(Duration.ofMinutes(5));
        incidents.resolve(opened.id(), null, Map.of());
        var written = incidents.publishPostmortem(opened.id(), "# Cause\nA full disk.");

        var reread = store.incidents().incident(opened.id()).orElseThrow();
        assertThat(reread).isEqualTo(written);
        assertThat(reread.impact()).isEqualTo(dev.lookout.incident.Impact.MINOR);
        assertThat(reread.createdAt()).isEqualTo(NOW);
        assertThat(reread.monitoringAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(reread.resolvedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(reread.updates()).extracting(u -> u.status().code()).containsExactly("investigating", "monitoring", "resolved");
        assertThat(reread.updates().get(0).body().source()).isEqualTo("Payments **fail**.");
        assertThat(reread.updates().get(1).changes()).containsExactly(new dev.lookout.incident.ComponentChange("web",
                dev.lookout.incident.AffectedStatus.MAJOR_OUTAGE, dev.lookout.incident.AffectedStatus.DEGRADED_PERFORMANCE));
        assertThat(reread.postmortem().body().source()).isEqualTo("# Cause\nA full disk.");
        assertThat(store.incidents().incident(opened.id() + 1000)).isEmpty();
    }

    @Test
    void a_change_based_on_a_stale_read_is_refused_and_nothing_is_written() {
        var incidents = new dev.lookout.incident.Incidents(store.incidents(), () -> components, clock);
        var stale = incidents.open("x", dev.lookout.incident.IncidentStatus.INVESTIGATING, dev.lookout.incident.Impact.NONE,
                "first", Map.of());
        incidents.update(stale.id(), dev.lookout.incident.IncidentStatus.IDENTIFIED, "second", Map.of(), null);
        var competing = new dev.lookout.incident.Incident(stale.id(), "renamed", stale.status(), stale.impact(),
                stale.createdAt(), NOW, null, null, null, stale.updates(), stale.version() + 1);

        assertThatThrownBy(() -> store.incidents().save(competing))
                .isInstanceOfSatisfying(dev.lookout.incident.IncidentException.class, e -> assertThat(e.reason())
                        .isEqualTo(dev.lookout.incident.IncidentException.Reason.CONFLICT))
                .hasMessageContaining("was changed by someone else meanwhile");
        assertThat(store.incidents().incident(stale.id()).orElseThrow().name()).isEqualTo("x");
    }

    @Test
    void incidents_are_listed_newest_first_and_filtered_by_open_or_resolved() {
        var incidents = new dev.lookout.incident.Incidents(store.incidents(), () -> components, clock);
        long older = incidents.open("a", dev.lookout.incident.IncidentStatus.INVESTIGATING, dev.lookout.incident.Impact.NONE,
                "a", Map.of()).id();
        clock.advance(Duration.ofSeconds(1));
        long newer = incidents.open("b", dev.lookout.incident.IncidentStatus.IDENTIFIED, dev.lookout.incident.Impact.NONE,
                "b", Map.of()).id();
        incidents.resolve(older, null, Map.of());
        var repository = store.incidents();
        assertThat(repository.incidents(dev.lookout.incident.IncidentFilter.ALL, null, 10))
                .extracting(dev.lookout.incident.Incident::id).containsExactly(newer, older);
        assertThat(repository.incidents(dev.lookout.incident.IncidentFilter.OPEN, null, 10))
                .extracting(dev.lookout.incident.Incident::id).containsExactly(newer);
        assertThat(repository.incidents(dev.lookout.incident.IncidentFilter.RESOLVED, null, 10))
                .extracting(dev.lookout.incident.Incident::id).containsExactly(older);
    }

    @Test
    void incidents_and_maintenances_are_paged_after_the_last_one_shown_even_when_their_times_tie() {
        var incidents = new dev.lookout.incident.Incidents(store.incidents(), () -> components, clock);
        var none = dev.lookout.incident.Impact.NONE;
        var investigating = dev.lookout.incident.IncidentStatus.INVESTIGATING;
        long first = incidents.open("a", investigating, none, "a", Map.of()).id();
        long tied = incidents.open("b", investigating, none, "b", Map.of()).id(); // same time as the first
        clock.advance(Duration.ofSeconds(1));
        long newest = incidents.open("c", investigating, none, "c", Map.of()).id();
        var repository = store.incidents();

        var page = repository.incidents(dev.lookout.incident.IncidentFilter.ALL, null, 2);
        assertThat(page).extracting(dev.lookout.incident.Incident::id).containsExactly(newest, tied);
        var last = page.get(1);
        assertThat(repository.incidents(dev.lookout.incident.IncidentFilter.ALL,
                new dev.lookout.incident.IncidentRepository.Position(last.createdAt(), last.id()), 2))
                .extracting(dev.lookout.incident.Incident::id).containsExactly(first);

        var maintenances = new dev.lookout.incident.Maintenances(store.incidents(), () -> components, clock);
        Instant from = NOW.plus(Duration.ofDays(1));
        long earlier = maintenances.schedule("One", "x", from, from.plus(Duration.ofHours(1)), List.of("db")).id();
        long later = maintenances.schedule("Two", "x", from, from.plus(Duration.ofHours(1)), List.of("db")).id();
        var shown = repository.maintenances(null, 1);
        assertThat(shown).extracting(dev.lookout.incident.Maintenance::id).containsExactly(later);
        assertThat(repository.maintenances(new dev.lookout.incident.IncidentRepository.Position(from, later), 5))
                .extracting(dev.lookout.incident.Maintenance::id).containsExactly(earlier);
    }

    @Test
    void a_maintenance_round_trips_and_leaves_the_unfinished_list_once_completed() {
        var maintenances = new dev.lookout.incident.Maintenances(store.incidents(), () -> components, clock);
        Instant from = NOW.plus(Duration.ofHours(1));
        var scheduled = maintenances.schedule("Upgrade", "Short write pause.", from, from.plus(Duration.ofHours(1)),
                List.of("db", "web"));
        var repository = store.incidents();
        assertThat(repository.maintenance(scheduled.id())).contains(scheduled);
        assertThat(repository.unfinishedMaintenances()).extracting(dev.lookout.incident.Maintenance::id)
                .containsExactly(scheduled.id());
        assertThat(scheduled.componentIds()).containsExactly("db", "web");
        assertThat(repository.incident(scheduled.id())).isEmpty();

        maintenances.tick(from.plus(Duration.ofHours(2)));
        var done = repository.maintenance(scheduled.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(dev.lookout.incident.MaintenanceStatus.COMPLETED);
        assertThat(done.startedAt()).isEqualTo(from.plus(Duration.ofHours(2)));
        assertThat(done.updates()).hasSize(3);
        assertThat(repository.unfinishedMaintenances()).isEmpty();
        assertThat(repository.maintenances(null, 10)).containsExactly(done);
    }
}
