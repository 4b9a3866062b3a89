package dev.lookout.control;

/** An action on a monitor that cannot be done, with the reason in the operator's words. */
public final class ControlRefused extends RuntimeException {
    /** Why: the caller asks for a monitor that is not configured, gives bad input, or asks what the monitor's state forbids. */
    public enum Kind { UNKNOWN_MONITOR, INVALID, CONFLICT }

    private final Kind kind;

    ControlRefused(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
