package dev.lookout.schedule;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.MonitorConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every monitor at its interval. One platform timer thread plans the runs; a due run takes
 * one of {@code maxConcurrentChecks} permits and a virtual thread, or, when every permit is taken,
 * joins a queue that the running checks' threads work off as they finish (a waiting run holds no
 * thread, so a node that falls behind does not pile up parked threads). Runs are planned at
 * {@code previous planned time + interval} so that slow checks do not make the schedule drift; a
 * run that would start while the previous one of the same monitor still runs is skipped and
 * counted. The first run of a monitor is jittered over its interval so that a restart does not
 * fire every check at once.
 *
 * <p>A {@link Watchdog} watches this class: it abandons checks that outlive their deadline (the
 * monitor gets a TIMEOUT result instead of silence) and reports lag.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** Planned times are multiples of this, see {@link #onGrid}. */
    static final long GRID_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore permits;
    private final CheckExecutor executor;
    private final Consumer<CheckResult> sink;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Duration maxFirstRunDelay;
    private final java.util.function.Predicate<String> mayRun;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    final Set<RunningCheck> running = ConcurrentHashMap.newKeySet();
    /** Due runs waiting for a permit, oldest first (the order they fell due in). */
    private final java.util.Queue<Due> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final LagWindow lag = new LagWindow(1 << 16);
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong skippedBusy = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Timer lagTimer;
    private final Timer durationTimer;
    private final Counter resultsCounter;
    private volatile long lastTickNanos = System.nanoTime();
    private volatile boolean stopping;

    /** One monitor's plan. Mutated only on the timer thread, except {@code busy}. */
    final class Job {
        final MonitorConfig monitor;
        long plannedNanos;
        volatile boolean busy;
        volatile boolean cancelled;
        /** Not this node's to check (another node owns it): no run is planned until {@link #wake}. */
        boolean dormant;
        ScheduledFuture<?> future;

        Job(MonitorConfig monitor, long plannedNanos) {
            this.monitor = monitor;
            this.plannedNanos = plannedNanos;
        }
    }

    /** A run that is due: the job and the time it was planned for. */
    private record Due(Job job, long plannedNanos) {
    }

    /**
     * A check in flight, watched by the watchdog. Its thread goes on to other runs when it is done,
     * so it is interrupted only through {@link #interrupt}.
     */
    record RunningCheck(Job job, Thread thread, long startNanos, long deadlineNanos, java.time.Instant startedAt,
                        java.util.concurrent.atomic.AtomicBoolean settled, java.util.concurrent.atomic.AtomicBoolean finished) {

        /** Interrupts the check's thread if it still runs this check. */
        synchronized void interrupt() {
            if (!finished.get()) {
                thread.interrupt();
            }
        }

        /** On the check's thread when the check returned: no interrupt reaches it after this. */
        synchronized void finish() {
            finished.set(true);
            Thread.interrupted();
        }
    }

    public Scheduler(int maxConcurrentChecks, Duration maxFirstRunDelay, CheckExecutor executor, Consumer<CheckResult> sink,
                     InstantSource clock, RandomGenerator random, MeterRegistry metrics) {
        this(maxConcurrentChecks, maxFirstRunDelay, executor, sink, clock, random, metrics, id -> true);
    }

    /**
     * @param mayRun whether this node checks the monitor now (in a cluster, whether it owns it): asked at every
     *               planned run, so that a monitor this node lets go is not checked once more. A monitor it may
     *               not run gets no further runs planned until {@link #wake} (or {@link #runSoon},
     *               {@link #continueAfter}) is called for it
     */
    public Scheduler(int maxConcurrentChecks, Duration maxFirstRunDelay, CheckExecutor executor, Consumer<CheckResult> sink,
                     InstantSource clock, RandomGenerator random, MeterRegistry metrics,
                     java.util.function.Predicate<String> mayRun) {
        this.mayRun = mayRun;
        this.permits = new Semaphore(maxConcurrentChecks);
        this.executor = executor;
        this.sink = sink;
        this.clock = clock;
        this.random = random;
        this.maxFirstRunDelay = maxFirstRunDelay;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lookout-scheduler");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleAtFixedRate(() -> lastTickNanos = System.nanoTime(), 0, 250, TimeUnit.MILLISECONDS);
        this.lagTimer = Timer.builder("lookout.schedule.lag").description("How late checks start relative to their planned time")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(metrics);
        this.durationTimer = Timer.builder("lookout.check.duration").description("Wall time of checks, probe and verdict")
                .publishPercentileHistogram().register(metrics);
        this.resultsCounter = Counter.builder("lookout.checks").description("Checks run").register(metrics);
        Gauge.builder("lookout.checks.running", running, Set::size).description("Checks running now").register(metrics);
        Gauge.builder("lookout.checks.waiting", queue, java.util.Queue::size)
                .description("Checks waiting for a slot (scheduler.max_concurrent_checks)").register(metrics);
        FunctionCounter.builder("lookout.checks.skipped.busy", skippedBusy, AtomicLong::get)
                .description("Runs skipped because the previous run of the monitor was still busy").register(metrics);
        FunctionCounter.builder("lookout.checks.abandoned", abandoned, AtomicLong::get)
                .description("Checks given up 1 s after their deadline").register(metrics);
        Gauge.builder("lookout.monitors.scheduled", jobs, Map::size)
                .description("Monitors with a schedule (configured, not paused)").register(metrics);
    }

    /**
     * Adopts a (re)loaded set of monitors: new ones are planned, removed or paused ones stop,
     * changed ones are replanned, unchanged ones keep their plan.
     */
    public synchronized void apply(Collection<MonitorConfig> monitors) {
        Set<String> active = new HashSet<>();
        for (MonitorConfig monitor : monitors) {
            if (monitor.paused()) {
                continue;
            }
            active.add(monitor.id());
            Job existing = jobs.get(monitor.id());
            if (existing != null && existing.monitor.sameDefinition(monitor)) {
                continue;
            }
            if (existing != null) {
                cancel(existing);
            }
            long planned = onGrid(System.nanoTime() + firstRunDelayNanos(monitor.interval()));
            Job job = new Job(monitor, planned);
            jobs.put(monitor.id(), job);
            job.future = timer.schedule(() -> fire(job), planned - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        for (Job job : List.copyOf(jobs.values())) {
            if (!active.contains(job.monitor.id())) {
                cancel(job);
                jobs.remove(job.monitor.id(), job);
            }
        }
    }

    /**
     * Brings the next runs of these monitors forward to within {@code within} (spread over it), as
     * for monitors taken over from a node that died: their last check may be long ago. Later runs
     * follow at their interval from there.
     */
    public synchronized void runSoon(Collection<String> monitorIds, Duration within) {
        for (String id : monitorIds) {
            Job job = jobs.get(id);
            if (job == null || job.cancelled) {
                continue;
            }
            long bound = Math.min(within.toNanos(), job.monitor.interval().toNanos());
            planSooner(job, onGrid(System.nanoTime() + (bound <= 0 ? 0 : random.nextLong(bound))));
        }
    }

    /**
     * Brings the next run of each monitor forward to its previous run (by another node) plus its
     * interval, so that a monitor handed over keeps its rhythm instead of waiting for this node's
     * own phase; one already overdue runs within {@code spread}. A plan that is sooner is kept.
     */
    public synchronized void continueAfter(java.util.Map<String, java.time.Instant> previousRuns, Duration spread) {
        java.time.Instant now = clock.instant();
        previousRuns.forEach((id, previous) -> {
            Job job = jobs.get(id);
            if (job == null || job.cancelled) {
                return;
            }
            long delay = Duration.between(now, previous.plus(job.monitor.interval())).toNanos();
            if (delay <= 0) {
                long bound = Math.min(spread.toNanos(), job.monitor.interval().toNanos());
                delay = bound <= 0 ? 0 : random.nextLong(bound);
            }
            planSooner(job, onGrid(System.nanoTime() + delay));
        });
    }

    /**
     * Plans runs again for monitors this node may check again ({@code mayRun} says so now) and
     * whose plan was stopped while it could not: at their own rhythm, the next planned time that is
     * not past. Monitors that still have a plan keep it.
     */
    public void wake(Collection<String> monitorIds) {
        List<String> ids = List.copyOf(monitorIds);
        timer.execute(() -> {
            for (String id : ids) {
                Job job = jobs.get(id);
                if (job == null || job.cancelled || !job.dormant) {
                    continue;
                }
                plan(job, notPast(job.plannedNanos, job.monitor.interval().toNanos(), System.nanoTime()));
            }
        });
    }

    /** {@code planned}, or when that is past, the first time after {@code now} in its rhythm of {@code interval}. */
    private static long notPast(long planned, long interval, long now) {
        return planned - now < 0 ? planned + ((now - planned) / interval + 1) * interval : planned;
    }

    /** On the timer thread: the job's next run at {@code planned}, unless it is already due sooner. */
    private void planSooner(Job job, long planned) {
        timer.execute(() -> {
            if (job.cancelled || !job.dormant && planned - job.plannedNanos >= 0) {
                return; // already due sooner
            }
            ScheduledFuture<?> f = job.future;
            if (f != null) {
                f.cancel(false);
            }
            plan(job, planned);
        });
    }

    /** On the timer thread. */
    private void plan(Job job, long planned) {
        job.dormant = false;
        job.plannedNanos = planned;
        job.future = timer.schedule(() -> fire(job), planned - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** The monitors that currently have a plan (configured and not paused). */
    public Set<String> scheduledMonitorIds() {
        return Set.copyOf(jobs.keySet());
    }

    /**
     * Rounds a planned time up to the next {@link #GRID_NANOS}: runs then fall due in small groups, and the timer
     * thread and the carrier threads wake once per group rather than once per check. Intervals that are whole
     * multiples of the grid (any whole number of milliseconds divisible by 10) keep later runs on it.
     */
    static long onGrid(long nanos) {
        long rest = Math.floorMod(nanos, GRID_NANOS);
        return rest == 0 ? nanos : nanos - rest + GRID_NANOS;
    }

    private long firstRunDelayNanos(Duration interval) {
        long bound = Math.min(interval.toNanos(), maxFirstRunDelay.toNanos());
        return bound <= 0 ? 0 : random.nextLong(bound);
    }

    private void cancel(Job job) {
        job.cancelled = true;
        ScheduledFuture<?> f = job.future;
        if (f != null) {
            f.cancel(false);
        }
    }

    /** On the timer thread: start this run (unless the previous one still runs) and plan the next. */
    private void fire(Job job) {
        if (job.cancelled || stopping) {
            return;
        }
        long planned = job.plannedNanos;
        long now = System.nanoTime();
        // The timer fell behind by more than an interval: skip the missed runs rather than firing them in a burst.
        long next = notPast(planned + job.monitor.interval().toNanos(), job.monitor.interval().toNanos(), now);
        job.plannedNanos = next;
        if (!mayRun.test(job.monitor.id())) {
            // Another node checks it: no timer until it is this node's again (wake), so that a node of a cluster
            // wakes only for its own share. plannedNanos keeps the rhythm.
            job.dormant = true;
            job.future = null;
            return;
        }
        if (job.busy) {
            skippedBusy.incrementAndGet();
        } else {
            job.busy = true;
            Due due = new Due(job, planned);
            if (permits.tryAcquire()) {
                Thread.ofVirtual().name("check-", 0).start(() -> work(due));
            } else {
                queue.add(due);
                // A permit released between tryAcquire and add would otherwise leave this run queued with no worker.
                if (permits.tryAcquire()) {
                    Thread.ofVirtual().name("check-", 0).start(() -> work(null));
                }
            }
        }
        job.future = timer.schedule(() -> fire(job), next - now, TimeUnit.NANOSECONDS);
    }

    /**
     * Holds one permit: runs {@code first} (when given), then queued runs until the queue is empty,
     * then gives the permit back.
     */
    private void work(Due first) {
        Due due = first;
        while (true) {
            if (due == null) {
                due = queue.poll();
            }
            if (due == null) {
                permits.release();
                // A run queued after the poll and before the release found no permit: take it over.
                if (queue.isEmpty() || !permits.tryAcquire()) {
                    return;
                }
                continue;
            }
            if (stopping) {
                due.job().busy = false;
            } else {
                run(due.job(), due.plannedNanos());
            }
            due = null;
        }
    }

    private void run(Job job, long plannedNanos) {
        RunningCheck check = null;
        try {
            long start = System.nanoTime();
            long lagNanos = Math.max(0, start - plannedNanos);
            lag.record(lagNanos, start);
            lagTimer.record(lagNanos, TimeUnit.NANOSECONDS);
            started.incrementAndGet();
            check = new RunningCheck(job, Thread.currentThread(), start, start + job.monitor.timeout().toNanos(), clock.instant(),
                    new java.util.concurrent.atomic.AtomicBoolean(), new java.util.concurrent.atomic.AtomicBoolean());
            running.add(check);
            CheckResult result = executor.execute(job.monitor);
            durationTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (check.settled().compareAndSet(false, true)) {
                completed.incrementAndGet();
                resultsCounter.increment();
                sink.accept(result);
            }
        } catch (RuntimeException e) {
            log.error("check of monitor {} failed unexpectedly", job.monitor.id(), e);
        } finally {
            if (check != null) {
                running.remove(check);
                check.finish();
            }
            job.busy = false;
        }
    }

    /**
     * Gives up on a check that outlived its deadline: its monitor gets a TIMEOUT result now, and
     * whatever the hung thread returns later is discarded. Called by the watchdog.
     */
    boolean abandon(RunningCheck check, long overrunNanos) {
        if (!check.settled().compareAndSet(false, true)) {
            return false;
        }
        abandoned.incrementAndGet();
        resultsCounter.increment();
        running.remove(check);
        check.interrupt();
        check.job().busy = false;
        String message = "check abandoned: still running " + Duration.ofNanos(overrunNanos).toMillis()
                + " ms after its deadline (" + check.job().monitor.timeout().toMillis() + " ms)";
        long elapsedMicros = (System.nanoTime() - check.startNanos()) / 1_000;
        sink.accept(new CheckResult(check.job().monitor.id(), check.startedAt(), Outcome.TIMEOUT, message,
                Timings.totalOnly(elapsedMicros), List.of()));
        return true;
    }

    /** Runs waiting for a permit now. */
    int waiting() {
        return queue.size();
    }

    /** How long the oldest run waiting for a permit has been due at {@code nowNanos}; 0 when none waits. */
    long longestWaitNanos(long nowNanos) {
        Due oldest = queue.peek();
        return oldest == null ? 0 : Math.max(0, nowNanos - oldest.plannedNanos());
    }

    long lastTickNanos() {
        return lastTickNanos;
    }

    public LagStats stats(Duration window) {
        long[] sorted = lag.since(System.nanoTime() - window.toNanos());
        return new LagStats(sorted.length, LagWindow.percentileMillis(sorted, 0.5), LagWindow.percentileMillis(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, started.get(), completed.get(), skippedBusy.get(),
                running.size());
    }

    /** Stops planning, waits up to {@code grace} for running checks, then abandons the rest. */
    public void stop(Duration grace) {
        stopping = true;
        timer.shutdownNow();
        long end = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (RunningCheck check : List.copyOf(running)) {
            check.interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
