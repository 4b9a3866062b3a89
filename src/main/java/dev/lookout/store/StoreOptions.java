package dev.lookout.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a store writes and keeps data. {@code node} names this Lookout instance in every written
 * result and event, so that several nodes can share one PostgreSQL later.
 *
 * @param node          name of this node, written with each result and state change
 * @param batchSize     most results and state changes written in one transaction
 * @param flushInterval longest time a queued item waits for its batch to fill
 * @param rawRetention  how long raw results are kept; rollups and state changes are kept
 * @param queueCapacity most items waiting for the writer before the oldest results are dropped
 * @param clock         source of "now" for timestamps and retention
 * @param rollupFlushInterval how often the rollups kept in memory by the writer are written to the
 *                      rollups table (they are also written on {@code flush()} and {@code close()};
 *                      a crash in between loses nothing, see {@code RollupBuffer})
 * @param stateFile     where this node remembers which database it used ({@link IdentityFile}); null:
 *                      nowhere, a database replaced while Lookout is stopped is not noticed
 * @param acceptNewDatabase open a database that is not the one remembered (after an operator said so)
 *                      instead of refusing it
 */
public record StoreOptions(String node, int batchSize, Duration flushInterval, Duration rawRetention,
                           int queueCapacity, InstantSource clock, Duration rollupFlushInterval, Path stateFile,
                           boolean acceptNewDatabase) {

    public static final Duration DEFAULT_ROLLUP_FLUSH_INTERVAL = Duration.ofSeconds(60);

    /** With the default rollup flush interval (60 s). */
    public StoreOptions(String node, int batchSize, Duration flushInterval, Duration rawRetention,
                        int queueCapacity, InstantSource clock) {
        this(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, DEFAULT_ROLLUP_FLUSH_INTERVAL, null, false);
    }

    public static final int MAX_BATCH_SIZE = 10_000;

    public StoreOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(rawRetention, "rawRetention");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(rollupFlushInterval, "rollupFlushInterval");
        if (node.isBlank()) {
            throw new IllegalArgumentException("store node must not be blank");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "store batchSize must be within 1.." + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("store flushInterval must be positive, was " + flushInterval);
        }
        if (rawRetention.isNegative() || rawRetention.isZero()) {
            throw new IllegalArgumentException("store rawRetention must be positive, was " + rawRetention);
        }
        if (rollupFlushInterval.isNegative() || rollupFlushInterval.isZero()) {
            throw new IllegalArgumentException("store rollupFlushInterval must be positive, was " + rollupFlushInterval);
        }
        if (queueCapacity < batchSize) {
            throw new IllegalArgumentException("store queueCapacity must be at least batchSize (" + batchSize
                    + "), was " + queueCapacity);
        }
    }

    /**
     * Node "local", batches of 500, 200 ms flush interval, 14 days of raw results, 100,000 queued, system clock,
     * rollups written every 60 s.
     */
    public static StoreOptions defaults() {
        return new StoreOptions("local", 500, Duration.ofMillis(200), Duration.ofDays(14), 100_000,
                InstantSource.system());
    }

    public StoreOptions withNode(String node) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withBatchSize(int batchSize) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withFlushInterval(Duration flushInterval) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withRawRetention(Duration rawRetention) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withQueueCapacity(int queueCapacity) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withClock(InstantSource clock) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions withStateFile(Path stateFile) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }

    public StoreOptions acceptingNewDatabase() {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                true);
    }

    public StoreOptions withRollupFlushInterval(Duration rollupFlushInterval) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock, rollupFlushInterval, stateFile,
                acceptNewDatabase);
    }
}
