package dev.lookout.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A clock and a heartbeat timer that the test moves by hand: {@link #advance} runs every task
 * that falls due on the way, on the test's thread, with the clock set to the task's time.
 */
public final class ManualTime implements InstantSource, HeartbeatTimer {

    private record Task(Instant at, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(Comparator.comparing(Task::at).thenComparingLong(Task::seq));
    private Instant now;
    private long seq;

    public ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public synchronized Cancellable at(Instant when, Runnable run) {
        Task task = new Task(when, seq++, run);
        tasks.add(task);
        return () -> {
            synchronized (ManualTime.this) {
                tasks.remove(task);
            }
        };
    }

    public void advance(Duration duration) {
        advanceTo(instant().plus(duration));
    }

    /** Moves the clock to {@code target}, firing due tasks in order (a task may arm new ones). */
    public void advanceTo(Instant target) {
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at().isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            next.run().run();
        }
    }

    @Override
    public void close() {
    }
}
