package dev.lookout.check;

/** The verdict on one check result, after conditions. */
public enum Outcome {
    OK, DEGRADED, FAILED, TIMEOUT;

    public boolean isFailure() {
        return this == FAILED || this == TIMEOUT;
    }
}
