package dev.lookout.config;

import java.time.Instant;
import java.util.Objects;

/**
 * A monitor written in the console or the API rather than in {@code lookout.yaml}: its definition
 * is the YAML text of one {@code monitors:} entry, read by the same reader as the file's entries.
 *
 * @param version counts the edits, from 1; a write names the version it read, so that two editors
 *                never overwrite each other unseen
 */
public record ManagedMonitor(String id, String definition, long version, Instant createdAt, String createdBy,
                             Instant updatedAt, String updatedBy) {

    public ManagedMonitor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
    }

    /** Where its errors are said to be, in the place of a file name. */
    public String sourceName() {
        return "console monitor '" + id + "'";
    }
}
