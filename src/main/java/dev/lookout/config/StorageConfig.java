package dev.lookout.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code storage:} the database URL ({@code sqlite:PATH} or {@code postgresql://...}), raw-result
 * retention, and the state file where this node remembers which database it used, so that an
 * empty, replaced or older database is not taken for a fresh start.
 */
public record StorageConfig(String url, Duration resultRetention, Path stateFile) {
}
