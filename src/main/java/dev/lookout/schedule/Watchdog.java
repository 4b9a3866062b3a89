package dev.lookout.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the scheduler from its own thread, because a scheduler cannot report its own stall:
 * it abandons checks that outlive their deadline by more than the grace (the monitor gets a
 * TIMEOUT result, never silence), and reports the node unready while start lag is over the
 * threshold, the timer thread has stopped ticking, or a check overran recently.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    /**
     * How far past its deadline a check may end before this abandons it: the tolerance of the rule
     * that a check never outlives its deadline, to which the check tests hold every type.
     */
    public static final Duration OVERRUN_GRACE = Duration.ofSeconds(1);
    private static final Duration LAG_WINDOW = Duration.ofSeconds(10);
    private static final Duration OVERRUN_MEMORY = Duration.ofSeconds(60);

    private final Scheduler scheduler;
    private final Duration lagThreshold;
    private final Thread thread;
    private volatile String problem;
    private volatile long lastOverrunNanos;
    private volatile String lastOverrun;
    private volatile boolean stopped;

    public Watchdog(Scheduler scheduler, Duration lagThreshold, Duration period) {
        this.scheduler = scheduler;
        this.lagThreshold = lagThreshold;
        this.thread = Thread.ofPlatform().daemon().name("lookout-watchdog").unstarted(() -> loop(period));
    }

    public Watchdog start() {
        thread.start();
        return this;
    }

    /** Why the scheduler is not healthy right now, or empty when it is. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private void loop(Duration period) {
        while (!stopped) {
            try {
                inspect();
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("watchdog inspection failed", e);
            }
        }
    }

    /** One inspection; package-private so that tests can drive it. */
    void inspect() {
        long now = System.nanoTime();
        for (Scheduler.RunningCheck check : List.copyOf(scheduler.running)) {
            long overrun = now - check.deadlineNanos();
            if (overrun > OVERRUN_GRACE.toNanos() && scheduler.abandon(check, overrun)) {
                lastOverrunNanos = now;
                lastOverrun = "check of " + check.job().monitor.id() + " outlived its deadline by "
                        + Duration.ofNanos(overrun).toMillis() + " ms";
                log.error("{}; abandoned it and recorded a timeout", lastOverrun);
            }
        }
        String found = null;
        long tickAge = now - scheduler.lastTickNanos();
        if (tickAge > lagThreshold.toNanos()) {
            found = "scheduler timer thread has not ticked for " + Duration.ofNanos(tickAge).toMillis() + " ms";
        }
        if (found == null) {
            long oldestWaiting = scheduler.longestWaitNanos(now);
            if (oldestWaiting > lagThreshold.toNanos()) {
                found = "a check has waited " + Duration.ofNanos(oldestWaiting).toMillis()
                        + " ms for a free slot (scheduler.max_concurrent_checks reached)";
            }
        }
        if (found == null) {
            LagStats stats = scheduler.stats(LAG_WINDOW);
            if (stats.p99Millis() > lagThreshold.toMillis()) {
                found = String.format("schedule lag p99 %.0f ms over the last %ds exceeds %d ms", stats.p99Millis(),
                        LAG_WINDOW.toSeconds(), lagThreshold.toMillis());
            }
        }
        if (found == null && lastOverrun != null && now - lastOverrunNanos < OVERRUN_MEMORY.toNanos()) {
            found = lastOverrun;
        }
        if (found != null && problem == null) {
            log.error("node unready: {}", found);
        } else if (found == null && problem != null) {
            log.info("node ready again (was: {})", problem);
        }
        problem = found;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
