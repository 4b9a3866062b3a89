package dev.lookout.importer;

/**
 * Input that cannot be imported at all: a file that is not what it should be, an API that refuses
 * the key. The message names the file or URL and what is wrong, for the operator as is.
 */
public final class ImportException extends Exception {
    private final boolean unreachable;

    public ImportException(String message) {
        this(message, null, false);
    }

    public ImportException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ImportException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** The source could not be reached at all (as opposed to answering something unusable). */
    public static ImportException unreachable(String message, Throwable cause) {
        return new ImportException(message, cause, true);
    }

    public boolean unreachable() {
        return unreachable;
    }
}
