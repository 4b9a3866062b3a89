package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails part-way closes what it had started, newest first, and leaves no thread or database behind. */
class FailedStartTest {
    @TempDir
    Path dir;

    /** One per JVM, shared by every check that needs it: not a node's to stop. */
    private static final Set<String> SHARED = Set.of("lookout-deadline-closer", "lookout-sql-deadline");

    /** Platform threads of a node's components (virtual threads, such as the outbox sender's, are not listed by the JVM). */
    private static Set<Thread> lookoutThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("lookout-") || t.getName().equals("maintenance-ticker"))
                .filter(t -> !SHARED.contains(t.getName())).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void a_node_whose_port_is_taken_closes_its_store_and_stops_its_threads() throws Exception {
        Path database = dir.resolve("data/lookout.db");
        Set<Thread> before = lookoutThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path file = dir.resolve("lookout.yaml");
            Files.writeString(file, """
                    server: { listen: "127.0.0.1:%d", node_name: test-node }
                    storage: { url: "sqlite:%s" }
                    monitors:
                      - { id: api, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms }
                      - { id: nightly, type: heartbeat, uuid: 0a1b2c3d-0000-4000-8000-000000000001, schedule: { every: 1h, grace: 10m } }
                    """.formatted(taken.getLocalPort(), database, taken.getLocalPort()));
            CheckTypes types = CheckTypes.standard();
            LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file));

            assertThatThrownBy(node::start).as("the web server cannot bind").isInstanceOf(RuntimeException.class);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lookoutThreads())
                .as("threads started by the node").filteredOn(t -> !before.contains(t)).isEmpty());
        assertThat(database.resolveSibling("lookout.db-wal")).as("SQLite removes its WAL when its last connection closes")
                .doesNotExist();
        CheckResult written = new CheckResult("api", Instant.now().truncatedTo(ChronoUnit.MILLIS), Outcome.OK, "connected",
                Timings.totalOnly(1000), List.of());
        try (Store store = Stores.open("sqlite:" + database, StoreOptions.defaults())) {
            store.append(written);
            store.flush();
            assertThat(store.lastResult("api")).hasValueSatisfying(r -> assertThat(r.startedAt()).isEqualTo(written.startedAt()));
        }
    }
}
