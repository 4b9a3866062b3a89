package dev.lookout.storage;

/**
 * The database at the configured URL is not the one this node was using (empty, another one, an
 * older copy): Lookout does not take it for a fresh start. The message says what was found and
 * the command that accepts the database as it is.
 */
public final class DatabaseMismatchException extends StoreException {

    /** What an operator runs to accept the database as it is. */
    public static final String ACCEPT_COMMAND = "lookout storage accept-new";

    public DatabaseMismatchException(String database, String reason) {
        super(database + " is not the database Lookout was using: " + reason + ". Nothing was written to it. If this"
                + " is intended (a new database, a restored backup), accept it with `" + ACCEPT_COMMAND + "`; otherwise"
                + " point storage.url at the right database.", null, StorageFault.REPLACED);
    }
}
