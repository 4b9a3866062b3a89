package dev.lookout.account;

/** A request about accounts that cannot be done, with a message for the operator. */
public final class AccountException extends RuntimeException {

    /** Why: the web layer maps these to 400, 409 and 404. */
    public enum Reason { INVALID, CONFLICT, NOT_FOUND }

    private final Reason reason;

    AccountException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static AccountException invalid(String message) {
        return new AccountException(Reason.INVALID, message);
    }

    static AccountException notFound(String message) {
        return new AccountException(Reason.NOT_FOUND, message);
    }

    static AccountException conflict(String message) {
        return new AccountException(Reason.CONFLICT, message);
    }
}
