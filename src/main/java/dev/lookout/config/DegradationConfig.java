package dev.lookout.config;

import java.time.Duration;

/**
 * A monitor's degradation signals beyond its own conditions: its p95 latency against its own
 * baseline, its error rate, and the burn rate of its SLO's error budget. Each is null when not
 * configured. Any of them firing makes an UP monitor DEGRADED (alerted on routes with
 * {@code degraded}); it is UP again when none fires.
 */
public record DegradationConfig(Latency latency, ErrorRate errorRate, Slo slo) {
    public static final DegradationConfig NONE = new DegradationConfig(null, null, null);

    public boolean any() {
        return latency != null || errorRate != null || slo != null;
    }

    /** p95 over {@code window} above {@code factor} times the baseline, continuously for {@code sustain}. */
    public record Latency(double factor, Duration sustain, Duration window, int minSamples) {
    }

    /** Share of failed results over {@code window} above {@code above} (with at least {@code minSamples} results). */
    public record ErrorRate(double above, Duration window, int minSamples) {
    }

    /** Availability objective: {@code target} of results succeed over {@code window}. */
    public record Slo(double target, Duration window) {
        /** The error budget: the share of results allowed to fail. */
        public double budget() {
            return 1 - target;
        }
    }
}
