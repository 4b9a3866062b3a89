package dev.lookout.store;

/**
 * The store cannot do what was asked (database unreachable, path unwritable, store closed); the
 * message says which database and why, so that /readyz and startup errors can show it as is.
 */
public final class StoreException extends IllegalStateException {

    StoreException(String message) {
        super(message);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause);
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
