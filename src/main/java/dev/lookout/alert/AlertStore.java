package dev.lookout.alert;

import dev.lookout.evaluate.StateChange;

/**
 * Where the alert engine keeps what it decides; implemented in {@code store}. What a state change
 * causes is queued with the change and written by the store's background writer, in the order
 * queued; the {@linkplain #outbox() outbox} is read and written at once.
 */
public interface AlertStore {

    /**
     * Queues one state change with the episodes and notifications it caused: all written in one
     * transaction, so that a crash leaves either the change and its notifications or neither.
     * Never blocks on I/O.
     */
    void append(StateChange change, AlertWrites alerts);

    /**
     * Queues episodes and notifications that no state change caused (a flapping episode that
     * settled): written in order with the state changes queued before, so that an episode's row
     * never lands before an older version of it. Never blocks on I/O.
     */
    void append(AlertWrites alerts);

    /**
     * Blocks until everything queued before this call is written. While the storage fails it
     * throws at once instead (the store's {@code StoreException}): what is queued stays queued and
     * is written once the storage is back.
     */
    void flush();

    /** The alert episodes and the notification outbox, on the same database. */
    Outbox outbox();

    /**
     * Whether the database is held: it is not the one Lookout was using, so nothing is restored
     * from it or written to it until an operator accepts it. Answers from memory.
     */
    boolean held();
}
