package dev.lookout.store;

/**
 * The store cannot do what was asked (database unreachable, path unwritable, store closed); the
 * message says which database and why, so that /readyz and startup errors can show it as is.
 */
public class StoreException extends IllegalStateException {

    private final StorageFault fault;

    StoreException(String message) {
        this(message, null, null);
    }

    StoreException(String message, Throwable cause) {
        this(message, cause, null);
    }

    StoreException(String message, Throwable cause, StorageFault fault) {
        super(message, cause);
        this.fault = fault;
    }

    /** What kind of storage failure this is ({@link StorageFault#OTHER} when nothing more is known). */
    public StorageFault fault() {
        return fault != null ? fault : StorageFault.of(getCause());
    }

    StorageFault explicitFault() {
        return fault;
    }

    /** The innermost message of a chain, which is the one that names the actual problem. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
