package dev.lookout.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task at an instant of the domain clock. Behind an interface so that tests drive
 * heartbeat deadlines with a manual clock instead of sleeping.
 */
public interface HeartbeatTimer extends AutoCloseable {

    /** Runs {@code task} once at {@code when} (at once if it has passed). */
    Cancellable at(Instant when, Runnable task);

    @Override
    void close();

    interface Cancellable {
        void cancel();
    }

    /** One platform thread with a task per armed monitor; delays are computed from {@code clock}. */
    static HeartbeatTimer onExecutor(InstantSource clock) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "lookout-heartbeat-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return new HeartbeatTimer() {
            @Override
            public Cancellable at(Instant when, Runnable task) {
                long delay = Math.max(0, Duration.between(clock.instant(), when).toNanos());
                ScheduledFuture<?> future = executor.schedule(task, delay, TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
