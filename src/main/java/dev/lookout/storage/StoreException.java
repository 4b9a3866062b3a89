package dev.lookout.storage;

import java.util.Optional;

/**
 * The store cannot do what was asked (database unreachable, path unwritable, store closed); the
 * message says which database and why, so that /readyz and startup errors can show it as is.
 */
public class StoreException extends IllegalStateException {

    private final StorageFault fault;

    public StoreException(String message) {
        this(message, null, null);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param fault what kind of storage failure this is; null when only the cause can tell */
    public StoreException(String message, Throwable cause, StorageFault fault) {
        super(message, cause);
        this.fault = fault;
    }

    /**
     * What kind of storage failure the store found this to be; empty when it did not say, and only
     * the cause (a database error, read by the store) can tell.
     */
    public Optional<StorageFault> fault() {
        return Optional.ofNullable(fault);
    }
}
