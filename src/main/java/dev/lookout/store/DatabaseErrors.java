package dev.lookout.store;

import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteException;

/**
 * What a database error means: which {@link StorageFault} it is, and the words that name it.
 * SQLite reports result codes, PostgreSQL SQLSTATE classes; both are mapped here, in one place.
 */
final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** The fault behind an exception, looking through its causes for the database's own error. */
    static StorageFault fault(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof StoreException se && se.fault().isPresent()) {
                return se.fault().get();
            }
            if (e instanceof SQLiteException sqlite) {
                return ofSqlite(sqlite.getResultCode().code);
            }
            if (e instanceof SQLTransientConnectionException) {
                return StorageFault.UNREACHABLE; // HikariCP: no connection within the connection timeout
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null) {
                return ofSqlState(sql.getSQLState());
            }
            if (e instanceof java.net.ConnectException || e instanceof java.net.SocketTimeoutException
                    || e instanceof java.io.EOFException) {
                return StorageFault.UNREACHABLE;
            }
        }
        return StorageFault.OTHER;
    }

    /** SQLite's result codes; the extended ones carry the primary code in their low byte. */
    static StorageFault ofSqlite(int code) {
        return switch (code & 0xff) {
            case 13 -> StorageFault.DISK_FULL;           // SQLITE_FULL
            // SQLITE_READONLY; _DBMOVED: the file was moved or deleted
            case 8 -> code == 1032 ? StorageFault.REPLACED : StorageFault.READ_ONLY;
            case 10 -> StorageFault.IO_ERROR;            // SQLITE_IOERR
            case 5, 6 -> StorageFault.BUSY;              // SQLITE_BUSY, SQLITE_LOCKED
            case 14 -> StorageFault.UNREACHABLE;         // SQLITE_CANTOPEN
            case 11, 26 -> StorageFault.CORRUPT;         // SQLITE_CORRUPT, SQLITE_NOTADB
            case 19, 20, 25 -> StorageFault.BAD_DATA;    // SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE
            // e.g. SQLITE_ERROR "no such table" is settled by the identity check
            default -> StorageFault.OTHER;
        };
    }

    /** PostgreSQL's SQLSTATE codes (appendix A of its manual). */
    static StorageFault ofSqlState(String state) {
        if (state.startsWith("08") || state.startsWith("57P")) {
            return StorageFault.UNREACHABLE; // connection exceptions; admin/crash shutdown, cannot connect now
        }
        if (state.equals("53100")) {
            return StorageFault.DISK_FULL;
        }
        if (state.equals("25006")) {
            return StorageFault.READ_ONLY;
        }
        if (state.equals("42P01") || state.equals("3F000")) {
            return StorageFault.REPLACED; // undefined table, invalid schema: Lookout's tables are gone
        }
        if (state.startsWith("58")) {
            return StorageFault.IO_ERROR;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            return StorageFault.BAD_DATA; // data exception, integrity constraint violation
        }
        return StorageFault.OTHER;
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
