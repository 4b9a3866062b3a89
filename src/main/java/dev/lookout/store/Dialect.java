package dev.lookout.store;

import com.zaxxer.hikari.HikariConfig;

/**
 * The few things SQLite and PostgreSQL do differently. Everything else is the same SQL, which is
 * why the schema stores timestamps as epoch milliseconds and JSON as text.
 */
interface Dialect {

    /** Where this database is, for messages; never contains a password. */
    String describe();

    /** The database file, for a database in one file (SQLite); null for a server. */
    default java.nio.file.Path file() {
        return null;
    }

    /** Flyway location of this dialect's migrations. */
    String migrationLocation();

    /** A pool configured for this database (data source, size, connection settings). */
    HikariConfig poolConfig();

    /**
     * Whether a write transaction excludes every other writer from its start (SQLite's
     * {@code BEGIN IMMEDIATE}): then a rollup row need not exist before it is read for a merge.
     */
    boolean serializesWriters();

    /** Appended to a SELECT that reads rows the transaction is about to update. */
    String lockRowsClause();

    /** The smaller of two non-null SQL expressions. */
    String least(String a, String b);

    /** The larger of two non-null SQL expressions. */
    String greatest(String a, String b);

    /**
     * A query, on the connection that just inserted results, for the id of the last one: the
     * writer's watermark of the results its rollups include.
     */
    String lastResultIdQuery();

    /** Appended to the SELECT that picks outbox rows to claim, so that concurrent claimers skip each other's rows. */
    String skipLockedClause();

    /** The database's clock now, in epoch milliseconds, as an SQL expression (for times that nodes compare). */
    String nowMillis();
}
