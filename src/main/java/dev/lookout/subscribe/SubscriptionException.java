package dev.lookout.subscribe;

/** A subscription request that is refused, with a message saying why; the web layer maps the {@link Reason} to a 4xx. */
public final class SubscriptionException extends RuntimeException {

    /** Why a request is refused. */
    public enum Reason {
        /** Malformed input: not an email address, an unknown component, a URL that is not http(s). */
        INVALID,
        /** No subscriber with that id. */
        NOT_FOUND,
        /** Email subscriptions are not configured ({@code subscriptions.email_channel}). */
        DISABLED,
        /** Too many sign-ups from one address, or in all, this hour ({@code subscriptions.max_per_address}...). */
        LIMITED
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    SubscriptionException(Reason reason, String message) {
        this(reason, message, 0);
    }

    SubscriptionException(Reason reason, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** For {@link Reason#LIMITED}: when to try again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static SubscriptionException invalid(String message) {
        return new SubscriptionException(Reason.INVALID, message);
    }

    public Reason reason() {
        return reason;
    }
}
