package dev.lookout.config;

import java.time.Duration;

/**
 * A remote probe declared under {@code probes:}: a vantage point that checks the monitors naming
 * it (or its region) from another network. Its credentials are not in the file: a token made with
 * {@code lookout probe-token create NAME} is stored hashed in the database.
 *
 * @param name        how monitors' {@code vantage.from} and the alerts name it
 * @param region      the region it stands for in {@code vantage.from}; null when none
 * @param silentAfter without results for this long it is silent: one system alert, and its
 *                    monitors are judged by the other vantage points meanwhile
 */
public record ProbeConfig(String name, String region, Duration silentAfter) {
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofMinutes(2);
}
