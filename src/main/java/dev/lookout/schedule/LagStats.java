package dev.lookout.schedule;

/**
 * How late checks started relative to their planned time, over the recent window, in
 * milliseconds; plus counters since start.
 */
public record LagStats(long samples, double p50Millis, double p99Millis, double maxMillis, long started,
                       long completed, long skippedBusy, long running) {
}
