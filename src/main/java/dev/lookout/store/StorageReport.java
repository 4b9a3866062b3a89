package dev.lookout.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lookout.storage.StorageStatus;
import dev.lookout.storage.StoreStats;

/**
 * The storage as /readyz shows it, from memory: whether it works, since when it does not, what
 * waits to be written, and what outages forced out (counted since the start, so that a drop is
 * seen after the storage is back).
 *
 * @param state             "ok", or the fault's label ("disk full", "storage unreachable", …)
 * @param since             when the current fault began (ISO-8601), null while ok
 * @param reason            the database's own words for the fault, empty while ok
 * @param buffered          results, state changes and notifications waiting in memory for the database
 * @param droppedWhenFull   results forced out of the full buffer (oldest first) during outages
 * @param refusedByDatabase results and state changes the database refused while it worked (each logged)
 */
public record StorageReport(String state, String since, String reason, int buffered,
                            @JsonProperty("dropped_when_full") long droppedWhenFull,
                            @JsonProperty("refused_by_database") long refusedByDatabase) {

    public static StorageReport of(Store store) {
        StorageStatus status = store.health().status();
        StoreStats stats = store.stats();
        return new StorageReport(status.ok() ? "ok" : status.fault().label(),
                status.ok() ? null : status.since().toString(), status.reason(), stats.pending(),
                stats.droppedWhenFull(), stats.refusedByDatabase());
    }
}
