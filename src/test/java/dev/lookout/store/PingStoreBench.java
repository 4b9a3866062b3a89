package dev.lookout.store;

import dev.lookout.heartbeat.Ping;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import dev.lookout.heartbeat.BenchPingCommitter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per ping of {@link dev.lookout.heartbeat.PingStore#appendPings} on a fresh SQLite store
 * (or the store {@code -Dstore=URL} names): {@code pings} pings over {@code monitors} heartbeat
 * monitors, in transactions of {@code batch} pings (the group commit's size under load: about one
 * ping per connection waiting). Run by bench/ping-store.sh; prints one line per round.
 *
 * <p>With {@code -Drate=R} it runs pings through the heartbeat ingest's group commit at a paced
 * rate instead ({@link #paced}), for bench/store-postgres.sh.
 */
public final class PingStoreBench {

    public static void main(String[] args) throws Exception {
        int pings = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String url = BenchMeter.storeUrl("lookout-ping-bench");
        if (System.getProperty("rate") != null) {
            paced(url, Integer.getInteger("rate"), monitors);
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Instant start = Instant.parse("2026-03-10T12:00:00Z");
        try (Store store = Stores.open(url, StoreOptions.defaults().withNode("bench"))) {
            for (int round = 0; round < Integer.getInteger("rounds", 2); round++) { // the first round warms the JIT up
                long cpuBefore = threads.getCurrentThreadCpuTime();
                long wallBefore = System.nanoTime();
                List<Ping> group = new ArrayList<>(batch);
                for (int i = 0; i < pings; i++) {
                    group.add(new Ping("agent-" + (i % monitors), start.plusMillis((long) round * pings + i), Ping.Kind.SUCCESS, null, null, null,
                            new byte[0], false, "127.0.0.1", "", "GET"));
                    if (group.size() == batch) {
                        store.pings().appendPings(group);
                        group.clear();
                    }
                }
                store.pings().appendPings(group);
                long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
                long wall = System.nanoTime() - wallBefore;
                System.out.printf("round %d: pings %d, monitors %d, batch %d: CPU %.2f us per ping, wall %.2f us per ping%n",
                        round, pings, monitors, batch, cpu / 1e3 / pings, wall / 1e3 / pings);
            }
        }
    }

    private static final String[] COMMIT_THREADS = {"lookout-ping-committer", "lookout-ping-replies"};

    /**
     * Pings as the heartbeat ingest stores them: each is submitted to the group commit the ingest
     * uses ({@link BenchPingCommitter}: whatever is queued goes in the next transaction, up to
     * 2,000) and is "answered" when its future completes. One thread submits {@code -Drate} pings
     * a second over {@code monitors} monitors, waking every millisecond, for {@code -Dseconds}
     * (20) after {@code -Dwarmup} seconds (10) not measured; latency is submit to completion (queue,
     * transaction, hand-off to the replies thread). Then, for {@code -Dmax.seconds} (10; 0 skips
     * it), the unpaced maximum: {@code -Dconcurrency} callers (512) each submit their next ping
     * as soon as the last one is committed, as that many clients waiting for their answers would.
     */
    private static void paced(String url, int rate, int monitors) throws Exception {
        int seconds = Integer.getInteger("seconds", 20);
        int warmup = Integer.getInteger("warmup", 10);
        int maxSeconds = Integer.getInteger("max.seconds", 10);
        int concurrency = Integer.getInteger("concurrency", 512);
        Duration bound = Duration.ofSeconds(Integer.getInteger("drain.seconds", 60));
        String name = BenchMeter.storeName(url);
        try (Store store = Stores.open(url, StoreOptions.defaults().withNode("bench"));
             BenchPingCommitter committer = new BenchPingCommitter(store.pings())) {
            Tally warm = new Tally(0);
            BenchMeter.pace(1, rate, Duration.ofSeconds(warmup), Duration.ofMillis(1), i -> warm.submit(committer, i, monitors));
            BenchMeter.within(bound, "committing the warm-up", () -> warm.awaitAll(bound));

            Tally tally = new Tally((int) Math.min(Integer.MAX_VALUE - 8, (long) rate * seconds * 11 / 10 + 1_000));
            long written0 = committer.written();
            long batches0 = committer.batches();
            BenchMeter.Snapshot start = BenchMeter.snapshot(COMMIT_THREADS);
            BenchMeter.Paced paced;
            long waitingMax;
            try (var waiting = new BenchMeter.MaxSampler(tally::waiting, Duration.ofMillis(5))) {
                paced = BenchMeter.pace(1, rate, Duration.ofSeconds(seconds), Duration.ofMillis(1),
                        i -> tally.submit(committer, i, monitors));
                waitingMax = waiting.max();
            }
            long submitted = paced.count();
            long written = committer.written() - written0;
            BenchMeter.Snapshot paceEnd = BenchMeter.snapshot(COMMIT_THREADS);
            BenchMeter.within(bound, "committing the last pings", () -> tally.awaitAll(bound));
            BenchMeter.Snapshot end = BenchMeter.snapshot(COMMIT_THREADS);
            double window = paced.seconds(); // the rates are over the paced interval, the CPU from snapshot to snapshot
            long batches = committer.batches() - batches0; // pings per commit over the window and the last commits
            String p50 = BenchMeter.percentileMillis(tally.latencies, tally.recorded(), 0.50);
            String p99 = BenchMeter.percentileMillis(tally.latencies, tally.recorded(), 0.99);
            System.out.printf("%s pings paced at %d/s for %d s (%d monitors, group commit): submitted %d (%.0f/s), committed in"
                            + " the window %d (%.0f/s), failed %d; %.1f pings per commit; latency p50 %s ms, p99 %s ms, max %s ms;"
                            + " waiting max %d; last ones committed %.2f s after the window%n",
                    name, rate, seconds, monitors, submitted, submitted / window, written, written / window, tally.failed.get(),
                    (double) (committer.written() - written0) / Math.max(1, batches), p50, p99,
                    BenchMeter.percentileMillis(tally.latencies, tally.recorded(), 1.0), waitingMax, (end.wall() - paceEnd.wall()) / 1e9);
            BenchMeter.printCpu(start, end, submitted, "ping", "committer + replies threads");
            System.out.println(BenchMeter.row(name, "pings", String.valueOf(rate), written / window, p50, p99, start, end, submitted,
                    String.valueOf(waitingMax)));

            if (maxSeconds > 0) {
                unpaced(committer, name, monitors, concurrency, maxSeconds, bound);
            }
        }
    }

    /** {@code concurrency} callers, each submitting its next ping when the last one completes, for {@code seconds}. */
    private static void unpaced(BenchPingCommitter committer, String name, int monitors, int concurrency, int seconds, Duration bound)
            throws Exception {
        Tally tally = new Tally(4_000_000);
        long written0 = committer.written();
        long batches0 = committer.batches();
        BenchMeter.Snapshot start = BenchMeter.snapshot(COMMIT_THREADS);
        long end = start.wall() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong next = new AtomicLong();
        for (int c = 0; c < concurrency; c++) {
            tally.loop(committer, next, monitors, end);
        }
        BenchMeter.waitUntil(() -> System.nanoTime() >= end, Duration.ofSeconds(seconds + 1));
        BenchMeter.Snapshot stop = BenchMeter.snapshot(COMMIT_THREADS);
        long written = committer.written() - written0;
        long batches = committer.batches() - batches0;
        double window = (stop.wall() - start.wall()) / 1e9;
        String p50 = BenchMeter.percentileMillis(tally.latencies, tally.recorded(), 0.50);
        String p99 = BenchMeter.percentileMillis(tally.latencies, tally.recorded(), 0.99);
        System.out.printf("%s pings unpaced for %d s (%d callers, each waiting for its commit): committed %d (%.0f/s), failed %d;"
                        + " %.1f pings per commit; latency p50 %s ms, p99 %s ms%n",
                name, seconds, concurrency, written, written / window, tally.failed.get(), (double) written / Math.max(1, batches),
                p50, p99);
        BenchMeter.printCpu(start, stop, written, "ping committed", "committer + replies threads");
        System.out.println(BenchMeter.row(name, "pings", "max", written / window, p50, p99, start, stop, written,
                String.valueOf(concurrency)));
        BenchMeter.within(bound, "committing the last pings", () -> tally.awaitAll(bound));
    }

    /** Pings submitted and completed, with the latency of each (submit to completion) while there is room. */
    private static final class Tally {
        final long[] latencies;
        final AtomicInteger slots = new AtomicInteger();
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Tally(int capacity) {
            this.latencies = new long[capacity];
        }

        CompletableFuture<Void> submit(BenchPingCommitter committer, long i, int monitors) {
            long at = System.nanoTime();
            submitted.incrementAndGet();
            return committer.submit(ping(i, monitors)).whenComplete((ok, error) -> {
                if (error == null) {
                    int slot = slots.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = System.nanoTime() - at;
                    }
                } else {
                    failed.incrementAndGet();
                }
                completed.incrementAndGet();
            });
        }

        /** One caller: submits, and when that completes before {@code end}, submits again (a failure ends the caller). */
        void loop(BenchPingCommitter committer, AtomicLong next, int monitors, long end) {
            submit(committer, next.getAndIncrement(), monitors).whenComplete((ok, error) -> {
                if (error == null && System.nanoTime() < end) {
                    loop(committer, next, monitors, end);
                }
            });
        }

        long waiting() {
            return submitted.get() - completed.get();
        }

        int recorded() {
            return Math.min(slots.get(), latencies.length);
        }

        void awaitAll(Duration bound) {
            BenchMeter.waitUntil(() -> waiting() == 0, bound);
        }
    }

    private static Ping ping(long i, int monitors) {
        return new Ping("agent-" + (i % monitors), Instant.now(), Ping.Kind.SUCCESS, null, null, null, new byte[0], false,
                "127.0.0.1", "bench", "GET");
    }
}
