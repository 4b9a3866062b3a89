package dev.lookout.alert;

import dev.lookout.alert.channel.DeliveryException;

/**
 * Where the {@link OutboxSender} delivers outbox rows whose channel id is not a configured
 * channel: a status-page subscriber's ({@code subscriber:ID}). One row per delivery, with its
 * body as stored; claims, retries, backoff and dead letters are the same as for channels.
 */
@FunctionalInterface
public interface OutboxRecipient {

    /**
     * Delivers one row and returns only when the receiver accepted it; gives up within the
     * channel timeout and never retries itself, like {@link dev.lookout.alert.channel.Channel#send}.
     */
    void deliver(NotificationRecord notification) throws DeliveryException;
}
