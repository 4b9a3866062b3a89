package dev.lookout.store;

import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.StateChange;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues results and state changes and writes them in batches from one thread, so that a check
 * never waits for the disk and a thousand results cost one transaction instead of a thousand.
 *
 * <p>The queue is bounded and, when full, drops the <em>oldest results</em> rather than blocking:
 * a full queue means the database has been failing or too slow for a while, and blocking would
 * stall every check (and with it the alerting that should report the problem). The newest
 * results are what the state machine and the status page need; state changes are rare and are
 * kept while any result can be dropped instead. Drops are counted in {@link StoreStats}.
 *
 * <p>A failed batch is kept and retried with backoff, then given up with an error log after
 * {@link #MAX_ATTEMPTS} attempts, so that one poisonous batch cannot stop all later writes.
 *
 * <p>Rollups are not written with each batch: the sink keeps them in memory, and the writer
 * asks for a {@linkplain RollupFlusher rollup flush} every {@code rollupFlushInterval}, on
 * {@link #flush()} and when closing, between batches.
 */
final class BatchWriter {

    /** Writes one batch in one transaction. */
    interface Sink {
        void write(List<CheckResult> results, List<StateChange> changes) throws Exception;

        /** With the notifications and episodes that the state changes caused, in the same transaction. */
        default void write(List<CheckResult> results, List<StateChange> changes, List<AlertWrites> alerts) throws Exception {
            if (alerts.stream().anyMatch(a -> !a.isEmpty())) {
                throw new UnsupportedOperationException("this sink does not store alerts");
            }
            write(results, changes);
        }
    }

    /** Writes the rollups kept in memory, in one transaction. */
    interface RollupFlusher {
        void flushRollups() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    static final int MAX_ATTEMPTS = 8;
    /** While closing, a database that is down should not hold shutdown for minutes. */
    private static final int MAX_ATTEMPTS_WHILE_CLOSING = 2;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle writer wakes up to run housekeeping (retention). */
    private static final Duration IDLE_WAKEUP = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final long LOG_EVERY_N_DROPS = 10_000;

    private sealed interface Queued permits QueuedResult, QueuedChange {
        long seq();
    }

    private record QueuedResult(long seq, CheckResult result) implements Queued {
    }

    private record QueuedChange(long seq, StateChange change, AlertWrites alerts) implements Queued {
    }

    private final Sink sink;
    private final Runnable housekeeping;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final int capacity;
    private final Thread thread;
    private final RollupFlusher rollups;
    private final long rollupFlushIntervalNanos;
    /** Writer thread only. */
    private long nextRollupFlush;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer has something to do: first item, full batch, flush, close. */
    private final Condition wakeWriter = lock.newCondition();
    /** Signalled after each batch, for {@link #flush()}. */
    private final Condition batchDone = lock.newCondition();
    // All guarded by lock. Sequence numbers let flush() wait for "everything before me".
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long lastSeq;
    private long doneSeq;
    private int inFlight;
    private int flushWaiters;
    private long abandonedBatches;
    private boolean closing;
    /** Highest sequence number a flush() wants in the stored rollups. */
    private long rollupRequested;
    /** Everything up to this sequence number has been through a rollup flush attempt. */
    private long rollupDoneSeq;
    private long rollupFlushFailures;

    private final LongAdder resultsWritten = new LongAdder();
    private final LongAdder changesWritten = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LongAdder droppedWhenFull = new LongAdder();
    private final LongAdder droppedAfterRetries = new LongAdder();

    BatchWriter(Sink sink, Runnable housekeeping, StoreOptions options) {
        this(sink, housekeeping, () -> { }, options);
    }

    BatchWriter(Sink sink, Runnable housekeeping, RollupFlusher rollups, StoreOptions options) {
        this.sink = sink;
        this.rollups = rollups;
        this.rollupFlushIntervalNanos = options.rollupFlushInterval().toNanos();
        this.nextRollupFlush = System.nanoTime() + rollupFlushIntervalNanos;
        this.housekeeping = housekeeping;
        this.batchSize = options.batchSize();
        this.flushIntervalNanos = options.flushInterval().toNanos();
        this.capacity = options.queueCapacity();
        // A platform thread: it spends its life in JDBC calls that may pin a carrier thread.
        this.thread = new Thread(this::run, "lookout-store-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void append(CheckResult result) {
        enqueue(seq -> new QueuedResult(seq, result));
    }

    void append(StateChange change) {
        append(change, AlertWrites.NONE);
    }

    /** A state change and what it caused in the alert outbox: written in one transaction, or not at all. */
    void append(StateChange change, AlertWrites alerts) {
        enqueue(seq -> new QueuedChange(seq, change, alerts));
    }

    private void enqueue(LongFunction<Queued> item) {
        lock.lock();
        try {
            if (closing) {
                throw new StoreException("the store is closed; nothing more can be queued");
            }
            if (queue.size() >= capacity) {
                dropOldest();
            }
            queue.addLast(item.apply(++lastSeq));
            // Only the transitions the writer waits for; a signal per append would wake it thousands of times.
            if (queue.size() == 1 || queue.size() == batchSize) {
                wakeWriter.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void dropOldest() {
        Iterator<Queued> oldestFirst = queue.iterator();
        while (oldestFirst.hasNext()) {
            if (oldestFirst.next() instanceof QueuedResult) {
                oldestFirst.remove();
                countDrop();
                return;
            }
        }
        queue.removeFirst(); // only state changes queued: the capacity is the limit after all
        countDrop();
    }

    private void countDrop() {
        droppedWhenFull.increment();
        long dropped = droppedWhenFull.sum();
        if (dropped == 1 || dropped % LOG_EVERY_N_DROPS == 0) {
            log.warn("store queue full ({} items): dropping the oldest results, {} dropped so far", capacity, dropped);
        }
    }

    /**
     * Waits until everything queued before this call has been written or given up, and its
     * rollups have been written to the rollups table.
     */
    void flush() {
        lock.lock();
        try {
            long target = lastSeq;
            long abandonedBefore = abandonedBatches;
            flushWaiters++;
            wakeWriter.signal();
            try {
                while (doneSeq < target) {
                    if (!thread.isAlive()) {
                        throw new StoreException("the store writer thread has stopped with "
                                + (queue.size() + inFlight) + " writes pending");
                    }
                    batchDone.await(IDLE_WAKEUP.toMillis(), TimeUnit.MILLISECONDS);
                }
                long failuresBefore = rollupFlushFailures;
                if (rollupDoneSeq < target) {
                    rollupRequested = Math.max(rollupRequested, target);
                    wakeWriter.signal();
                }
                while (rollupDoneSeq < target) {
                    if (!thread.isAlive()) {
                        throw new StoreException("the store writer thread has stopped before writing the rollups");
                    }
                    batchDone.await(IDLE_WAKEUP.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (rollupFlushFailures > failuresBefore) {
                    throw new StoreException("writing the rollups failed; see the log (they are kept and retried)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the store to flush");
            } finally {
                flushWaiters--;
            }
            if (abandonedBatches > abandonedBefore) {
                throw new StoreException("some writes were given up after " + MAX_ATTEMPTS
                        + " failed attempts; see the log");
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued, then stops the thread. */
    void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            wakeWriter.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.error("store writer did not finish within {}; {} writes are lost", CLOSE_TIMEOUT, pending());
            thread.interrupt();
        }
    }

    /**
     * Stops the thread as a crash would: nothing more is written, not even the rollups kept in
     * memory. For tests of the recovery on open.
     */
    void abandonForTest() {
        thread.interrupt();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Throws when writes queued now would not be written soon. */
    void checkHealthy() {
        if (!thread.isAlive()) {
            throw new StoreException("the store writer thread is not running");
        }
        int pending = pending();
        if (pending > capacity * 0.9) {
            throw new StoreException("the store write queue is over 90% full (" + pending + " of " + capacity + ")");
        }
    }

    int pending() {
        lock.lock();
        try {
            return queue.size() + inFlight;
        } finally {
            lock.unlock();
        }
    }

    StoreStats stats() {
        return new StoreStats(resultsWritten.sum(), changesWritten.sum(), writeErrors.sum(), droppedWhenFull.sum(),
                droppedAfterRetries.sum(), pending());
    }

    private void run() {
        try {
            List<Queued> batch;
            while ((batch = nextBatch()) != null) {
                if (!batch.isEmpty()) {
                    boolean written = writeWithRetries(batch);
                    finish(batch, written);
                }
                runHousekeeping();
                maybeFlushRollups();
            }
            finalRollupFlush();
        } catch (InterruptedException e) {
            log.warn("store writer interrupted; {} writes pending are lost", pending());
        } catch (Throwable e) {
            log.error("store writer stopped by an unexpected error; writes are no longer stored", e);
        } finally {
            lock.lock();
            try {
                batchDone.signalAll(); // flush() notices that the thread is gone
            } finally {
                lock.unlock();
            }
        }
    }

    /** The next batch; empty after an idle wakeup; null once closed and drained. */
    private List<Queued> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                if (rollupRequested > rollupDoneSeq) {
                    return List.of();
                }
                wakeWriter.await(IDLE_WAKEUP.toMillis(), TimeUnit.MILLISECONDS);
                if (queue.isEmpty()) {
                    return List.of();
                }
            }
            // Let a batch fill for up to the flush interval (wall time: this is about I/O, not the domain clock).
            long deadline = System.nanoTime() + flushIntervalNanos;
            while (queue.size() < batchSize && flushWaiters == 0 && !closing) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wakeWriter.awaitNanos(left);
            }
            int size = Math.min(batchSize, queue.size());
            List<Queued> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(queue.pollFirst());
            }
            inFlight = size;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private boolean writeWithRetries(List<Queued> batch) throws InterruptedException {
        List<CheckResult> results = new ArrayList<>(batch.size());
        List<StateChange> changes = new ArrayList<>();
        List<AlertWrites> alerts = new ArrayList<>();
        for (Queued item : batch) {
            switch (item) {
                case QueuedResult r -> results.add(r.result());
                case QueuedChange c -> {
                    changes.add(c.change());
                    if (!c.alerts().isEmpty()) {
                        alerts.add(c.alerts());
                    }
                }
            }
        }
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(results, changes, alerts);
                resultsWritten.add(results.size());
                changesWritten.add(changes.size());
                return true;
            } catch (Exception e) {
                writeErrors.increment();
                int maxAttempts = isClosing() ? MAX_ATTEMPTS_WHILE_CLOSING : MAX_ATTEMPTS;
                if (attempt >= maxAttempts) {
                    log.error("store: giving up on {} results and {} state changes after {} failed attempts",
                            results.size(), changes.size(), attempt, e);
                    droppedAfterRetries.add(batch.size());
                    return false;
                }
                log.warn("store: writing {} results and {} state changes failed (attempt {} of {}), retrying in {} ms: {}",
                        results.size(), changes.size(), attempt, maxAttempts, backoff.toMillis(),
                        StoreException.rootMessage(e));
                Thread.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void finish(List<Queued> batch, boolean written) {
        lock.lock();
        try {
            doneSeq = Math.max(doneSeq, batch.getLast().seq());
            inFlight = 0;
            if (!written) {
                abandonedBatches++;
            }
            batchDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** When due (wall time: this is about I/O) or asked for by flush(). */
    private void maybeFlushRollups() {
        long covered;
        boolean requested;
        lock.lock();
        try {
            covered = doneSeq;
            requested = rollupRequested > rollupDoneSeq;
        } finally {
            lock.unlock();
        }
        if (!requested && System.nanoTime() - nextRollupFlush < 0) {
            return;
        }
        boolean written = attemptRollupFlush(1, 1);
        // A failed flush keeps its rows in memory and is retried soon; the raw results are stored meanwhile.
        nextRollupFlush = System.nanoTime() + (written ? rollupFlushIntervalNanos
                : Math.min(rollupFlushIntervalNanos, MAX_BACKOFF.toNanos()));
        rollupFlushDone(covered, written);
    }

    private void finalRollupFlush() throws InterruptedException {
        long covered;
        lock.lock();
        try {
            covered = doneSeq;
        } finally {
            lock.unlock();
        }
        boolean written = false;
        for (int attempt = 1; !written && attempt <= MAX_ATTEMPTS_WHILE_CLOSING; attempt++) {
            if (attempt > 1) {
                Thread.sleep(FIRST_BACKOFF);
            }
            written = attemptRollupFlush(attempt, MAX_ATTEMPTS_WHILE_CLOSING);
        }
        rollupFlushDone(covered, written);
    }

    private boolean attemptRollupFlush(int attempt, int maxAttempts) {
        try {
            rollups.flushRollups();
            return true;
        } catch (Exception e) {
            writeErrors.increment();
            log.warn("store: writing the rollups failed (attempt {} of {}); they stay in memory, and the raw results"
                    + " they come from are stored: {}", attempt, maxAttempts, StoreException.rootMessage(e), e);
            return false;
        }
    }

    private void rollupFlushDone(long covered, boolean written) {
        lock.lock();
        try {
            rollupDoneSeq = Math.max(rollupDoneSeq, covered);
            if (!written) {
                rollupFlushFailures++;
            }
            batchDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void runHousekeeping() {
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            log.error("store housekeeping failed; will try again later", e);
        }
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }
}
