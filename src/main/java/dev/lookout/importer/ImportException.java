package dev.lookout.importer;

/**
 * Input that cannot be imported at all: a file that is not what it should be, an API that refuses
 * the key. The message names the file or URL and what is wrong, for the operator as is.
 */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
