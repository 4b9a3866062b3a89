package dev.lookout.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** Opens the store named by a URL: {@code sqlite:path/to/file.db} or {@code postgresql://user:pass@host:port/db}. */
public final class Stores {

    private Stores() {
    }

    /**
     * Connects, migrates the schema to the current version and starts the batch writer.
     *
     * @throws StoreException naming the database and the reason when it cannot be opened
     * @throws IllegalArgumentException when the URL is not one of the supported forms
     */
    public static Store open(String url, StoreOptions options) {
        Dialect dialect = dialectFor(url);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(dialect.poolConfig());
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + dialect.describe() + ": " + StoreException.rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the schema of " + dialect.describe() + ": "
                    + StoreException.rootMessage(e), e);
        }
        try {
            return new SqlStore(dialect, pool, options);
        } catch (StoreException e) {
            pool.close();
            throw e;
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open " + dialect.describe() + ": " + StoreException.rootMessage(e), e);
        }
    }

    private static Dialect dialectFor(String url) {
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2); // sqlite:///abs/file.db
            }
            if (path.isBlank() || path.equals(":memory:")) {
                throw new IllegalArgumentException("SQLite store URL needs a file path, e.g. sqlite:./data/lookout.db");
            }
            return SqliteDialect.forFile(Path.of(path));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return PostgresDialect.forUrl(url);
        }
        throw new IllegalArgumentException("unsupported store URL " + PostgresDialect.redact(url)
                + ": expected sqlite:<path> or postgresql://user:password@host:port/database");
    }
}
