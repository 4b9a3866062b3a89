package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.storage.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;
    private final AtomicInteger databases = new AtomicInteger();

    @Override
    String newDatabaseUrl() {
        // a directory that does not exist yet: the store creates it
        return "sqlite:" + dir.resolve("data" + databases.incrementAndGet()).resolve("lookout.db");
    }

    @Override
    String jdbcUrl(String storeUrl) {
        Path file = Path.of(storeUrl.substring("sqlite:".length()));
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "jdbc:sqlite:" + file;
    }

    @Override
    String jdbcUser() {
        return null;
    }

    @Test
    void names_the_path_when_the_database_cannot_be_created() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path database = file.resolve("lookout.db");

        assertThatThrownBy(() -> Stores.open("sqlite:" + database, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(database.toString())
                .hasMessageContaining("a file is in the way");
    }

    @Test
    void names_the_path_when_the_database_is_a_directory() throws Exception {
        Path database = Files.createDirectories(dir.resolve("lookout.db"));

        assertThatThrownBy(() -> Stores.open("sqlite:" + database, StoreOptions.defaults()))
                .isInstanceOf(StoreException.class)
                .hasMessage("SQLite database " + database + " is a directory, not a file");
    }
}
