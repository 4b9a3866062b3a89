package dev.lookout.store;

import dev.lookout.alert.AlertWrites;
import dev.lookout.check.CheckResult;
import dev.lookout.evaluate.StateChange;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreException;
import dev.lookout.storage.StoreStats;
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
 * <p>While the storage is away (unreachable, full, read-only, replaced) a failed batch is kept
 * and retried with backoff, for as long as it takes, and what arrives meanwhile waits in the
 * queue in order: nothing is given up because an outage lasted long. The queue is bounded and,
 * when full, drops the <em>oldest results</em> rather than blocking: blocking would stall every
 * check (and with it the alerting that should report the problem). The newest results are what
 * the state machine and the status page need; a state change travels with its notifications
 * as one item and is kept while any result can be dropped instead. Drops are counted in
 * {@link StoreStats}, logged with their count once per outage, and shown in /readyz.
 *
 * <p>A batch the database refuses although the storage works (a constraint, a bad value) is
 * written item by item, so that only the items it refuses are dropped (each logged) and one
 * poisonous item cannot stop all later writes.
 *
 * <p>Rollups are not written with each batch: the sink keeps them in memory, and the writer
 * asks for a {@linkplain RollupFlusher rollup flush} every {@code rollupFlushInterval}, on
 * {@link #flush()} and when closing, between batches.
 */
final class BatchWriter {

    /** Writes one batch in one transaction: results, state changes, and the notifications and episodes they caused. */
    interface Sink {
        void write(List<CheckResult> results, List<Store.PointResult> points, List<StateChange> changes,
                   List<AlertWrites> alerts) throws Exception;
    }

    /** Writes the rollups kept in memory, in one transaction. */
    interface RollupFlusher {
        void flushRollups() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** Attempts before an unexplained failure, with the storage otherwise healthy, is blamed on the data. */
    static final int ATTEMPTS_BEFORE_BLAMING_DATA = 3;
    /** While closing, a database that is down should not hold shutdown for minutes. */
    private static final int MAX_ATTEMPTS_WHILE_CLOSING = 2;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often an idle writer wakes up to run housekeeping (retention). */
    private static final Duration IDLE_WAKEUP = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How often a long outage is logged again, with what is waiting. */
    private static final Duration LOG_OUTAGE_EVERY = Duration.ofMinutes(1);

    private sealed interface Queued permits QueuedResult, QueuedChange, QueuedAlerts {
        long seq();
    }

    /** @param point null for the monitor's result, else the vantage point whose own result it is */
    private record QueuedResult(long seq, CheckResult result, String point) implements Queued {
    }

    private record QueuedChange(long seq, StateChange change, AlertWrites alerts) implements Queued {
    }

    /** Alert writes that no state change caused; kept like a state change when the queue is full. */
    private record QueuedAlerts(long seq, AlertWrites alerts) implements Queued {
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
    private final LongAdder refusedByDatabase = new LongAdder();
    private final LongAdder lostAtShutdown = new LongAdder();
    private final StorageHealth health;
    private final Duration maxBackoff;
    /** Writer thread only: drops counted when the current outage began, and when it was last logged. */
    private long droppedAtOutageStart = -1;
    private long outageLoggedAt;

    BatchWriter(Sink sink, Runnable housekeeping, StorageHealth health, StoreOptions options) {
        this(sink, housekeeping, () -> { }, health, options);
    }

    BatchWriter(Sink sink, Runnable housekeeping, RollupFlusher rollups, StorageHealth health, StoreOptions options) {
        this(sink, housekeeping, rollups, health, options, MAX_BACKOFF);
    }

    /** @param maxBackoff the longest wait between two attempts of a failing batch */
    BatchWriter(Sink sink, Runnable housekeeping, RollupFlusher rollups, StorageHealth health, StoreOptions options,
                Duration maxBackoff) {
        this.sink = sink;
        this.health = health;
        this.maxBackoff = maxBackoff;
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
        enqueue(seq -> new QueuedResult(seq, result, null));
    }

    /** A vantage point's own result: written with the results, not rolled up; dropped like one when the queue is full. */
    void append(String point, CheckResult result) {
        enqueue(seq -> new QueuedResult(seq, result, point));
    }

    /** A state change and what it caused in the alert outbox: written in one transaction, or not at all. */
    void append(StateChange change, AlertWrites alerts) {
        enqueue(seq -> new QueuedChange(seq, change, alerts));
    }

    /** Episodes and notifications that no state change caused, in order with everything queued before. */
    void append(AlertWrites alerts) {
        enqueue(seq -> new QueuedAlerts(seq, alerts));
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

    /** Logged once when the queue first overflows; the count is logged again when the outage ends (writer thread). */
    private void countDrop() {
        droppedWhenFull.increment();
        if (droppedWhenFull.sum() == 1) {
            log.error("store queue full ({} items waiting for the database): dropping the oldest results from now on;"
                    + " state changes and their notifications are kept", capacity);
        }
    }

    /**
     * Waits until everything queued before this call has been written or given up, and its
     * rollups have been written to the rollups table. While the storage fails it throws at once
     * instead: the writer keeps everything and writes it when the storage is back, and a caller
     * that holds a lock (the alert engine) must not wait for that.
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
                    refuseWhileStorageFails();
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
                    refuseWhileStorageFails();
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
                throw new StoreException("some writes could not be stored; see the log");
            }
        } finally {
            lock.unlock();
        }
    }

    private void refuseWhileStorageFails() {
        StorageStatus status = health.status();
        if (!status.ok()) {
            throw new StoreException("not written yet (" + (queue.size() + inFlight) + " items wait in memory until the"
                    + " storage is back): " + health.problem().orElse(status.reason()), null, status.fault());
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
                refusedByDatabase.sum(), lostAtShutdown.sum(), pending());
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

    /** How a batch (or one item of it) ended. */
    private enum Written { STORED, REFUSED, ABANDONED }

    /** Writes the batch, waiting out any storage outage; false only when closing with the storage still away. */
    private boolean writeWithRetries(List<Queued> batch) throws InterruptedException {
        Written written = writeUntilStored(batch, true);
        if (written == Written.ABANDONED) {
            lostAtShutdown.add(batch.size());
            log.error("store: {} results and state changes could not be written before shutdown: {}", batch.size(),
                    health.problem().orElse("the storage did not answer"));
        }
        return written != Written.ABANDONED;
    }

    /**
     * Retries for as long as the storage is away. When the database refuses the data itself (or
     * keeps failing for no storage reason while the health probe writes fine), a whole batch is
     * split and written item by item, and a single item is dropped.
     */
    private Written writeUntilStored(List<Queued> items, boolean whole) throws InterruptedException {
        Duration backoff = FIRST_BACKOFF.compareTo(maxBackoff) > 0 ? maxBackoff : FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            if (!awaitAcceptedDatabase()) {
                return Written.ABANDONED;
            }
            try {
                writeItems(items);
                health.succeeded();
                outageOver();
                return Written.STORED;
            } catch (Exception e) {
                writeErrors.increment();
                StorageFault fault = DatabaseErrors.fault(e);
                boolean dataAtFault = fault == StorageFault.BAD_DATA || (fault == StorageFault.OTHER
                        && attempt >= ATTEMPTS_BEFORE_BLAMING_DATA && health.status().ok());
                if (dataAtFault) {
                    return whole && items.size() > 1 ? writeOneByOne(items, e) : refuse(items.getFirst(), e);
                }
                health.failed(e);
                if (isClosing() && attempt >= MAX_ATTEMPTS_WHILE_CLOSING) {
                    return Written.ABANDONED;
                }
                logOutage(items.size(), attempt, e);
                Thread.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private Written writeOneByOne(List<Queued> items, Exception cause) throws InterruptedException {
        log.warn("store: the database refused a batch of {} items ({}); writing them one by one to keep all but the"
                + " refused ones", items.size(), DatabaseErrors.rootMessage(cause));
        for (int i = 0; i < items.size(); i++) {
            if (writeUntilStored(List.of(items.get(i)), false) == Written.ABANDONED) {
                lostAtShutdown.add(items.size() - i - 1L); // the caller counts the batch; only the rest is lost
                return Written.ABANDONED;
            }
        }
        return Written.STORED;
    }

    private Written refuse(Queued item, Exception cause) {
        refusedByDatabase.increment();
        String what = switch (item) {
            case QueuedResult r -> "a result of " + r.result().monitorId() + " at " + r.result().startedAt();
            case QueuedChange c -> "a state change of " + c.change().monitorId() + " at " + c.change().at()
                    + " (with its notifications)";
            case QueuedAlerts a -> a.alerts().episodes().size() + " alert episodes and " + a.alerts().notifications().size()
                    + " notifications";
        };
        log.error("store: dropping {}: the database refuses it: {}", what, DatabaseErrors.rootMessage(cause), cause);
        return Written.REFUSED;
    }

    private void writeItems(List<Queued> items) throws Exception {
        List<CheckResult> results = new ArrayList<>(items.size());
        List<Store.PointResult> points = new ArrayList<>();
        List<StateChange> changes = new ArrayList<>();
        List<AlertWrites> alerts = new ArrayList<>();
        for (Queued item : items) {
            switch (item) {
                case QueuedResult r -> {
                    if (r.point() == null) {
                        results.add(r.result());
                    } else {
                        points.add(new Store.PointResult(r.point(), r.result()));
                    }
                }
                case QueuedChange c -> {
                    changes.add(c.change());
                    if (!c.alerts().isEmpty()) {
                        alerts.add(c.alerts());
                    }
                }
                case QueuedAlerts a -> alerts.add(a.alerts());
            }
        }
        sink.write(results, points, changes, alerts);
        resultsWritten.add(results.size() + points.size());
        changesWritten.add(changes.size());
    }

    /**
     * While the database is not the one Lookout was using, nothing is written to it: waits until
     * it is accepted. False when closing meanwhile.
     */
    private boolean awaitAcceptedDatabase() throws InterruptedException {
        while (health.status().replaced()) {
            if (isClosing()) {
                return false;
            }
            logOutage(pending(), 0, null);
            Thread.sleep(IDLE_WAKEUP);
        }
        return true;
    }

    /** Once when an outage begins, then every minute: what fails and what waits. */
    private void logOutage(int batchSize, int attempt, Exception e) {
        long now = System.nanoTime();
        if (droppedAtOutageStart < 0) {
            droppedAtOutageStart = droppedWhenFull.sum();
            outageLoggedAt = now;
            log.warn("store: cannot write {} items ({}); retrying until the storage is back, {} items wait in memory"
                    + " (at most {})", batchSize, e == null ? health.problem().orElse("") : DatabaseErrors.rootMessage(e),
                    pending(), capacity);
        } else if (now - outageLoggedAt > LOG_OUTAGE_EVERY.toNanos()) {
            outageLoggedAt = now;
            log.warn("store: still cannot write (attempt {}): {}; {} items wait in memory (at most {}), {} results"
                    + " dropped so far", attempt, health.problem().orElse(e == null ? "" : DatabaseErrors.rootMessage(e)),
                    pending(), capacity, droppedWhenFull.sum() - droppedAtOutageStart);
        }
    }

    private void outageOver() {
        if (droppedAtOutageStart < 0) {
            return;
        }
        long dropped = droppedWhenFull.sum() - droppedAtOutageStart;
        droppedAtOutageStart = -1;
        if (dropped > 0) {
            log.error("store: writing again; {} results were dropped during the outage because the queue of {} was full",
                    dropped, capacity);
        } else {
            log.info("store: writing again; nothing was lost during the outage ({} items waiting)", pending());
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
                    + " they come from are stored: {}", attempt, maxAttempts, DatabaseErrors.rootMessage(e), e);
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
        } catch (StoreException e) {
            // The storage failing is reported by its health, once; this is one more thing it could not do.
            log.warn("store housekeeping failed; will try again later: {}", e.getMessage());
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
