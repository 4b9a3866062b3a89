package dev.lookout.probe.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (a random wait between zero and the exponential bound):
 * after the servers restart, the probes that lost them come back spread over the bound instead of
 * in the same second (postmortem 004's reconnect storm).
 */
final class Backoff {
    static final Duration BASE = Duration.ofSeconds(1);
    static final Duration CAP = Duration.ofMinutes(1);

    private final RandomGenerator random;
    private final Duration base;
    private final Duration cap;
    private int failures;

    Backoff(RandomGenerator random) {
        this(random, BASE, CAP);
    }

    Backoff(RandomGenerator random, Duration base, Duration cap) {
        this.random = random;
        this.base = base;
        this.cap = cap;
    }

    /** The wait after one more failure in a row: uniform in [0, min(cap, base × 2^failures)). */
    Duration next() {
        long bound = Math.min(cap.toMillis(), base.toMillis() << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(random.nextLong(Math.max(1, bound)));
    }

    /** A success: the next failure waits little again. */
    void reset() {
        failures = 0;
    }
}
