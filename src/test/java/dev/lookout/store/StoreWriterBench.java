package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.storage.StoreStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * CPU time of the store writer thread per result: appends {@code results} results for
 * {@code monitors} monitors (10 s apart per monitor, all in one hour) to a fresh SQLite store
 * (or the store {@code -Dstore=URL} names), flushes, and reads the writer thread's CPU time. With
 * {@code flushEvery > 0} it also calls {@code flush()} (which writes the rollups) after every that
 * many results. Uses only the Store API (and {@link BenchMeter}, JDK only), so that the same files
 * measure older code. Run by bench/store-writer.sh.
 *
 * <p>With {@code -Drate=R} it runs a paced load instead ({@link #paced}), for
 * bench/store-postgres.sh.
 */
public final class StoreWriterBench {

    public static void main(String[] args) throws Exception {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int flushEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String url = BenchMeter.storeUrl("lookout-store-bench");
        if (System.getProperty("rate") != null) {
            paced(url, Integer.getInteger("rate"));
            return;
        }
        Instant hour = Instant.parse("2026-03-10T12:00:00Z");
        Random random = new Random(42);
        StoreOptions options = StoreOptions.defaults().withNode("bench").withQueueCapacity(results + 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Store store = Stores.open(url, options)) {
            long writer = writerThreadId(threads);
            long cpuBefore = threads.getThreadCpuTime(writer);
            long wallBefore = System.nanoTime();
            for (int i = 0; i < results; i++) {
                int monitor = i % monitors;
                Instant started = hour.plusSeconds(10L * (i / monitors)).plusNanos(monitor * 100_000L);
                boolean failed = random.nextInt(100) == 0;
                long micros = (long) (Math.exp(random.nextGaussian() * 0.6 + 3.5) * 1_000);
                store.append(new CheckResult("m" + monitor, started, failed ? Outcome.FAILED : Outcome.OK,
                        failed ? "status 503" : "", Timings.totalOnly(micros), List.of()));
                if (flushEvery > 0 && (i + 1) % flushEvery == 0) {
                    store.flush();
                }
            }
            store.flush();
            long cpu = threads.getThreadCpuTime(writer) - cpuBefore;
            long wall = System.nanoTime() - wallBefore;
            RollupPeriod check = store.summary("m0", hour, hour.plus(Duration.ofHours(1)));
            System.out.printf("results %d, monitors %d, flush every %s: writer CPU %.0f ms = %.4f ms per result;"
                            + " wall %.0f ms; dropped %d; m0 count %d%n",
                    results, monitors, flushEvery == 0 ? "end only" : String.valueOf(flushEvery),
                    cpu / 1e6, cpu / 1e6 / results, wall / 1e6, store.stats().dropped(), check.count());
        }
    }

    /**
     * Results as the scheduler produces them: {@code -Dthreads} threads (4) call
     * {@code Store.append} for {@code -Dmonitors} monitors (10,000) in turn, {@code -Drate} results
     * a second in all, each thread waking every 10 ms (the scheduler's grid), stamped with the
     * current time; the store's own batch writer writes them (production options: batches of 500,
     * 200 ms, 100,000 queued). After {@code -Dwarmup} seconds (10) not measured, a window of
     * {@code -Dseconds} (20): results appended and written, the writer's queue (sampled every
     * 10 ms), one rollup flush half-way (the writer does one every 60 s), the time to drain the
     * queue, and the CPU of all that; then, apart, the cost of one more rollup flush. Then, for
     * {@code -Dmax.seconds} (10; 0 skips it), the unpaced maximum: the same threads append as fast
     * as the writer takes them, keeping at most 20,000 queued so that nothing is dropped. Prints a
     * few lines per phase and a ROW line each for bench/store-postgres.sh; CPU as
     * {@link BenchMeter} measures it.
     */
    private static void paced(String url, int rate) throws Exception {
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 10);
        int monitors = Integer.getInteger("monitors", 10_000);
        int threads = Integer.getInteger("threads", 4);
        int maxSeconds = Integer.getInteger("max.seconds", 10);
        Duration bound = Duration.ofSeconds(Integer.getInteger("drain.seconds", 60));
        String name = BenchMeter.storeName(url);
        String writer = "lookout-store-writer";
        try (Store store = Stores.open(url, StoreOptions.defaults().withNode("bench"))) {
            LongConsumer append = i -> store.append(result(i, monitors));
            Duration tick = Duration.ofMillis(10);
            BenchMeter.pace(threads, rate, Duration.ofSeconds(warmup), tick, append);
            BenchMeter.within(bound, "draining the warm-up", store::flush);

            StoreStats before = store.stats();
            BenchMeter.Snapshot start = BenchMeter.snapshot(writer);
            // The writer writes the rollups kept in memory every 60 s, between batches, under load: once in
            // each window here, half-way, by a flush() (the same work on the same thread).
            long[] midFlush = new long[2];
            String[] midFlushError = {null};
            Thread flusher = BenchMeter.benchThread("rollup-flush", true, () -> {
                LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos() / 2);
                midFlush[0] = System.nanoTime();
                try {
                    store.flush();
                    midFlush[1] = System.nanoTime();
                } catch (RuntimeException e) {
                    midFlushError[0] = "FAILED: " + e.getMessage();
                }
            });
            BenchMeter.Paced paced;
            long queuedMax;
            try (var queued = new BenchMeter.MaxSampler(store::pendingWrites, Duration.ofMillis(10))) {
                paced = BenchMeter.pace(threads, rate, Duration.ofSeconds(seconds), tick, append);
                queuedMax = queued.max();
            }
            long appended = paced.count();
            StoreStats atEnd = store.stats();
            BenchMeter.Snapshot paceEnd = BenchMeter.snapshot(writer);
            boolean drained = BenchMeter.waitUntil(() -> store.pendingWrites() == 0, bound);
            flusher.join(bound.toMillis());
            BenchMeter.Snapshot drainEnd = BenchMeter.snapshot(writer);
            BenchMeter.within(bound, "writing the rollups", store::flush);
            BenchMeter.Snapshot end = BenchMeter.snapshot(writer);
            StoreStats after = store.stats();
            double window = paced.seconds(); // the rates are over the paced interval, the CPU from snapshot to snapshot
            long written = atEnd.resultsWritten() - before.resultsWritten();
            // Keeps up: writes at the rate, drops nothing, and ends the window with less than a second's results queued.
            boolean keepsUp = drained && midFlush[1] != 0 && written / window >= 0.95 * rate && atEnd.pending() < rate
                    && after.dropped() == before.dropped();
            System.out.printf("%s results paced at %d/s for %d s (%d threads, %d monitors): appended %d (%.0f/s), written in"
                            + " the window %d (%.0f/s); queued max %d (%.2f s of results), at the end %d; %s in %.2f s;"
                            + " the rollup flush half-way took %s; dropped %d, write errors %d; keeps up: %s%n",
                    name, rate, seconds, threads, monitors, appended, paced.rate(), written, written / window, queuedMax,
                    (double) queuedMax / rate, atEnd.pending(), drained ? "drained" : "NOT drained (bound reached)",
                    (drainEnd.wall() - paceEnd.wall()) / 1e9,
                    midFlushError[0] != null ? midFlushError[0] : midFlush[1] == 0 ? "too long (not done)"
                            : String.format("%.2f s", (midFlush[1] - midFlush[0]) / 1e9),
                    after.dropped() - before.dropped(), after.writeErrors() - before.writeErrors(),
                    keepsUp ? "yes" : "NO (written below 95 % of the rate, dropped, or a second's results still queued at the end)");
            BenchMeter.printCpu(start, drainEnd, appended, "result (window with one rollup flush, and the drain)", writer);
            double jvm = end.process() - drainEnd.process();
            double db = end.db() - drainEnd.db();
            System.out.printf("  one rollup flush alone (after the window): %.2f s, CPU JVM %.0f ms, DB server %s; amortised over"
                            + " Lookout's 60 s interval at %d/s: JVM %.2f µs, DB server %s per result (the window above has one"
                            + " per %d s)%n", (end.wall() - drainEnd.wall()) / 1e9, jvm / 1e6,
                    end.db() < 0 ? "in the JVM" : String.format("%.0f ms", db / 1e6), rate, jvm / 1e3 / (60.0 * rate),
                    end.db() < 0 ? "-" : String.format("%.2f µs", db / 1e3 / (60.0 * rate)), seconds);
            System.out.println(BenchMeter.row(name, "results", String.valueOf(rate), written / window, "-", "-", start, drainEnd,
                    appended, String.valueOf(queuedMax)));

            if (maxSeconds > 0) {
                unpaced(store, name, threads, monitors, maxSeconds, bound, writer);
            }
        }
    }

    /** Appends as fast as the writer takes results, with at most {@code maxQueued} waiting. */
    private static void unpaced(Store store, String name, int threads, int monitors, int seconds, Duration bound, String writer)
            throws Exception {
        final int maxQueued = 20_000;
        StoreStats before = store.stats();
        BenchMeter.Snapshot start = BenchMeter.snapshot(writer);
        long end = start.wall() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong next = new AtomicLong();
        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            appenders.add(BenchMeter.benchThread("appender-" + t, false, () -> {
                while (System.nanoTime() < end) {
                    if (store.pendingWrites() >= maxQueued) {
                        LockSupport.parkNanos(200_000);
                        continue;
                    }
                    for (int i = 0; i < 100; i++) {
                        store.append(result(next.getAndIncrement(), monitors));
                    }
                }
            }));
        }
        for (Thread appender : appenders) {
            appender.join();
        }
        BenchMeter.Snapshot stop = BenchMeter.snapshot(writer);
        StoreStats after = store.stats();
        long written = after.resultsWritten() - before.resultsWritten();
        double window = (stop.wall() - start.wall()) / 1e9;
        System.out.printf("%s results unpaced for %d s (%d threads, at most %d queued): written %d (%.0f/s), appended %d;"
                        + " dropped %d, write errors %d%n", name, seconds, threads, maxQueued, written, written / window,
                next.get(), after.dropped() - before.dropped(), after.writeErrors() - before.writeErrors());
        BenchMeter.printCpu(start, stop, written, "result written", writer);
        System.out.println(BenchMeter.row(name, "results", "max", written / window, "-", "-", start, stop, written,
                String.valueOf(maxQueued)));
        BenchMeter.waitUntil(() -> store.pendingWrites() == 0, bound); // before close(), which would wait up to 30 s
    }

    /** Result number {@code i}: monitor {@code i % monitors}, now, 1 % failed, latency log-normal around 33 ms. */
    private static CheckResult result(long i, int monitors) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean failed = random.nextInt(100) == 0;
        long micros = (long) (Math.exp(random.nextGaussian() * 0.6 + 3.5) * 1_000);
        return new CheckResult("m" + (i % monitors), Instant.now(), failed ? Outcome.FAILED : Outcome.OK,
                failed ? "status 503" : "", Timings.totalOnly(micros), List.of());
    }

    private static long writerThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("lookout-store-writer")) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no lookout-store-writer thread");
    }
}
