package dev.lookout.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.store.Ping;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit against a real SQLite file: concurrent pings share transactions, and a failed write is never a silent drop. */
class PingCommitterTest {
    @TempDir
    Path dir;

    private static Ping ping(int i) {
        return new Ping("agent-" + i, Instant.parse("2026-03-10T12:00:00Z"), Ping.Kind.SUCCESS, null, null, null, new byte[0], false,
                "127.0.0.1", "test", "GET");
    }

    @Test
    void concurrent_pings_are_committed_in_far_fewer_transactions_than_pings() throws Exception {
        try (Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
             PingCommitter committer = new PingCommitter(store, 1_000, 50_000)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 5_000; i++) {
                    int n = i;
                    threads.submit(() -> {
                        CompletableFuture<Void> f = committer.submit(ping(n));
                        synchronized (done) {
                            done.add(f);
                        }
                    });
                }
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(store.pingCount()).isEqualTo(5_000);
            assertThat(committer.written()).isEqualTo(5_000);
            assertThat(committer.batches()).isLessThan(5_000);
        }
    }

    @Test
    void a_write_that_fails_fails_the_pings_waiting_for_it() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
        store.close(); // every write now fails
        try (PingCommitter committer = new PingCommitter(store, 1_000, 50_000)) {
            CompletableFuture<Void> done = committer.submit(ping(1));
            assertThatThrownBy(() -> done.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("closed");
            assertThat(committer.failed()).isEqualTo(1);
        }
    }

    @Test
    void a_full_queue_refuses_at_once() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults());
        try (store; PingCommitter committer = new PingCommitter(store, 1, 1)) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(committer.submit(ping(i)));
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
            assertThat(store.pingCount()).isEqualTo(200 - refused);
        }
    }
}
