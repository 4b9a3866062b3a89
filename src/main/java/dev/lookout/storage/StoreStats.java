package dev.lookout.storage;

/**
 * Counters of the batch writer since the store was opened, for metrics and /readyz.
 *
 * @param resultsWritten      check results committed
 * @param stateChangesWritten state changes committed
 * @param writeErrors         failed batch transactions (each retry that fails counts once)
 * @param droppedWhenFull     results dropped because the queue was full during an outage (oldest first)
 * @param refusedByDatabase   results and state changes the database refused although it was working (logged each)
 * @param lostAtShutdown      results and state changes still unwritten when Lookout stopped with the storage away
 * @param pending             items queued or being written now
 */
public record StoreStats(long resultsWritten, long stateChangesWritten, long writeErrors, long droppedWhenFull,
                         long refusedByDatabase, long lostAtShutdown, int pending) {

    /** Everything that was queued but will never be written. */
    public long dropped() {
        return droppedWhenFull + refusedByDatabase + lostAtShutdown;
    }
}
