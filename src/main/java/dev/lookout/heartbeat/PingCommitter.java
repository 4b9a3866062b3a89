package dev.lookout.heartbeat;

import dev.lookout.store.Ping;
import dev.lookout.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for pings: requests enqueue their ping and wait on a future; one thread takes
 * everything queued (up to {@code maxBatch}), writes it in one transaction and completes the
 * futures. There is no timer: while one batch is written the next one gathers, so a single ping
 * waits for one transaction and a storm of ten thousand costs a handful.
 *
 * <p>Unlike the result writer this never drops silently: a full queue or a failed transaction
 * fails the futures, and the client gets a 503 and retries (Healthchecks.io clients do).
 */
final class PingCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PingCommitter.class);

    private record Pending(Ping ping, CompletableFuture<Void> done) {
    }

    private final Store store;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private final LongAdder written = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean closing;

    PingCommitter(Store store, int maxBatch, int capacity) {
        this.store = store;
        this.maxBatch = maxBatch;
        // Two locks (put and take): request threads do not contend with the committer.
        this.queue = new LinkedBlockingQueue<>(capacity);
        // A platform thread: it lives in JDBC calls.
        this.thread = new Thread(this::run, "lookout-ping-committer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Completes when the ping is committed; fails when the queue is full, the committer closed or the write failed. */
    CompletableFuture<Void> submit(Ping ping) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("shutting down"));
        } else if (!queue.offer(new Pending(ping, done))) {
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

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        List<Ping> pings = new ArrayList<>(maxBatch);
        while (true) {
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
                try {
                    store.appendPings(pings);
                    written.add(pings.size());
                    batches.increment();
                    batch.forEach(p -> p.done().complete(null));
                } catch (RuntimeException e) {
                    failed.add(pings.size());
                    log.warn("storing {} pings failed; their requests get 503: {}", pings.size(), e.getMessage());
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                log.error("ping committer: unexpected error", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
                pings.clear();
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }
}
