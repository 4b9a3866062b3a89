package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.storage.DatabaseMismatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The identity contract on SQLite files, plus what only a file can suffer: replaced, restored from an older copy. */
class SqliteDatabaseIdentityTest extends DatabaseIdentityContract {
    private int databases;

    @Override
    String newDatabaseUrl() {
        return "sqlite:" + dir.resolve("db" + (++databases) + "/lookout.db");
    }

    private static Path file(String url) {
        return Path.of(url.substring("sqlite:".length()));
    }

    @Override
    void wipe(String url) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file(url) + suffix));
        }
    }

    /** The database's mark, which the health probe raises every second. */
    private static long mark(String url) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(url))) {
            return DatabaseIdentity.read(connection).orElseThrow().mark();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    boolean hasTables(String url) throws Exception {
        if (!Files.exists(file(url))) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(url));
             ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    @Test
    void an_older_copy_of_the_file_is_refused() throws Exception {
        String url = newDatabaseUrl();
        Path state = dir.resolve("node.identity");
        Store store = open(url, state);
        store.append(nextResult());
        store.close();
        Path backup = dir.resolve("backup.db");
        Files.copy(file(url), backup);
        long copied = mark(url);
        Store later = open(url, state);
        await("the health probe raised the mark past the copy's", () -> mark(url) > copied);
        later.close();
        Files.copy(backup, file(url), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> open(url, state))
                .isInstanceOf(DatabaseMismatchException.class)
                .hasMessageContaining("an older copy of the database");
    }

    @Test
    void a_file_replaced_while_lookout_runs_is_held() throws Exception {
        String url = newDatabaseUrl();
        Store store = open(url, dir.resolve("node.identity"));
        String other = newDatabaseUrl();
        open(other, dir.resolve("other.identity")).close();
        Files.copy(file(other), file(url), StandardCopyOption.REPLACE_EXISTING); // a new inode, as cp and restores make

        await("held as replaced", () -> store.health().status().replaced());
        assertThat(store.health().status().reason()).contains("was replaced by another file");
    }
}
