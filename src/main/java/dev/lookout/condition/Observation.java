package dev.lookout.condition;

import java.util.Optional;

/**
 * What a check saw, as named values that conditions read ({@code status}, {@code latency},
 * {@code body}, {@code header.content-type}, ...). Lookups are cheap; a check type documents the
 * placeholders it offers in its {@code CheckType}.
 *
 * <p>Values are {@link Long}/{@link Double} (any {@link Number}) for numbers, {@link java.time.Duration}
 * for times, {@link String} for text (timestamps too: {@code age(...)} reads ISO-8601 and epochs),
 * {@link Boolean}, and {@link java.util.List} of these for several values ({@code dns.answers}),
 * which {@code contains}, {@code in} and {@code len(...)} understand.
 */
public interface Observation {

    /** The value of a placeholder, or empty when this observation has no such value. */
    Optional<Object> value(String placeholder);

    /** An observation with no values: what a probe that never reached its target leaves. */
    Observation EMPTY = placeholder -> Optional.empty();
}
