package dev.lookout.store;

import dev.lookout.storage.DatabaseMismatchException;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StorageStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Lookout knows about its storage right now, without asking it: the batch writer, the
 * synchronous calls and the health probe report here, and /readyz, the 503 answers and the
 * storage alarm read from here. Reading never waits for the database.
 *
 * <p>A fault clears with the next successful write, except {@link StorageFault#REPLACED}: a
 * database that is not the one Lookout was using stays refused until an operator accepts it
 * ({@link #accept()}), because writing on would mix two histories.
 */
public final class StorageHealth {

    /** A health probe in flight for longer than this means the database does not answer. */
    static final Duration STALLED_AFTER = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);
    private static final String HELD = ". Lookout writes nothing to it and keeps results, state changes and notifications"
            + " in memory until an operator accepts it with `" + DatabaseMismatchException.ACCEPT_COMMAND + "`";

    private final InstantSource clock;
    private final String database;
    private volatile StorageStatus status = StorageStatus.OK;
    /** When the probe in flight began (System.nanoTime(), wall time: this is about I/O), and on the domain clock. */
    private volatile long probeStartedNanos;
    private volatile Instant probeStartedAt;

    /** @param database how messages name the database ({@code Dialect.describe()}) */
    StorageHealth(InstantSource clock, String database) {
        this.clock = clock;
        this.database = database;
    }

    /** The current status; a health probe that has waited too long counts as the storage not answering. */
    public StorageStatus status() {
        StorageStatus s = status;
        Instant probing = probeStartedAt;
        if (s.ok() && probing != null && System.nanoTime() - probeStartedNanos > STALLED_AFTER.toNanos()) {
            return new StorageStatus(StorageFault.UNREACHABLE, "the database does not answer (a health probe has waited "
                    + Duration.ofNanos(System.nanoTime() - probeStartedNanos).toSeconds() + " s)", probing);
        }
        return s;
    }

    void probeStarted() {
        probeStartedNanos = System.nanoTime();
        probeStartedAt = clock.instant();
    }

    void probeEnded() {
        probeStartedAt = null;
    }

    /** The database, for messages (never with a password). */
    public String database() {
        return database;
    }

    /** For /readyz: what is wrong, since when, in one line; empty while the storage works. */
    public Optional<String> problem() {
        StorageStatus s = status();
        if (s.ok()) {
            return Optional.empty();
        }
        Duration lasting = Duration.between(s.since(), clock.instant());
        return Optional.of(s.fault().label() + " since " + s.since() + " (" + lasting.toSeconds() + " s): " + s.reason()
                + (s.replaced() ? HELD : ""));
    }

    /** A failure of a read or write; a fault of the data itself says nothing about the storage and is ignored. */
    void failed(Throwable failure) {
        StorageFault fault = DatabaseErrors.fault(failure);
        failed(fault, DatabaseErrors.rootMessage(failure));
    }

    synchronized void failed(StorageFault fault, String reason) {
        if (!fault.storageSide()) {
            return;
        }
        StorageStatus before = status;
        if (before.replaced()) {
            return; // held: only an acceptance ends it, and the first reason is the telling one
        }
        if (fault == StorageFault.REPLACED) {
            hold(reason);
            return;
        }
        Instant since = before.ok() ? clock.instant() : before.since();
        status = new StorageStatus(fault, reason, since);
        if (before.ok()) {
            log.warn("storage: {} ({}): {}; results, state changes and notifications are kept in memory until it is back",
                    fault.label(), database, reason);
        } else if (before.fault() != fault) {
            log.warn("storage: now {} ({}): {}", fault.label(), database, reason);
        }
    }

    /** A write went through: a passing fault is over. */
    synchronized void succeeded() {
        StorageStatus before = status;
        if (before.ok() || before.replaced()) {
            return;
        }
        status = StorageStatus.OK;
        log.info("storage: back after {} s ({} since {})", Duration.between(before.since(), clock.instant()).toSeconds(),
                before.fault().label(), before.since());
    }

    /** Refuses the database until {@link #accept()}: it is not the one Lookout was using. */
    synchronized void hold(String reason) {
        StorageStatus before = status;
        if (before.replaced() && before.reason().equals(reason)) {
            return;
        }
        status = new StorageStatus(StorageFault.REPLACED, reason, before.replaced() ? before.since() : clock.instant());
        log.error("storage: {} ({}): {}{}", StorageFault.REPLACED.label(), database, reason, HELD);
    }

    /** An operator accepted the database as it is now. */
    synchronized void accept() {
        if (status.replaced()) {
            log.warn("storage: {} accepted as Lookout's database; writing resumes", database);
            status = StorageStatus.OK;
        }
    }
}
