package dev.lookout.status;

import dev.lookout.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something the public side reads from storage, kept in memory so that a reader never waits for
 * the database longer than {@link #WAIT}: the last value that could be read, when it was read,
 * and for which stamp (what it was read for: the configuration, the count of changes made on this
 * node). Loads run on their own virtual threads, one at a time per stamp.
 *
 * <p>A value older than the time to live, or read for another stamp, is read again. While the
 * storage works the reader waits for that read, at most {@link #WAIT}; while it is known to fail
 * the reader gets the last good value at once and the read goes on in the background. A read that
 * fails keeps the last good value: the page shows it and says since when it is delayed.
 *
 * @param <S> what a value was read for, compared with {@code equals}
 * @param <T> the value
 */
public final class LastGood<S, T> {
    /** The longest a reader waits for a read while the storage works; then it gets the last good value. */
    static final Duration WAIT = Duration.ofMillis(250);

    private static final Logger log = LoggerFactory.getLogger(LastGood.class);

    /** A value, when it was read (on the domain clock), for which stamp. */
    public record Read<S, T>(T value, Instant at, S stamp, long sequence) {
    }

    private final String what;
    private final Function<S, T> load;
    private final Duration ttl;
    private final InstantSource clock;
    private final BooleanSupplier storageWorks;
    private final Object lock = new Object(); // guards the fields below; never held during I/O
    private Read<S, T> last;
    private CompletableFuture<Read<S, T>> loading;
    private S loadingFor;
    private long sequence;
    private boolean failing;

    /**
     * @param what         how the log names it ("the status page's history")
     * @param load         reads the value for a stamp; may throw (a storage failure), may take long
     * @param storageWorks whether the storage is known to work now (read from memory)
     */
    public LastGood(String what, Function<S, T> load, Duration ttl, InstantSource clock, BooleanSupplier storageWorks) {
        this.what = what;
        this.load = load;
        this.ttl = ttl;
        this.clock = clock;
        this.storageWorks = storageWorks;
    }

    /** Whether {@code store} works now, as its health says (from memory). */
    public static BooleanSupplier storageWorks(Store store) {
        return () -> store.health().status().ok();
    }

    /** The value for {@code stamp}, read again first when it is old or for another stamp; null when nothing could be read yet. */
    public Read<S, T> get(S stamp) {
        CompletableFuture<Read<S, T>> reading;
        synchronized (lock) {
            if (current(last, stamp)) {
                return last;
            }
            reading = loadFor(stamp);
        }
        if (!storageWorks.getAsBoolean()) {
            return latest();
        }
        try {
            reading.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // slow or failed: the last good value answers; a failure was logged by the load
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return latest();
    }

    /** The last value read, whatever its age; null when nothing could be read yet. */
    public Read<S, T> latest() {
        synchronized (lock) {
            return last;
        }
    }

    private boolean current(Read<S, T> read, S stamp) {
        return read != null && Objects.equals(read.stamp(), stamp) && read.at().plus(ttl).isAfter(clock.instant());
    }

    private CompletableFuture<Read<S, T>> loadFor(S stamp) {
        if (loading != null && !loading.isDone() && Objects.equals(loadingFor, stamp)) {
            return loading;
        }
        long number = ++sequence;
        CompletableFuture<Read<S, T>> future = new CompletableFuture<>();
        loading = future;
        loadingFor = stamp;
        Thread.ofVirtual().name("lookout-read").start(() -> run(stamp, number, future));
        return future;
    }

    private void run(S stamp, long number, CompletableFuture<Read<S, T>> future) {
        Instant at = clock.instant();
        try {
            Read<S, T> read = new Read<>(load.apply(stamp), at, stamp, number);
            boolean recovered;
            synchronized (lock) {
                if (last == null || last.sequence() < number) { // a newer read that ended first stays
                    last = read;
                }
                recovered = failing;
                failing = false;
            }
            if (recovered) {
                log.info("{} can be read from storage again", what);
            }
            future.complete(read);
        } catch (RuntimeException e) {
            boolean first;
            Read<S, T> kept;
            synchronized (lock) {
                first = !failing;
                failing = true;
                kept = last;
            }
            if (first) {
                log.warn("{} cannot be read from storage ({}); {}", what, e.getMessage(),
                        kept == null ? "nothing read yet" : "showing what was read at " + kept.at());
            }
            future.completeExceptionally(e);
        }
    }
}
