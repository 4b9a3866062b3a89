package dev.lookout.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Notices that the SQLite file Lookout has open was deleted or replaced by another file: the open
 * connections would go on writing to the old file, which no one will ever read again (an unlinked
 * inode). Costs one stat() per check; checked by the health probe every second and before writes.
 */
final class DatabaseFileWatch {
    private final Path file;
    private volatile Object key;

    DatabaseFileWatch(Path file) {
        this.file = file;
        this.key = keyOf(file);
    }

    /** Why the file is no longer the one opened, or null while it is. */
    String problem() {
        Object now = keyOf(file);
        if (now == null) {
            return "the database file " + file + " was deleted while Lookout had it open";
        }
        if (key != null && !Objects.equals(key, now)) {
            return "the database file " + file + " was replaced by another file while Lookout had it open";
        }
        return null;
    }

    /** The file as it is now is the one to watch (after an operator accepted it). */
    void reset() {
        key = keyOf(file);
    }

    private static Object keyOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object key = attributes.fileKey(); // (device, inode) on Linux
            return key != null ? key : attributes.creationTime();
        } catch (IOException e) {
            return null;
        }
    }
}
