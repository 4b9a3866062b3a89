package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * One repository of a database, opened on its own for a command that runs beside a server (no
 * batch writer, no health probe, nothing written but what the command asks for); closing it
 * closes its connections.
 */
public final class OpenedRepository<T> implements AutoCloseable {
    private final T repository;
    private final dev.lookout.audit.AuditLog auditLog;
    private final HikariDataSource pool;
    private final String database;

    OpenedRepository(T repository, dev.lookout.audit.AuditLog auditLog, HikariDataSource pool, String database) {
        this.repository = repository;
        this.auditLog = auditLog;
        this.pool = pool;
        this.database = database;
    }

    public T get() {
        return repository;
    }

    /** The audit log of the same database, where a command records what it changed. */
    public dev.lookout.audit.AuditLog auditLog() {
        return auditLog;
    }

    /** Where it is, for messages; never a password. */
    public String database() {
        return database;
    }

    @Override
    public void close() {
        pool.close();
    }
}
