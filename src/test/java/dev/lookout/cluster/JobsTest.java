package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job runner of two nodes sharing one SQLite file: who runs which job, and a job that fails or hangs. */
class JobsTest {
    private static final Duration OFTEN = Duration.ofMillis(50);
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private String url;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void database() {
        url = "sqlite:" + dir.resolve(UUID.randomUUID() + ".db");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        opened.add(c);
        return c;
    }

    /** A node: its store, its leadership and its job runner. */
    private record Node(Leadership leadership, Jobs jobs) {
    }

    private Node node(String name) {
        Store store = opened(Stores.open(url, StoreOptions.defaults()));
        Leadership leadership = opened(new Leadership(store.leaderLease(), name, UUID.randomUUID().toString()).start());
        return new Node(leadership, opened(new Jobs(leadership)));
    }

    private static Jobs.Job counting(String name, Jobs.Scope scope, AtomicInteger runs) {
        return Jobs.Job.of(name, scope, OFTEN, runs::incrementAndGet);
    }

    @Test
    void a_leader_job_runs_on_the_leader_only_and_an_every_node_job_everywhere() {
        Node a = node("node-a");
        Node b = node("node-b");
        AtomicInteger leaderRunsA = new AtomicInteger();
        AtomicInteger leaderRunsB = new AtomicInteger();
        AtomicInteger everyRunsA = new AtomicInteger();
        AtomicInteger everyRunsB = new AtomicInteger();
        a.jobs().schedule(counting("leader job", Jobs.Scope.LEADER, leaderRunsA));
        b.jobs().schedule(counting("leader job", Jobs.Scope.LEADER, leaderRunsB));
        a.jobs().schedule(counting("every node job", Jobs.Scope.EVERY_NODE, everyRunsA));
        b.jobs().schedule(counting("every node job", Jobs.Scope.EVERY_NODE, everyRunsB));

        await().atMost(GENEROUS).until(() -> everyRunsA.get() >= 5 && everyRunsB.get() >= 5 && leaderRunsA.get() >= 5);
        assertThat(a.leadership().leads()).isTrue();
        assertThat(leaderRunsB).as("runs of the leader job on the node that does not lead").hasValue(0);
    }

    @Test
    void leader_jobs_move_with_the_leadership() {
        Node a = node("node-a");
        Node b = node("node-b");
        AtomicInteger leaderRunsB = new AtomicInteger();
        AtomicInteger onceA = new AtomicInteger();
        AtomicInteger onceB = new AtomicInteger();
        b.jobs().schedule(counting("leader job", Jobs.Scope.LEADER, leaderRunsB));
        a.jobs().schedule(counting("catch up", Jobs.Scope.ONCE_PER_TERM, onceA));
        b.jobs().schedule(counting("catch up", Jobs.Scope.ONCE_PER_TERM, onceB));
        await().atMost(GENEROUS).until(() -> onceA.get() == 1);

        a.jobs().close();
        a.leadership().close();

        await().atMost(GENEROUS).until(() -> leaderRunsB.get() >= 3 && onceB.get() == 1);
        assertThat(onceA).as("once per term, however many periods passed").hasValue(1);
        assertThat(onceB).hasValue(1);
    }

    @Test
    void a_failing_job_keeps_its_schedule() {
        Node a = node("node-a");
        AtomicInteger attempts = new AtomicInteger();
        a.jobs().schedule(Jobs.Job.of("always fails", Jobs.Scope.EVERY_NODE, OFTEN, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("the storage is away");
        }));

        await().atMost(GENEROUS).until(() -> attempts.get() >= 5);
    }

    @Test
    void a_run_past_its_deadline_is_interrupted_and_the_job_runs_again() {
        Node a = node("node-a");
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        a.jobs().schedule(Jobs.Job.of("hangs once", Jobs.Scope.EVERY_NODE, OFTEN, () -> {
            if (runs.incrementAndGet() == 1) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            }
        }).deadline(Duration.ofMillis(300)));

        await().atMost(GENEROUS).until(() -> runs.get() >= 3);
        assertThat(interrupted).hasValue(1);
    }

    @Test
    void a_closed_job_runs_no_more() throws Exception {
        Node a = node("node-a");
        AtomicInteger runs = new AtomicInteger();
        Jobs.Scheduled job = a.jobs().schedule(counting("stopped soon", Jobs.Scope.EVERY_NODE, runs));
        await().atMost(GENEROUS).until(() -> runs.get() >= 2);

        job.close();
        int atClose = runs.get();
        Thread.sleep(OFTEN.multipliedBy(6).toMillis()); // several periods in which it must not run

        assertThat(runs.get()).isLessThanOrEqualTo(atClose + 1); // at most the run already started
    }
}
