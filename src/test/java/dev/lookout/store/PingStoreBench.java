package dev.lookout.store;

import dev.lookout.heartbeat.Ping;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time per ping of {@link dev.lookout.heartbeat.PingStore#appendPings} on a fresh SQLite store: {@code pings} pings
 * over {@code monitors} heartbeat monitors, in transactions of {@code batch} pings (the group
 * commit's size under load: about one ping per connection waiting). Run by
 * bench/ping-store.sh; prints one line.
 */
public final class PingStoreBench {

    public static void main(String[] args) throws Exception {
        int pings = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        int monitors = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = Files.createTempDirectory("lookout-ping-bench");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Instant start = Instant.parse("2026-03-10T12:00:00Z");
        try (Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withNode("bench"))) {
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
}
