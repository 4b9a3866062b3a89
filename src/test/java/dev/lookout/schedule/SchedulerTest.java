package dev.lookout.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.MonitorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    /** How long a test waits for an outcome: a busy CI machine is slow, a broken scheduler never gets there. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final List<CheckResult> results = new CopyOnWriteArrayList<>();
    private Scheduler scheduler;
    private Watchdog watchdog;

    private static MonitorConfig monitor(String id, Duration interval, Duration timeout, String definition) {
        return new MonitorConfig(id, id, "tcp", "", interval, timeout, null, 1, 1, false, List.of(), null, definition);
    }

    private static CheckResult ok(MonitorConfig m) {
        return new CheckResult(m.id(), Instant.now(), Outcome.OK, "", Timings.totalOnly(1), List.of());
    }

    private Scheduler start(int maxConcurrent, Duration maxFirstRunDelay, CheckExecutor executor) {
        scheduler = new Scheduler(maxConcurrent, maxFirstRunDelay, executor, results::add, InstantSource.system(),
                new Random(42), new SimpleMeterRegistry());
        return scheduler;
    }

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void runs_are_planned_from_the_previous_planned_time_so_slow_checks_do_not_drift() {
        Duration interval = Duration.ofMillis(200);
        List<long[]> runs = new CopyOnWriteArrayList<>(); // start and end of each run, in order: they do not overlap
        start(10, Duration.ZERO, m -> {
            long started = System.nanoTime();
            sleep(120);
            runs.add(new long[] {started, System.nanoTime()});
            return ok(m);
        }).apply(List.of(monitor("a", interval, Duration.ofMillis(150), "a")));
        await().atMost(GENEROUS).until(() -> runs.size() >= 8);
        // Planned from the previous planned time, the next run starts 80 ms after one ends. Planned at
        // "finished + interval", it would start an interval or more after, however quiet or busy the
        // machine: a busy one starts runs late, never early. So most gaps, not their sum, tell the two apart.
        long shortGaps = IntStream.range(1, 8).filter(i -> runs.get(i)[0] - runs.get(i - 1)[1] < interval.toNanos()).count();
        assertThat(shortGaps).as("of 7 runs, those that started less than an interval after the previous one ended")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void a_run_that_would_overlap_the_previous_one_of_the_same_monitor_is_skipped() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        start(10, Duration.ZERO, m -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            sleep(450);
            concurrent.decrementAndGet();
            return ok(m);
        }).apply(List.of(monitor("a", Duration.ofMillis(200), Duration.ofMillis(1000), "a")));
        await().atMost(GENEROUS).until(() -> results.size() >= 3);
        assertThat(maxConcurrent.get()).isEqualTo(1);
        assertThat(scheduler.stats(Duration.ofMinutes(1)).skippedBusy()).isPositive();
    }

    @Test
    void never_runs_more_checks_at_once_than_the_global_cap() {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        start(3, Duration.ZERO, m -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            sleep(100);
            concurrent.decrementAndGet();
            return ok(m);
        }).apply(IntStream.range(0, 20).mapToObj(i -> monitor("m" + i, Duration.ofSeconds(30), Duration.ofSeconds(1), "x")).toList());
        await().atMost(GENEROUS).until(() -> results.size() == 20);
        assertThat(maxConcurrent.get()).isEqualTo(3);
        // Checks that waited for a slot started late, and that lag was measured.
        assertThat(scheduler.stats(Duration.ofMinutes(1)).maxMillis()).isGreaterThan(200);
    }

    @Test
    void runs_waiting_for_a_slot_hold_no_thread_and_start_in_the_order_they_fell_due() throws Exception {
        java.util.concurrent.CountDownLatch allDue = new java.util.concurrent.CountDownLatch(1);
        Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> order = new CopyOnWriteArrayList<>();
        start(2, Duration.ZERO, m -> {
            threads.add(Thread.currentThread());
            order.add(m.id());
            try {
                allDue.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ok(m);
        }).apply(IntStream.range(0, 200).mapToObj(i -> monitor("m" + i, Duration.ofMinutes(5), Duration.ofMinutes(1), "x")).toList());
        await().atMost(GENEROUS).until(() -> order.size() == 2 && scheduler.waiting() == 198);
        allDue.countDown();
        await().atMost(GENEROUS).until(() -> results.size() == 200);
        // Before, each of the 198 waiting runs parked a virtual thread of its own.
        assertThat(threads).hasSizeLessThanOrEqualTo(4);
        assertThat(order).doesNotHaveDuplicates().hasSize(200);
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void first_runs_are_spread_over_the_interval() {
        Map<String, Long> firstStart = new ConcurrentHashMap<>();
        Scheduler s = start(100, Duration.ofHours(1), m -> {
            firstStart.putIfAbsent(m.id(), System.nanoTime());
            return ok(m);
        });
        long applied = System.nanoTime();
        s.apply(IntStream.range(0, 40).mapToObj(i -> monitor("m" + i, Duration.ofSeconds(2), Duration.ofSeconds(1), "x")).toList());
        await().atMost(GENEROUS).until(() -> firstStart.size() == 40);
        // A run starts at its planned time plus its lag, which the scheduler measures: the planned times are
        // counted, not how late a busy machine started them. Planned in the first half of the interval: every
        // run that started in it, at most those that started within the worst lag (and a grid step) after it.
        long half = Duration.ofSeconds(1).toNanos();
        long lag = Duration.ofMillis((long) Math.ceil(s.stats(Duration.ofMinutes(1)).maxMillis())).toNanos() + Scheduler.GRID_NANOS;
        assertThat(firstStart.values().stream().filter(at -> at - applied < half).count())
                .as("first runs planned in the first half of the interval, at least").isLessThanOrEqualTo(32L);
        assertThat(firstStart.values().stream().filter(at -> at - applied < half + lag).count())
                .as("first runs planned in the first half of the interval, at most").isGreaterThanOrEqualTo(8L);
    }

    @Test
    void a_monitor_handed_over_runs_one_interval_after_its_previous_run_elsewhere() throws Exception {
        Map<String, Long> firstStart = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        Scheduler s = start(10, Duration.ofHours(1), m -> {
            firstStart.putIfAbsent(m.id(), System.nanoTime() - t0);
            return ok(m);
        });
        // Hourly monitors: their own first runs fall anywhere in the hour (Random(42)), far from now.
        s.apply(List.of(monitor("due-soon", Duration.ofHours(1), Duration.ofSeconds(1), "x"),
                monitor("overdue", Duration.ofHours(1), Duration.ofSeconds(1), "x"),
                monitor("checked-lately", Duration.ofHours(1), Duration.ofSeconds(1), "x")));
        java.time.Instant now = java.time.Instant.now();
        s.continueAfter(Map.of("due-soon", now.minus(Duration.ofMinutes(60)).plusMillis(500),
                "overdue", now.minus(Duration.ofHours(3)),
                "checked-lately", now.minus(Duration.ofMinutes(10))), Duration.ofMillis(300));

        await().atMost(GENEROUS).until(() -> firstStart.containsKey("due-soon") && firstStart.containsKey("overdue"));
        assertThat(firstStart.get("due-soon")).as("one interval after its previous run").isGreaterThan(
                Duration.ofMillis(400).toNanos());
        sleep(500);
        assertThat(firstStart).as("checked 10 minutes ago elsewhere: not before its interval").doesNotContainKey("checked-lately");
    }

    @Test
    void a_monitor_this_node_may_not_run_is_asked_about_once_and_runs_again_when_woken() {
        java.util.Set<String> mine = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        scheduler = new Scheduler(10, Duration.ZERO, m -> {
            runs.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
            return ok(m);
        }, results::add, InstantSource.system(), new Random(42), new SimpleMeterRegistry(), id -> {
            asked.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return mine.contains(id);
        });
        mine.add("own");
        scheduler.apply(List.of(monitor("own", Duration.ofMillis(50), Duration.ofMillis(40), "x"),
                monitor("other", Duration.ofMillis(50), Duration.ofMillis(40), "x"),
                monitor("other-soon", Duration.ofMillis(50), Duration.ofMillis(40), "x")));
        await().atMost(GENEROUS).until(() -> runs.getOrDefault("own", new AtomicInteger()).get() >= 10);
        assertThat(asked.get("other").get()).as("another node's: no timer after the first planned run").isEqualTo(1);
        assertThat(runs).doesNotContainKeys("other", "other-soon");

        mine.add("other");
        mine.add("other-soon");
        scheduler.runSoon(List.of("other-soon"), Duration.ofMillis(10));
        scheduler.wake(List.of("other", "other-soon", "own"));
        await().atMost(GENEROUS).until(() -> runs.getOrDefault("other", new AtomicInteger()).get() >= 3
                && runs.getOrDefault("other-soon", new AtomicInteger()).get() >= 3);
        int own = runs.get("own").get();
        long from = System.nanoTime();
        sleep(300);
        long intervals = Duration.ofNanos(System.nanoTime() - from).toMillis() / 50;
        // A second timer would run it twice per interval; a late timer skips runs, it never adds any.
        assertThat(runs.get("own").get() - own).as("waking a monitor that has a plan adds no runs").isLessThanOrEqualTo(
                (int) intervals + 2);
    }

    @Test
    void a_check_that_hangs_past_its_deadline_is_abandoned_as_a_timeout_and_the_node_turns_unready() {
        start(10, Duration.ZERO, m -> {
            while (true) {
                // A lock it cannot time out, deaf to interrupts. Clearing the flag keeps the abandoned thread
                // parked: with it set, parkNanos returns at once and the loop would spin on a carrier for the
                // rest of the test run, starving the virtual threads of later tests.
                Thread.interrupted();
                LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
            }
        }).apply(List.of(monitor("hung", Duration.ofSeconds(60), Duration.ofMillis(200), "x")));
        watchdog = new Watchdog(scheduler, Duration.ofSeconds(5), Duration.ofMillis(50)).start();
        await().atMost(GENEROUS).until(() -> !results.isEmpty());
        CheckResult result = results.get(0);
        assertThat(result.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(result.message()).contains("abandoned").contains("after its deadline");
        // The watchdog records the result before it updates its problem: wait for both.
        await().atMost(GENEROUS).until(() -> watchdog.problem().isPresent());
        assertThat(watchdog.problem()).hasValueSatisfying(p -> assertThat(p).contains("hung").contains("outlived its deadline"));
    }

    @Test
    void a_run_waiting_for_a_slot_longer_than_the_threshold_turns_the_node_unready_until_it_starts() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        start(1, Duration.ZERO, m -> {
            if (m.id().equals("slow")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ok(m);
        }).apply(List.of(monitor("slow", Duration.ofMinutes(5), Duration.ofMinutes(1), "x")));
        await().atMost(GENEROUS).until(() -> scheduler.stats(Duration.ofMinutes(1)).running() == 1);
        scheduler.apply(List.of(monitor("slow", Duration.ofMinutes(5), Duration.ofMinutes(1), "x"),
                monitor("queued", Duration.ofMinutes(5), Duration.ofMinutes(1), "x")));
        watchdog = new Watchdog(scheduler, Duration.ofMillis(300), Duration.ofMillis(50)).start();
        await().atMost(GENEROUS).until(() -> watchdog.problem().isPresent());
        assertThat(watchdog.problem()).hasValueSatisfying(p -> assertThat(p).contains("for a free slot"));
        assertThat(scheduler.waiting()).isEqualTo(1);

        release.countDown();
        await().atMost(GENEROUS).until(() -> results.size() == 2);
        // the lag that the queued run had stays in the 10 s window of the p99 rule: wait for that to pass
        await().atMost(GENEROUS).until(() -> watchdog.problem().isEmpty());
        assertThat(scheduler.longestWaitNanos(System.nanoTime())).isZero();
    }

    @Test
    void reload_replans_only_changed_monitors_and_stops_removed_ones() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        start(10, Duration.ZERO, m -> {
            runs.computeIfAbsent(m.id() + "@" + m.definition(), k -> new AtomicInteger()).incrementAndGet();
            return ok(m);
        });
        scheduler.apply(List.of(monitor("same", Duration.ofSeconds(30), Duration.ofSeconds(1), "v1"),
                monitor("changed", Duration.ofSeconds(30), Duration.ofSeconds(1), "v1"),
                monitor("removed", Duration.ofSeconds(30), Duration.ofSeconds(1), "v1")));
        await().atMost(GENEROUS).until(() -> results.size() == 3);
        scheduler.apply(List.of(monitor("same", Duration.ofSeconds(30), Duration.ofSeconds(1), "v1"),
                monitor("changed", Duration.ofSeconds(30), Duration.ofSeconds(1), "v2")));
        await().atMost(GENEROUS).until(() -> runs.containsKey("changed@v2"));
        assertThat(runs.get("same@v1").get()).as("unchanged monitor keeps its plan, no extra run").isEqualTo(1);
        assertThat(scheduler.scheduledMonitorIds()).containsExactlyInAnyOrder("same", "changed");
    }

    @Test
    void planned_times_are_rounded_up_to_the_grid() {
        long grid = Scheduler.GRID_NANOS;
        org.assertj.core.api.Assertions.assertThat(Scheduler.onGrid(5 * grid)).isEqualTo(5 * grid);
        org.assertj.core.api.Assertions.assertThat(Scheduler.onGrid(5 * grid + 1)).isEqualTo(6 * grid);
        org.assertj.core.api.Assertions.assertThat(Scheduler.onGrid(-5 * grid - 1)).isEqualTo(-5 * grid);
    }
}
