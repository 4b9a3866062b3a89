package dev.lookout.config;

import java.time.Duration;

/**
 * {@code scheduler:} how many checks may run at once, and how late a check may start before the
 * node reports itself unready.
 */
public record SchedulerConfig(int maxConcurrentChecks, Duration lagThreshold) {
}
