package dev.lookout.config;

import java.time.Duration;

/** {@code storage:} the database URL ({@code sqlite:PATH} or {@code postgresql://...}) and raw-result retention. */
public record StorageConfig(String url, Duration resultRetention) {
}
