package dev.lookout.check;

import java.time.InstantSource;

/**
 * What every check may use, shared across checks: the DNS resolver with deadlines, and the clock
 * that dates what a check sees (a certificate's days left).
 */
public record CheckContext(AddressResolver resolver, InstantSource clock) {

    /** With the system clock. */
    public CheckContext(AddressResolver resolver) {
        this(resolver, InstantSource.system());
    }
}
