package dev.lookout.config;

import java.time.Duration;

/**
 * {@code retention:} how long Lookout keeps records that are not check results (those have
 * {@code storage.result_retention}).
 *
 * @param audit how long an audit log entry is kept; older ones are deleted by the leader once an hour
 */
public record RetentionConfig(Duration audit) {
    public static final RetentionConfig DEFAULTS = new RetentionConfig(Duration.ofDays(400));
}
