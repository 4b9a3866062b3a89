package dev.lookout.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for pings: requests enqueue their ping and wait on a future; one thread takes
 * everything queued (up to {@code maxBatch}), writes it in one transaction and passes the batch
 * to a second thread, which hands each stored ping to its {@code whenStored} callback (the
 * monitor's tracker) and then completes its future (the request's answer is written there). There
 * is no timer: while one batch is written the next one gathers, so a single ping waits for one
 * transaction and a storm of ten thousand costs a handful; and one hand-off per batch, not per
 * ping, lets the answers of one transaction go out while the next is written.
 *
 * <p>Unlike the result writer this never drops silently: a full queue or a failed transaction
 * fails the futures, and the client gets a 503 and retries (Healthchecks.io clients do). A ping
 * that has waited {@code maxWait} (a database that hangs rather than fails) is failed as well; if
 * its transaction commits later, the ping counts and its callback still runs, only the answer
 * said 503.
 */
final class PingCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PingCommitter.class);
    /** How often an idle reply thread looks for pings that waited too long. */
    private static final long EXPIRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private record Pending(Ping ping, Consumer<Ping> whenStored, CompletableFuture<Void> done, long queuedAt) {
    }

    /** A batch the committer is done with: stored, or failed with {@code failure}. */
    private record Outcome(List<Pending> batch, RuntimeException failure) {
    }

    private final PingStore store;
    private final int maxBatch;
    private final Duration maxWait;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    private final Thread committer;
    private final Thread replier;
    private final LongAdder written = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder failed = new LongAdder();
    /** The batch in the committer's hands, for the expiry check; null between transactions. */
    private volatile List<Pending> writing;
    private volatile boolean closing;

    PingCommitter(PingStore store, int maxBatch, int capacity, Duration maxWait) {
        this.store = store;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.maxWaitNanos = maxWait.toNanos();
        // Two locks (put and take): request threads do not contend with the committer.
        this.queue = new LinkedBlockingQueue<>(capacity);
        // Platform threads: the committer lives in JDBC calls, the replier in socket writes.
        this.committer = Thread.ofPlatform().daemon().name("lookout-ping-committer").start(this::commitLoop);
        this.replier = Thread.ofPlatform().daemon().name("lookout-ping-replies").start(this::replyLoop);
    }

    /**
     * Completes when the ping is committed, after {@code whenStored} has seen it; fails when the
     * queue is full, the committer closed, the write failed or the ping waited {@code maxWait}.
     */
    CompletableFuture<Void> submit(Ping ping, Consumer<Ping> whenStored) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("shutting down"));
        } else if (!queue.offer(new Pending(ping, whenStored, done, System.nanoTime()))) {
            failed.increment();
            done.completeExceptionally(new IllegalStateException("ping queue full (" + queue.size() + ")"));
        }
        return done;
    }

    long written() {
        return written.sum();
    }

    long batches() {
        return batches.sum();
    }

    long failed() {
        return failed.sum();
    }

    private void commitLoop() {
        List<Ping> pings = new ArrayList<>(maxBatch);
        while (true) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                batch.forEach(p -> pings.add(p.ping()));
                writing = batch;
                RuntimeException failure = null;
                try {
                    store.appendPings(pings);
                    written.add(pings.size());
                    batches.increment();
                } catch (RuntimeException e) {
                    failed.add(pings.size());
                    log.warn("storing {} pings failed; their requests get 503: {}", pings.size(), e.getMessage());
                    failure = e;
                }
                writing = null;
                outcomes.add(new Outcome(batch, failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                log.error("ping committer: unexpected error", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                writing = null;
                pings.clear();
            }
        }
    }

    private void replyLoop() {
        while (true) {
            try {
                Outcome outcome = outcomes.poll(EXPIRY_CHECK_NANOS, TimeUnit.NANOSECONDS);
                if (outcome == null) {
                    if (closing && !committer.isAlive() && outcomes.isEmpty()) {
                        return;
                    }
                    expireWaiting();
                    continue;
                }
                if (outcome.failure() != null) {
                    outcome.batch().forEach(p -> p.done().completeExceptionally(outcome.failure()));
                    continue;
                }
                for (Pending p : outcome.batch()) {
                    try {
                        p.whenStored().accept(p.ping());
                    } catch (RuntimeException e) {
                        log.error("handling the stored ping of {} failed", p.ping().monitorId(), e);
                    }
                    p.done().complete(null); // the answer is written here, by the request's callback
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                log.error("ping replies: unexpected error", e);
            }
        }
    }

    /** Fails the pings that have waited {@code maxWait}: in the transaction being written, then in the queue (oldest first). */
    private void expireWaiting() {
        long now = System.nanoTime();
        List<Pending> inFlight = writing;
        if (inFlight != null) {
            inFlight.forEach(p -> expire(p, now));
        }
        for (Pending p : queue) {
            if (!expire(p, now)) {
                break;
            }
        }
    }

    private boolean expire(Pending p, long now) {
        if (now - p.queuedAt() < maxWaitNanos) {
            return false;
        }
        // Counted before the answer goes out (whoever gets the answer may read the counter). While
        // this thread runs no other completes these futures (close() drains only after it stopped).
        if (!p.done().isDone()) {
            failed.increment();
            p.done().completeExceptionally(new TimeoutException("ping not stored within " + maxWait.toMillis() + " ms"));
        }
        return true;
    }

    /** Writes what is queued, answers it, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            committer.join(10_000);
            replier.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }
}
