package dev.lookout.check;

import java.time.Duration;

/**
 * The hard end of one check, on the monotonic clock. Every phase (DNS, connect, TLS, request,
 * body) asks it for the time left and gives up when there is none: this is how a check never
 * outlives its {@code timeout}.
 */
public record Deadline(long startNanos, long endNanos) {

    public static Deadline after(Duration timeout) {
        long now = System.nanoTime();
        return new Deadline(now, now + timeout.toNanos());
    }

    public long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    public boolean expired() {
        return remainingNanos() <= 0;
    }

    /** Time left as a socket timeout: at least 1 ms (0 would mean "forever"); throws when none is left. */
    public int socketTimeoutMillis(String phase) throws DeadlineExceededException {
        long nanos = remainingNanos();
        if (nanos <= 0) {
            throw new DeadlineExceededException(phase);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }

    /** Throws when the deadline has passed; called between phases and between reads. */
    public void check(String phase) throws DeadlineExceededException {
        if (expired()) {
            throw new DeadlineExceededException(phase);
        }
    }

    public Duration timeout() {
        return Duration.ofNanos(endNanos - startNanos);
    }

    /** Microseconds since the check started. */
    public long elapsedMicros() {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
