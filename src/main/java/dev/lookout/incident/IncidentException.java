package dev.lookout.incident;

/**
 * A request about incidents or maintenance that is refused, with a message that says why; the
 * web layer maps the {@link Reason} to a 4xx status.
 */
public final class IncidentException extends RuntimeException {

    /** Why a request is refused. */
    public enum Reason {
        /** Malformed or incomplete input: an unknown status, an unknown component, an empty name. */
        INVALID,
        /** No incident or maintenance with that id. */
        NOT_FOUND,
        /** The request does not fit the lifecycle (an update after resolution), or someone else changed it first. */
        CONFLICT
    }

    private final Reason reason;

    public IncidentException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    static IncidentException invalid(String message) {
        return new IncidentException(Reason.INVALID, message);
    }

    static IncidentException conflict(String message) {
        return new IncidentException(Reason.CONFLICT, message);
    }

    public static IncidentException notFound(String message) {
        return new IncidentException(Reason.NOT_FOUND, message);
    }

    public Reason reason() {
        return reason;
    }
}
