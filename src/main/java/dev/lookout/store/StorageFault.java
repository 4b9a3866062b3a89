package dev.lookout.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteException;

/**
 * What kind of failure a database error is: whether the storage itself is away (wait and retry,
 * lose nothing), or this one write is bad (the data, not the database; retrying it forever would
 * stop every later write). SQLite reports result codes, PostgreSQL SQLSTATE classes; both are
 * mapped here, in one place.
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

    /** The fault behind an exception, looking through its causes for the database's own error. */
    static StorageFault of(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof StoreException se && se.explicitFault() != null) {
                return se.explicitFault();
            }
            if (e instanceof SQLiteException sqlite) {
                return ofSqlite(sqlite.getResultCode().code);
            }
            if (e instanceof SQLTransientConnectionException) {
                return UNREACHABLE; // HikariCP: no connection within the connection timeout
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                return ofSqlState(sql.getSQLState());
            }
            if (e instanceof java.net.ConnectException || e instanceof java.net.SocketTimeoutException
                    || e instanceof java.io.EOFException) {
                return UNREACHABLE;
            }
        }
        return OTHER;
    }

    /** SQLite's result codes; the extended ones carry the primary code in their low byte. */
    static StorageFault ofSqlite(int code) {
        return switch (code & 0xff) {
            case 13 -> DISK_FULL;           // SQLITE_FULL
            case 8 -> code == 1032 ? REPLACED : READ_ONLY; // SQLITE_READONLY; _DBMOVED: the file was moved or deleted
            case 10 -> IO_ERROR;            // SQLITE_IOERR
            case 5, 6 -> BUSY;              // SQLITE_BUSY, SQLITE_LOCKED
            case 14 -> UNREACHABLE;         // SQLITE_CANTOPEN
            case 11, 26 -> CORRUPT;         // SQLITE_CORRUPT, SQLITE_NOTADB
            case 19, 20, 25 -> BAD_DATA;    // SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE
            default -> OTHER;               // e.g. SQLITE_ERROR "no such table" is settled by the identity check
        };
    }

    /** PostgreSQL's SQLSTATE codes (appendix A of its manual). */
    static StorageFault ofSqlState(String state) {
        if (state.startsWith("08") || state.startsWith("57P")) {
            return UNREACHABLE; // connection exceptions; admin/crash shutdown, cannot connect now
        }
        if (state.equals("53100")) {
            return DISK_FULL;
        }
        if (state.equals("25006")) {
            return READ_ONLY;
        }
        if (state.equals("42P01") || state.equals("3F000")) {
            return REPLACED; // undefined table, invalid schema: Lookout's tables are gone
        }
        if (state.startsWith("58")) {
            return IO_ERROR;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            return BAD_DATA; // data exception, integrity constraint violation
        }
        return OTHER;
    }
}
