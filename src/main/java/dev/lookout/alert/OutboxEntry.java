package dev.lookout.alert;

import java.time.Instant;

/**
 * A notification to write to the outbox. {@code dedupKey} (episode / channel / kind) is unique:
 * writing the same entry twice keeps the first, which is what makes a restart or a retried batch
 * harmless.
 *
 * @param episodeId null for messages about Lookout itself
 * @param body      the alert as JSON
 * @param action    the route triggers remediation
 * @param dueAt     not sent before this (grouping window)
 * @param urgent    sent as soon as it is due, outside the channel's group window and before the channel's other rows
 *                  (the mass-failure guard's message: the first an operator reads must name the monitoring side)
 */
public record OutboxEntry(String dedupKey, String episodeId, String channelId, String kind, String body, boolean action,
                          Instant createdAt, Instant dueAt, boolean urgent) {

    /** Not urgent: grouped with the channel's other notifications. */
    public OutboxEntry(String dedupKey, String episodeId, String channelId, String kind, String body, boolean action,
                       Instant createdAt, Instant dueAt) {
        this(dedupKey, episodeId, channelId, kind, body, action, createdAt, dueAt, false);
    }
}
