package dev.lookout.check;

/**
 * One configured probe of one target. Implementations honour the deadline in every phase and never
 * throw: a failure is a {@link Probe} with status FAILED or TIMEOUT.
 */
public interface Check {
    Probe run(Deadline deadline);
}
