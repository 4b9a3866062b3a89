package dev.lookout.store;

import java.time.Instant;

/**
 * A notification as stored in the outbox, with its delivery so far.
 *
 * @param status {@code pending}, {@code delivered} or {@code dead}
 */
public record NotificationRecord(long id, String dedupKey, String episodeId, String channelId, String kind, String body,
                                 boolean action, Instant createdAt, Instant dueAt, String status, int attempts,
                                 Instant lastAttemptAt, String lastError, Long lastDurationMs, Instant deliveredAt) {
}
