package dev.lookout.store;

/**
 * Counters of the batch writer since the store was opened, for metrics and /readyz.
 *
 * @param resultsWritten      check results committed
 * @param stateChangesWritten state changes committed
 * @param writeErrors         failed batch transactions (each retry that fails counts once)
 * @param droppedWhenFull     results dropped because the queue was full (oldest first)
 * @param droppedAfterRetries results and state changes given up after the last retry
 * @param pending             items queued or being written now
 */
public record StoreStats(long resultsWritten, long stateChangesWritten, long writeErrors, long droppedWhenFull,
                         long droppedAfterRetries, int pending) {

    public static final StoreStats NONE = new StoreStats(0, 0, 0, 0, 0, 0);

    /** Everything that was queued but will never be written. */
    public long dropped() {
        return droppedWhenFull + droppedAfterRetries;
    }
}
