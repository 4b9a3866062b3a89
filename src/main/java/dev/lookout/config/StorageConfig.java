package dev.lookout.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code storage:} the database URL ({@code sqlite:PATH} or {@code postgresql://...}), raw-result
 * retention, and the state file where this node remembers which database it used, so that an
 * empty, replaced or older database is not taken for a fresh start; {@code bufferSize} is how many
 * results and state changes wait in memory while the database is away.
 */
public record StorageConfig(String url, Duration resultRetention, Path stateFile, int bufferSize) {

    public static final int DEFAULT_BUFFER_SIZE = 100_000;
}
