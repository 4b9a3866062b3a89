package dev.lookout.alert;

import static dev.lookout.alert.AlertFixture.T0;
import static dev.lookout.evaluate.MonitorState.DOWN;
import static dev.lookout.evaluate.MonitorState.UNKNOWN;
import static dev.lookout.evaluate.MonitorState.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.PrivatePostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert engine never makes a check or the tick wait for a storage call that another thread
 * is stuck in. The database stalls for real: a private PostgreSQL on which the test holds a lock
 * on the state-change table, so the batch writer's transaction waits (up to the driver's 60 s)
 * while everything else answers. A call that must see the queued writes stored first
 * ({@code flush()}: acknowledging, the mass-failure guard taking back alerts) waits with it.
 */
class AlertEngineStalledStorageTest {
    /** Far below the 60 s the stalled call waits, far above what a state change or a tick takes on a busy machine. */
    private static final long PROMPTLY_SECONDS = 20;

    @TempDir
    Path dir;
    private PrivatePostgres pg;
    private AlertFixture f;
    private Connection locker;
    /** The other calls; the stalled one runs in a thread of its own ({@link #inThread}). */
    private final ExecutorService calls = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        pg = PrivatePostgres.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (locker != null) {
            locker.close(); // releases the table, should an assertion have failed while it was held
        }
        calls.shutdownNow();
        calls.awaitTermination(90, TimeUnit.SECONDS);
        if (f != null) {
            f.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void a_state_change_and_a_tick_go_on_while_an_acknowledgement_waits_for_the_database() throws Exception {
        f = new AlertFixture(dir, """
                server: { public_url: "https://status.example.com" }
                monitors:
                  - { id: api, type: tcp, host: 127.0.0.1, port: 1 }
                  - { id: db, type: tcp, host: 127.0.0.1, port: 2 }
                  - { id: web, type: tcp, host: 127.0.0.1, port: 3 }
                channels:
                  - { id: slack, type: test }
                alerting:
                  system_channels: [slack]
                  routes:
                    - { channels: [slack] }
                """, pg.storeUrl());
        AlertEngine engine = f.engine();
        engine.onStateChange(f.change("api", UP, DOWN));
        String episode = "api@" + T0.toEpochMilli();
        assertThat(f.keys()).containsExactly(episode + "/slack/down");

        stallStateChanges();
        f.advance(Duration.ofMinutes(1));
        engine.onStateChange(f.change("web", UNKNOWN, UP)); // queued; the writer now waits for the table
        Future<AlertEngine.AckResult> ack = inThread(() -> engine.acknowledge(episode, "alice"));
        awaitStuckInFlush(ack);

        f.advance(Duration.ofSeconds(10));
        promptly("a state change of another monitor", () -> {
            engine.onStateChange(f.change("db", UP, DOWN));
            return null;
        });
        assertThat(ack).as("the acknowledgement still waits for the database").isNotDone();
        assertThat(engine.openEpisodeIds()).containsOnlyKeys("api", "db");
        promptly("a tick", () -> {
            engine.tick();
            return null;
        });
        promptly("a system alert", () -> {
            engine.systemAlert("test/1", AlertKind.MONITORING_SIDE_FAILURE, "a message about Lookout");
            return null;
        });
        assertThat(ack).as("the acknowledgement still waits for the database").isNotDone();

        releaseStateChanges();
        assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(AlertEngine.AckResult.ACKNOWLEDGED);
        assertThat(f.keys()).containsExactlyInAnyOrder(episode + "/slack/down", "db@" + T0.plusSeconds(70).toEpochMilli()
                + "/slack/down", "test/1/slack", episode + "/slack/acknowledged");
        assertThat(engine.acknowledge(episode, "bob")).isEqualTo(AlertEngine.AckResult.ALREADY_ACKNOWLEDGED);
    }

    @Test
    void a_state_change_and_a_tick_go_on_while_the_mass_failure_guard_takes_back_alerts() throws Exception {
        f = new AlertFixture(dir, """
                server: { public_url: "https://status.example.com" }
                monitors:
                  - { id: m1, type: tcp, host: 127.0.0.1, port: 1 }
                  - { id: m2, type: tcp, host: 127.0.0.1, port: 2 }
                  - { id: m3, type: tcp, host: 127.0.0.1, port: 3 }
                  - { id: m4, type: tcp, host: 127.0.0.1, port: 4 }
                channels:
                  - { id: slack, type: test }
                alerting:
                  group_window: 30s
                  system_channels: [slack]
                  mass_failure: { share: 50%, min_monitors: 2, window: 1m, confirm_after: 2m }
                  routes:
                    - { channels: [slack] }
                """, pg.storeUrl());
        AlertEngine engine = f.engine();
        stallStateChanges();
        engine.onStateChange(f.change("m1", UP, DOWN)); // its alert is queued behind the stalled writer
        f.advance(Duration.ofSeconds(10));
        Future<Void> trip = inThread(() -> {
            engine.onStateChange(f.change("m2", UP, DOWN)); // 2 of 4: trips, and takes back m1's unsent alert
            return null;
        });
        awaitStuckInFlush(trip);

        f.advance(Duration.ofSeconds(10));
        promptly("a recovery of a member", () -> {
            engine.onStateChange(f.change("m1", DOWN, UP));
            return null;
        });
        assertThat(trip).as("the guard still waits for the database").isNotDone();
        promptly("a tick", () -> {
            engine.tick();
            return null;
        });
        assertThat(trip).as("the guard still waits for the database").isNotDone();

        releaseStateChanges();
        trip.get(60, TimeUnit.SECONDS);
        assertThat(f.keys()).as("m1's alert was taken back, so its recovery is not sent either")
                .containsExactly("mass-failure/node-1/" + T0.plusSeconds(10).toEpochMilli() + "/slack");
    }

    /** Holds a lock that every write of a state change needs, until {@link #releaseStateChanges()}. */
    private void stallStateChanges() throws Exception {
        locker = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
        locker.setAutoCommit(false);
        try (Statement statement = locker.createStatement()) {
            statement.execute("LOCK TABLE state_events IN EXCLUSIVE MODE");
        }
    }

    private void releaseStateChanges() throws Exception {
        locker.commit();
        locker.close();
        locker = null;
    }

    private static final String STALLED_THREAD = "stalled-call";

    private <T> Future<T> inThread(Callable<T> call) {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(call);
        Thread thread = new Thread(task, STALLED_THREAD);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /**
     * Until the call waits in the store's flush (for the stalled writer): from then on, the
     * engine's lock would be held by it if it were still taken across storage I/O.
     */
    private static void awaitStuckInFlush(Future<?> call) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assertThat(call).as("the call ended before it reached the database").isNotDone();
            return Thread.getAllStackTraces().entrySet().stream()
                    .filter(e -> e.getKey().getName().equals(STALLED_THREAD))
                    .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(frame ->
                            frame.getClassName().endsWith(".BatchWriter") && frame.getMethodName().equals("flush")));
        });
    }

    /** Runs the call in another thread and fails, instead of hanging, when it waits for the stalled one. */
    private <T> T promptly(String what, Callable<T> call) throws Exception {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, calls);
        try {
            return result.get(PROMPTLY_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " waited for the call that is stuck on the database", e);
        }
    }
}
