package dev.lookout.storage;

/**
 * What kind of failure a database error is: whether the storage itself is away (wait and retry,
 * lose nothing), or this one write is bad (the data, not the database; retrying it forever would
 * stop every later write). The store maps SQLite's result codes and PostgreSQL's SQLSTATE classes
 * to these, in one place ({@code store.DatabaseErrors}).
 */
public enum StorageFault {
    /** The database cannot be reached: connection refused or lost, server shutting down, pool timeout. */
    UNREACHABLE("storage unreachable"),
    /** No space left for the database (SQLITE_FULL, PostgreSQL 53100). */
    DISK_FULL("disk full"),
    /** The database or its file system accepts no writes. */
    READ_ONLY("storage is read-only"),
    /** The disk or file system failed a read or write. */
    IO_ERROR("storage I/O error"),
    /** Another writer holds the database lock for longer than the busy timeout. */
    BUSY("storage busy (locked by another writer)"),
    /** Lookout's tables are gone, or this is not Lookout's database (file replaced, schema dropped, another database). */
    REPLACED("database replaced"),
    /** The database file is damaged. */
    CORRUPT("database file is damaged"),
    /** The write itself is refused (a constraint, a value out of range): storage is fine, this data is not. */
    BAD_DATA("write refused by the database"),
    /** Anything else: treated as a storage problem until the health probe says the storage is fine. */
    OTHER("storage error");

    private final String label;

    StorageFault(String label) {
        this.label = label;
    }

    /** Short words for /readyz and messages: "disk full", "storage unreachable". */
    public String label() {
        return label;
    }

    /** Whether retrying the same write later may succeed without anything but the storage changing. */
    public boolean storageSide() {
        return this != BAD_DATA;
    }
}
