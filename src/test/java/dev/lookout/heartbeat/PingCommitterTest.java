package dev.lookout.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredPings;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit against a real SQLite file: concurrent pings share transactions, and a failed write is never a silent drop. */
class PingCommitterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Ping ping(int i) {
        return new Ping("agent-" + i, Instant.parse("2026-03-10T12:00:00Z"), Ping.Kind.SUCCESS, null, null, null, new byte[0], false,
                "127.0.0.1", "test", "GET");
    }

    @Test
    void concurrent_pings_are_committed_in_far_fewer_transactions_than_pings() throws Exception {
        try (Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
             PingCommitter committer = new PingCommitter(store.pings(), 1_000, 50_000, WAIT)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            Set<Ping> seen = ConcurrentHashMap.newKeySet();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 5_000; i++) {
                    int n = i;
                    threads.submit(() -> {
                        CompletableFuture<Void> f = committer.submit(ping(n), seen::add);
                        synchronized (done) {
                            done.add(f);
                        }
                    });
                }
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(StoredPings.sqlite(dir.resolve("lookout.db")).count()).isEqualTo(5_000);
            assertThat(committer.written()).isEqualTo(5_000);
            assertThat(committer.batches()).isLessThan(5_000);
            assertThat(seen).hasSize(5_000); // each stored ping was handed on before its answer
        }
    }

    @Test
    void a_write_that_fails_fails_the_pings_waiting_for_it() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
        store.close(); // every write now fails
        try (PingCommitter committer = new PingCommitter(store.pings(), 1_000, 50_000, WAIT)) {
            CompletableFuture<Void> done = committer.submit(ping(1), p -> { });
            assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("closed");
            assertThat(committer.failed()).isEqualTo(1);
        }
    }

    @Test
    void a_ping_still_not_stored_after_the_wait_is_answered_503_and_counts_once_its_transaction_commits() throws Exception {
        Path file = dir.resolve("lookout.db");
        try (Store store = Stores.open("sqlite:" + file, StoreOptions.defaults());
             PingCommitter committer = new PingCommitter(store.pings(), 1_000, 50_000, Duration.ofMillis(500));
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = other.createStatement()) {
            sql.execute("BEGIN EXCLUSIVE"); // another writer holds the database (busy timeout 5 s)
            Set<Ping> seen = ConcurrentHashMap.newKeySet();
            long started = System.nanoTime();
            CompletableFuture<Void> done = committer.submit(ping(1), seen::add);
            assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("ping not stored within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
            assertThat(committer.failed()).isEqualTo(1);
            assertThat(seen).isEmpty();

            sql.execute("ROLLBACK"); // the database is free again: the transaction that was waiting commits
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(seen).extracting(Ping::monitorId).containsExactly("agent-1");
            assertThat(committer.written()).isEqualTo(1);
            assertThat(StoredPings.sqlite(dir.resolve("lookout.db")).count()).isEqualTo(1);
        }
    }

    @Test
    void a_full_queue_refuses_at_once() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
        try (store; PingCommitter committer = new PingCommitter(store.pings(), 1, 1, WAIT)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(committer.submit(ping(i), p -> { }));
            }
            long refused = futures.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertThat(refused).isPositive();
            for (CompletableFuture<Void> f : futures) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).hasMessageContaining("ping queue full");
                }
            }
            assertThat(StoredPings.sqlite(dir.resolve("lookout.db")).count()).isEqualTo(200 - refused);
        }
    }
}
