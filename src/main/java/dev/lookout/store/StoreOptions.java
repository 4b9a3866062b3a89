package dev.lookout.store;

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
 */
public record StoreOptions(String node, int batchSize, Duration flushInterval, Duration rawRetention,
                           int queueCapacity, InstantSource clock) {

    public static final int MAX_BATCH_SIZE = 10_000;

    public StoreOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(rawRetention, "rawRetention");
        Objects.requireNonNull(clock, "clock");
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
        if (queueCapacity < batchSize) {
            throw new IllegalArgumentException("store queueCapacity must be at least batchSize (" + batchSize
                    + "), was " + queueCapacity);
        }
    }

    /** Node "local", batches of 500, 200 ms flush interval, 14 days of raw results, 100,000 queued, system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions("local", 500, Duration.ofMillis(200), Duration.ofDays(14), 100_000,
                InstantSource.system());
    }

    public StoreOptions withNode(String node) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }

    public StoreOptions withBatchSize(int batchSize) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }

    public StoreOptions withFlushInterval(Duration flushInterval) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }

    public StoreOptions withRawRetention(Duration rawRetention) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }

    public StoreOptions withQueueCapacity(int queueCapacity) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }

    public StoreOptions withClock(InstantSource clock) {
        return new StoreOptions(node, batchSize, flushInterval, rawRetention, queueCapacity, clock);
    }
}
