package dev.lookout.storage;

import java.time.Instant;

/**
 * The storage's health at one moment, as the store's health tracker knows it from memory: what
 * /readyz, the 503 answers and the storage alarm read.
 *
 * @param fault   null while the storage works
 * @param reason  the database's own words for the last failure (empty while it works)
 * @param since   when the current fault began (null while it works)
 */
public record StorageStatus(StorageFault fault, String reason, Instant since) {
    /** The storage works. */
    public static final StorageStatus OK = new StorageStatus(null, "", null);

    public boolean ok() {
        return fault == null;
    }

    /** Held until accepted: the database is not the one Lookout was using. */
    public boolean replaced() {
        return fault == StorageFault.REPLACED;
    }
}
