package dev.lookout.check;

import dev.lookout.condition.Observation;

/**
 * What one run of a check found out, before any verdict: whether the target was reached, the
 * timings, and the observation that conditions are evaluated against.
 */
public record Probe(Status status, String message, Timings timings, Observation observation) {

    public enum Status {
        /** The target answered; conditions decide whether the answer is good. */
        REACHED,
        /** The target could not be reached or answered in a broken way (refused, reset, bad TLS, NXDOMAIN). */
        FAILED,
        /** The deadline passed; the message names the phase. */
        TIMEOUT
    }

    public static Probe reached(String message, Timings timings, Observation observation) {
        return new Probe(Status.REACHED, message, timings, observation);
    }

    public static Probe failed(String message, Timings timings) {
        return new Probe(Status.FAILED, message, timings, Observation.EMPTY);
    }

    public static Probe timedOut(DeadlineExceededException e, Timings timings) {
        return new Probe(Status.TIMEOUT, "timeout during " + e.phase() + " after " + timings.totalMicros() / 1000 + " ms",
                timings, Observation.EMPTY);
    }
}
