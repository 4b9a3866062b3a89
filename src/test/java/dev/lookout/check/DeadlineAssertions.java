package dev.lookout.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.schedule.Watchdog;
import java.time.Duration;

/**
 * How a check test asserts that a probe gave up at its deadline: never before it, and no later
 * than the product tolerates ({@link Watchdog#OVERRUN_GRACE}: a check that ends later is abandoned
 * as one that outlived its deadline). A busy machine delays a probe's end by milliseconds, a
 * broken deadline by a whole timeout or for ever; the bound tells the two apart, a tighter one
 * would only tell a quiet machine from a busy one.
 */
public final class DeadlineAssertions {
    private DeadlineAssertions() {
    }

    /** {@code elapsed}, measured around {@code Check.run}, ended at the deadline {@code timeout} after the start. */
    public static void assertGaveUpAtDeadline(Duration elapsed, Duration timeout) {
        assertThat(elapsed).as("not before the %d ms deadline", timeout.toMillis()).isGreaterThanOrEqualTo(timeout);
        assertEndedByDeadline(elapsed, timeout);
    }

    /** {@code elapsed}, measured around {@code Check.run}, ended by the deadline {@code timeout} after the start. */
    public static void assertEndedByDeadline(Duration elapsed, Duration timeout) {
        // Shorter, and a deadline given twice (once per phase or per address) would fit within the grace.
        assertThat(timeout).as("a timeout of at least the grace").isGreaterThanOrEqualTo(Watchdog.OVERRUN_GRACE);
        assertThat(elapsed).as("ended within the watchdog's grace of %d ms after the %d ms deadline",
                Watchdog.OVERRUN_GRACE.toMillis(), timeout.toMillis()).isLessThan(timeout.plus(Watchdog.OVERRUN_GRACE));
    }

    /**
     * {@code elapsed}, measured around {@code Check.run} with a long {@code deadline}, ended well
     * before it: a failure the check can see at once (a refused connection) is not waited out.
     */
    public static void assertFailedWellBeforeDeadline(Duration elapsed, Duration deadline) {
        assertThat(elapsed).as("failed well before the %d s deadline", deadline.toSeconds()).isLessThan(deadline.dividedBy(3));
    }
}
