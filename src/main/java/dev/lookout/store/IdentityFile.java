package dev.lookout.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.storage.StoreException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's memory of its database, outside the database: which database it used (its identity
 * row's id), at which URL, and the highest mark it saw. Written beside the configuration or the
 * SQLite file ({@code storage.state_file}), replaced atomically. A file that cannot be written is
 * reported once and costs only the detection after a restart: the running node remembers in memory.
 */
final class IdentityFile {

    /**
     * @param databaseId the database's {@code lookout_identity.database_id}
     * @param database   the URL it was found at, without a password ({@code Dialect.describe()})
     * @param mark       the highest mark seen
     * @param seenAt     when that mark was seen (ISO-8601)
     */
    record Remembered(@JsonProperty("database_id") String databaseId, String database, long mark,
                      @JsonProperty("seen_at") String seenAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(IdentityFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private volatile boolean warned;

    IdentityFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What the file remembers; empty when there is no file (a first start). */
    Optional<Remembered> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            Remembered r = JSON.readValue(path.toFile(), Remembered.class);
            if (r.databaseId() == null || r.databaseId().isBlank()) {
                throw new IOException("no database_id");
            }
            return Optional.of(r);
        } catch (IOException e) {
            throw new StoreException("cannot read Lookout's storage state file " + path + ": "
                    + DatabaseErrors.rootMessage(e) + "; it holds which database this node used: fix it, or delete it"
                    + " to take the database as it is", e);
        }
    }

    /** Replaces the file; false (logged once) when it cannot be written. */
    boolean write(Remembered remembered) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try {
                JSON.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), remembered);
                try {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            warned = false;
            return true;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true;
                log.warn("storage: cannot write the state file {} ({}); a database replaced while Lookout is stopped"
                        + " will not be noticed at the next start (set storage.state_file to a writable place)",
                        path, DatabaseErrors.rootMessage(e));
            }
            return false;
        }
    }
}
