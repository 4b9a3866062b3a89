package dev.lookout.alert.channel;

import java.time.Duration;
import java.util.Optional;

/**
 * A channel could not deliver a message. {@code permanent} failures (a 400 or 404 from the
 * receiver, a refused address) are not retried; the others are, after {@code retryAfter} when
 * the receiver said so (429 or 503 with {@code Retry-After}).
 */
public final class DeliveryException extends Exception {
    private final boolean permanent;
    private final Duration retryAfter;

    private DeliveryException(String message, boolean permanent, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null, null);
    }

    public static DeliveryException transientFailure(String message, Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    /** Retry no earlier than {@code after} (a 429 or 503 with Retry-After). */
    public static DeliveryException retryAfter(String message, Duration after) {
        return new DeliveryException(message, false, after, null);
    }

    public boolean permanent() {
        return permanent;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
