package dev.lookout.store;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a tiny health row every second from its own thread and reports the outcome to the
 * {@link StorageHealth}: that is how an outage is noticed while nothing else writes, and how its
 * end is noticed while every other caller is refused. A probe that hangs (a database that
 * accepts connections but never answers) is seen by the health while it hangs.
 */
final class StorageProbe implements AutoCloseable {

    /** One probe of the storage; throws when it cannot write. */
    interface Attempt {
        void run() throws Exception;
    }

    static final Duration EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(StorageProbe.class);

    private final Attempt attempt;
    private final StorageHealth health;
    private final Thread thread;
    private volatile boolean running = true;

    StorageProbe(Attempt attempt, StorageHealth health) {
        this.attempt = attempt;
        this.health = health;
        // A platform thread: it spends its life in JDBC calls that may pin a carrier thread.
        this.thread = new Thread(this::run, "lookout-store-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            health.probeStarted();
            try {
                attempt.run();
                health.succeeded();
            } catch (Exception e) {
                if (running) {
                    health.failed(e);
                }
            } catch (Throwable e) {
                log.error("storage probe stopped by an unexpected error", e);
                return;
            } finally {
                health.probeEnded();
            }
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(StorageHealth.STALLED_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
