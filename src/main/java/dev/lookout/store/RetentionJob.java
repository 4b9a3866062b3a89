package dev.lookout.store;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw results older than the retention once an hour (the first time right after start).
 * It runs on the batch writer's thread between batches, so on SQLite it never competes with a
 * batch for the write lock. Every node may run it: the delete is idempotent.
 */
final class RetentionJob implements Runnable {

    static final Duration EVERY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ToIntFunction<Instant> purgeBefore;
    private final Duration retention;
    private final InstantSource clock;
    private Instant nextRun;

    RetentionJob(ToIntFunction<Instant> purgeBefore, Duration retention, InstantSource clock) {
        this.purgeBefore = purgeBefore;
        this.retention = retention;
        this.clock = clock;
    }

    /** Purges when an hour has passed on the clock since the last purge. */
    @Override
    public void run() {
        Instant now = clock.instant();
        if (nextRun != null && now.isBefore(nextRun)) {
            return;
        }
        // Set first: a failing purge is retried in an hour, not between every batch.
        nextRun = now.plus(EVERY);
        Instant before = now.minus(retention);
        int deleted = purgeBefore.applyAsInt(before);
        if (deleted > 0) {
            log.info("store retention: deleted {} raw results started before {}", deleted, before);
        }
    }
}
