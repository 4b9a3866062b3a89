package dev.lookout.alert;

import java.time.Instant;

/**
 * A notification as stored in the outbox, with its delivery so far.
 *
 * @param id         the row's number in this database (another database, or this one emptied, numbers again from 1)
 * @param deliveryId a random UUID the database gave the row when it was written: unique across databases and
 *                   resets, and the same on every attempt
 * @param urgent     sent outside the channel's group window and before its other rows ({@link OutboxEntry#urgent()})
 * @param status {@code pending}, {@code delivered} or {@code dead}
 */
public record NotificationRecord(long id, String deliveryId, String dedupKey, String episodeId, String channelId, String kind, String body,
                                 boolean action, boolean urgent, Instant createdAt, Instant dueAt, String status, int attempts,
                                 Instant lastAttemptAt, String lastError, Long lastDurationMs, Instant deliveredAt) {
}
