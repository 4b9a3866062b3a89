package dev.lookout.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic work (alert ticks, maintenance ticks, automatic incidents, ...): each job
 * has a name, a period and a scope, every node or the leader only ({@link Leadership}). A run has
 * a deadline: past it, it is interrupted and logged; a run that fails is logged and the job runs
 * again a period later; runs of one job never overlap, so a job stuck on storage delays only
 * itself. A leader-only run's deadline is cut to what is left of this node's term, so that it is
 * interrupted when the node stops leading.
 *
 * <p>One timer thread decides when runs are due; the runs themselves go to one pool of platform
 * threads (at most one per job, as runs never overlap). Platform, not virtual: a job blocked in a
 * JDBC driver's {@code synchronized} code would pin one of the few carriers the checks run on.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    /** Where a job runs. */
    public enum Scope {
        /** On every node, whatever the leadership. */
        EVERY_NODE,
        /** Only on the node that leads, while it leads. */
        LEADER,
        /** Once on the node that leads, each time it becomes the leader (tried every period until it succeeds). */
        ONCE_PER_TERM
    }

    /**
     * One periodic job.
     *
     * @param firstAfter when the first run is due after the job is scheduled
     * @param period     the pause between the end of one run and the start of the next
     * @param deadline   how long one run may take before it is interrupted
     */
    public record Job(String name, Scope scope, Duration firstAfter, Duration period, Duration deadline, Runnable work) {
        public Job {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(work, "work");
            if (period.isNegative() || period.isZero() || deadline.isNegative() || deadline.isZero() || firstAfter.isNegative()) {
                throw new IllegalArgumentException("job " + name + ": period and deadline must be positive, firstAfter not negative");
            }
        }

        /** A job every {@code period}, first after one period, with a deadline of one period. */
        public static Job of(String name, Scope scope, Duration period, Runnable work) {
            return new Job(name, scope, period, period, period, work);
        }

        public Job firstAfter(Duration after) {
            return new Job(name, scope, after, period, deadline, work);
        }

        public Job deadline(Duration limit) {
            return new Job(name, scope, firstAfter, period, limit, work);
        }
    }

    private final Leadership leadership;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lookout-jobs-timer").factory());
    private final ExecutorService runs = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("lookout-job-", 0).factory());

    public Jobs(Leadership leadership) {
        this.leadership = Objects.requireNonNull(leadership, "leadership");
    }

    /** Schedules a job; closing what it returns stops that job alone (its run in flight is interrupted). */
    public Scheduled schedule(Job job) {
        Scheduled scheduled = new Scheduled(job);
        scheduled.next(job.firstAfter());
        return scheduled;
    }

    /** Whether a job of this scope may run on this node now; how long at most, when it may. */
    private Optional<Duration> allowed(Scope scope) {
        return scope == Scope.EVERY_NODE ? Optional.of(Duration.ofDays(1)) : leadership.leadingFor();
    }

    /** One scheduled job: its next run, the run in flight, and its failures. */
    public final class Scheduled implements AutoCloseable {
        private final Job job;
        private volatile boolean stopped;
        private ScheduledFuture<?> pending;
        private Thread running;
        private boolean overdue;
        private int failuresInARow;
        /** For {@link Scope#ONCE_PER_TERM}: the term it last succeeded in. */
        private long doneTerm = -1;

        private Scheduled(Job job) {
            this.job = job;
        }

        private synchronized void next(Duration after) {
            if (!stopped) {
                pending = timer.schedule(this::due, after.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        /** On the timer thread: starts a run if this node may run the job now. */
        private void due() {
            long term = leadership.terms();
            Optional<Duration> may = allowed(job.scope());
            if (stopped) {
                return;
            }
            if (may.isEmpty() || job.scope() == Scope.ONCE_PER_TERM && term == doneTerm) {
                next(job.period());
                return;
            }
            Duration limit = may.get().compareTo(job.deadline()) < 0 ? may.get() : job.deadline();
            try {
                runs.execute(() -> run(limit, term));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the runner is closing
            }
        }

        private void run(Duration limit, long term) {
            ScheduledFuture<?> watch;
            synchronized (this) {
                if (stopped) {
                    return;
                }
                running = Thread.currentThread();
                overdue = false;
                watch = timer.schedule(() -> interruptOverdue(limit), limit.toNanos(), TimeUnit.NANOSECONDS);
            }
            boolean ok = false;
            try {
                job.work().run();
                ok = true;
            } catch (RuntimeException | Error e) {
                failed(e);
            } finally {
                synchronized (this) {
                    watch.cancel(false);
                    running = null;
                    Thread.interrupted(); // an interruption meant for this run ends with it
                }
            }
            if (ok) {
                if (job.scope() == Scope.ONCE_PER_TERM) {
                    doneTerm = term;
                }
                if (failuresInARow > 0) {
                    log.info("job {}: works again after {} failed run{}", job.name(), failuresInARow, failuresInARow == 1 ? "" : "s");
                    failuresInARow = 0;
                }
            }
            next(job.period());
        }

        private synchronized void interruptOverdue(Duration limit) {
            if (running != null && !overdue) {
                overdue = true;
                log.warn("job {}: still running after {} ms ({}); interrupting it", job.name(), limit.toMillis(),
                        limit.equals(job.deadline()) ? "its deadline" : "the end of this node's term as leader");
                running.interrupt();
            }
        }

        private void failed(Throwable e) {
            failuresInARow++;
            if (failuresInARow == 1) {
                log.warn("job {} failed; it runs again in {} ms: {}", job.name(), job.period().toMillis(), e.toString());
                log.debug("job {} failed", job.name(), e);
            } else {
                log.debug("job {} failed again ({} in a row): {}", job.name(), failuresInARow, e.toString());
            }
        }

        public String name() {
            return job.name();
        }

        /** Stops the job: no further run, and the one in flight is interrupted. */
        @Override
        public synchronized void close() {
            stopped = true;
            if (pending != null) {
                pending.cancel(false);
            }
            if (running != null) {
                running.interrupt();
            }
        }
    }

    /** Stops every job: the timer and the runs in flight are interrupted. */
    @Override
    public void close() {
        timer.shutdownNow();
        runs.shutdownNow();
    }
}
