package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * CPU time of the store writer thread per result: appends {@code results} results for
 * {@code monitors} monitors (10 s apart per monitor, all in one hour) to a fresh SQLite store,
 * flushes, and reads the writer thread's CPU time. With {@code flushEvery > 0} it also calls
 * {@code flush()} (which writes the rollups) after every that many results. Uses only the Store
 * API, so that the same file measures older code. Run by bench/store-writer.sh.
 */
public final class StoreWriterBench {

    public static void main(String[] args) throws Exception {
        int results = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int flushEvery = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path dir = Files.createTempDirectory("lookout-store-bench");
        Instant hour = Instant.parse("2026-03-10T12:00:00Z");
        Random random = new Random(42);
        StoreOptions options = StoreOptions.defaults().withNode("bench").withQueueCapacity(results + 1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), options)) {
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

    private static long writerThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("lookout-store-writer")) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no lookout-store-writer thread");
    }
}
