package dev.lookout.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * What the store benchmarks measure around a window, and how they pace their load: CPU time of
 * this JVM and of the store's own threads, of a database server's process tree (from /proc, when
 * {@code -Ddb.pid} names its postmaster), and of the whole machine; the store URL from
 * {@code -Dstore} (a fresh SQLite file when absent). JDK only, so that bench/store-writer.sh can
 * compile it against older code too.
 */
final class BenchMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long CLOCK_TICK_NANOS = TimeUnit.SECONDS.toNanos(1) / Long.getLong("clk.tck", 100);

    private BenchMeter() {
    }

    /** {@code -Dstore=URL}, or a new SQLite file in a temporary directory named after {@code prefix}. */
    static String storeUrl(String prefix) throws IOException {
        String url = System.getProperty("store");
        return url != null && !url.isBlank() ? url : "sqlite:" + Files.createTempDirectory(prefix).resolve("lookout.db");
    }

    /** "sqlite" or "postgresql", for the table. */
    static String storeName(String url) {
        return url.startsWith("sqlite:") ? "sqlite" : "postgresql";
    }

    /**
     * Counters at one instant. CPU in nanoseconds; {@code db} is -1 without {@code -Ddb.pid};
     * {@code machineBusy}/{@code machineTotal} in clock ticks summed over all CPUs.
     */
    record Snapshot(long wall, long process, long storeThreads, long bench, long db, long machineBusy, long machineTotal,
                    java.util.Map<String, Long> byThread, java.util.Map<String, Long> byTask) {
    }

    /** CPU time of the benchmark's own threads that have ended (the live ones are read by name). */
    private static final java.util.concurrent.atomic.LongAdder ENDED_BENCH_THREADS = new java.util.concurrent.atomic.LongAdder();

    /**
     * Starts a thread of the benchmark's own (load generator, sampler): named {@code bench-NAME},
     * its CPU time counted apart from the store's, also after it ended.
     */
    static Thread benchThread(String name, boolean daemon, Runnable body) {
        return Thread.ofPlatform().daemon(daemon).name("bench-" + name).start(() -> {
            try {
                body.run();
            } finally {
                ENDED_BENCH_THREADS.add(THREADS.getCurrentThreadCpuTime());
            }
        });
    }

    /** Now, with the CPU time of this JVM's threads whose name starts with one of {@code storeThreads}. */
    static Snapshot snapshot(String... storeThreads) {
        long[] machine = machineTicks();
        java.util.Map<String, Long> byThread = threadsByName();
        long store = byThread.entrySet().stream().filter(e -> Arrays.stream(storeThreads).anyMatch(e.getKey()::startsWith))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        long bench = ENDED_BENCH_THREADS.sum() + byThread.entrySet().stream().filter(e -> e.getKey().startsWith("bench-"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        return new Snapshot(System.nanoTime(), processCpu(), store, bench, dbServerCpu(), machine[0], machine[1], byThread,
                tasksByName());
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of this JVM's live threads, summed by name with digits replaced by N (pool threads together). */
    private static java.util.Map<String, Long> threadsByName() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    byName.merge(info.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
                }
            }
        }
        return byName;
    }

    /**
     * CPU time of every thread of this process as the kernel sees it (/proc/self/task: the JIT
     * compiler and GC threads too, which ThreadMXBean does not list), summed by name (the first 15
     * characters) with digits replaced by N; empty where there is no /proc.
     */
    private static java.util.Map<String, Long> tasksByName() {
        java.util.Map<String, Long> byName = new java.util.TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String line;
                try {
                    line = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).replaceAll("\\d+", "N");
                String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * CLOCK_TICK_NANOS, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: only the totals
        }
        return byName;
    }

    /**
     * The threads that used the most CPU between two snapshots, µs per op, from /proc/self/task
     * (clock-tick resolution; threads that ended in between are not seen).
     */
    static String topThreads(Snapshot a, Snapshot b, long ops, int limit) {
        return b.byTask().entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - a.byTask().getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> String.format("%s %.1f", e.getKey(), micros(e.getValue(), ops)))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The server's CPU time: utime + stime of the postmaster and of every process whose parent it
     * is, plus the postmaster's cutime + cstime (backends that exited and were reaped). -1 without
     * {@code -Ddb.pid}.
     */
    static long dbServerCpu() {
        Long pid = Long.getLong("db.pid");
        if (pid == null) {
            return -1;
        }
        long ticks = 0;
        long[] postmaster = stat(Path.of("/proc", pid.toString(), "stat"));
        if (postmaster == null) {
            throw new IllegalStateException("no process " + pid + " (-Ddb.pid)");
        }
        ticks += postmaster[1] + postmaster[2] + postmaster[3] + postmaster[4];
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                long[] child = stat(process.resolve("stat"));
                if (child != null && child[0] == pid) {
                    ticks += child[1] + child[2];
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return ticks * CLOCK_TICK_NANOS;
    }

    /** ppid, utime, stime, cutime, cstime of one process, or null when it is gone. */
    private static long[] stat(Path file) {
        String line;
        try {
            line = Files.readString(file);
        } catch (IOException e) {
            return null;
        }
        // "pid (comm) state ppid ..." and comm may hold spaces: count the fields after the last ')'.
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                Long.parseLong(f[14])};
    }

    /** {busy, total} clock ticks of all CPUs, from the first line of /proc/stat ({0, 0} elsewhere). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** One line: CPU per operation of the JVM, its store threads and the server, and how busy the machine was. */
    static String cpuLine(Snapshot a, Snapshot b, long ops, String unit, String storeThreads) {
        double wall = (b.wall() - a.wall()) / 1e9;
        double jvm = b.process() - a.process();
        double threads = b.storeThreads() - a.storeThreads();
        double bench = b.bench() - a.bench();
        double db = a.db() < 0 ? -1 : b.db() - a.db();
        long ticks = b.machineTotal() - a.machineTotal();
        double busyCpus = ticks == 0 ? 0
                : (double) (b.machineBusy() - a.machineBusy()) / ticks * Runtime.getRuntime().availableProcessors();
        double other = busyCpus - jvm / 1e9 / wall - Math.max(0, db) / 1e9 / wall;
        return String.format("CPU per %s: JVM %.1f µs (of which %s %.1f, the benchmark's own threads %.1f), DB server %s;"
                        + " over %.1f s the machine was busy %.0f %% of one CPU (JVM %.0f %%, DB server %s, other %.0f %%)",
                unit, micros(jvm, ops), storeThreads, micros(threads, ops), micros(bench, ops),
                db < 0 ? "in the JVM" : String.format("%.1f µs", micros(db, ops)), wall, busyCpus * 100, jvm / 1e9 / wall * 100,
                db < 0 ? "-" : String.format("%.0f %%", db / 1e9 / wall * 100), other * 100);
    }

    /** {@link #cpuLine} and the JVM threads that used the most CPU, indented. */
    static void printCpu(Snapshot a, Snapshot b, long ops, String unit, String storeThreads) {
        System.out.println("  " + cpuLine(a, b, ops, unit, storeThreads));
        System.out.println("    busiest JVM threads, µs per " + unit.replaceFirst(" .*", "") + ": " + topThreads(a, b, ops, 6));
    }

    /**
     * The table row bench/store-postgres.sh collects: tab-separated after "ROW", rates in ops/s,
     * latencies in ms, CPU in µs per op ("-" where there is nothing to show).
     */
    static String row(String store, String workload, String target, double achieved, String p50, String p99, Snapshot a,
                      Snapshot b, long ops, String inFlightMax) {
        return String.join("\t", "ROW", store, workload, target, String.format("%.0f", achieved), p50, p99,
                String.format("%.1f", micros(b.process() - a.process(), ops)),
                String.format("%.1f", micros(b.storeThreads() - a.storeThreads(), ops)),
                String.format("%.1f", micros(b.bench() - a.bench(), ops)),
                a.db() < 0 ? "-" : String.format("%.1f", micros(b.db() - a.db(), ops)), inFlightMax);
    }

    private static double micros(double nanos, long ops) {
        return ops == 0 ? 0 : nanos / 1e3 / ops;
    }

    /**
     * Calls {@code op} {@code rate} times a second for {@code duration}, from {@code threads}
     * threads, each waking every {@code tick} and doing what has fallen due since its start (so a
     * thread that fell behind catches up). {@code op} gets a number unique across threads.
     * Returns how many calls were made, over how long (from the start to the last thread's end).
     */
    static Paced pace(int threads, double rate, Duration duration, Duration tick, LongConsumer op) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double perThread = rate / threads;
        List<Thread> pacers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pacers.add(benchThread("pacer-" + t, false, () -> {
                long count = 0;
                long wake = start;
                while (true) {
                    long now = System.nanoTime();
                    long due = (long) ((Math.min(now, end) - start) / 1e9 * perThread);
                    for (; count < due; count++) {
                        op.accept(count * threads + thread);
                    }
                    if (now >= end) {
                        break;
                    }
                    wake += tick.toNanos();
                    LockSupport.parkNanos(wake - System.nanoTime());
                }
                done.addAndGet(count);
            }));
        }
        for (Thread pacer : pacers) {
            pacer.join();
        }
        return new Paced(done.get(), (System.nanoTime() - start) / 1e9);
    }

    /** {@code count} calls over {@code seconds}. */
    record Paced(long count, double seconds) {
        double rate() {
            return count / seconds;
        }
    }

    /** Largest value {@code sample} returned, sampled every {@code every} until stopped. */
    static final class MaxSampler implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;
        private volatile boolean stop;

        MaxSampler(LongSupplier sample, Duration every) {
            this.thread = benchThread("sampler", true, () -> {
                while (!stop) {
                    max.accumulateAndGet(sample.getAsLong(), Math::max);
                    LockSupport.parkNanos(every.toNanos());
                }
            });
        }

        long max() {
            return max.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join();
        }
    }

    /** Waits until {@code condition} holds or {@code limit} passes; whether it held. */
    static boolean waitUntil(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }

    /** Runs {@code work}, and stops the JVM (exit 3) when it takes longer than {@code limit}: every phase is bounded. */
    static void within(Duration limit, String what, Runnable work) throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread worker = Thread.ofPlatform().daemon().name("bounded-call").start(() -> { // the store's work: not a bench thread
            try {
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        worker.join(limit.toMillis());
        if (worker.isAlive()) {
            System.out.println("ABORT: " + what + " took longer than " + limit.toSeconds() + " s");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(what + " failed: " + failure.get(), failure.get());
        }
    }

    /** The value at {@code fraction} (nearest rank) of the first {@code n} entries, in ms; "-" when there are none. */
    static String percentileMillis(long[] nanos, int n, double fraction) {
        if (n == 0) {
            return "-";
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * n);
        return String.format("%.1f", sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6);
    }
}
