package dev.lookout.alert.channel;

import dev.lookout.alert.AlertMessage;

/** One configured destination of notifications (a Slack webhook, an SMTP recipient list, ...). */
public interface Channel {

    /** The {@code id} from the configuration. */
    String id();

    /**
     * Where this channel sends, for an operator's eyes (the console, {@code GET /api/v1/channels}):
     * the scheme and host of a URL, an SMTP server and how many recipients, never a path, query,
     * token or password, since webhook URLs carry their token in the path.
     */
    String target();

    /**
     * Delivers one message and returns only when the receiver accepted it (2xx, or the SMTP
     * server took the mail). Must give up within the context's timeout; never retries itself:
     * the outbox sender does that.
     */
    void send(AlertMessage message) throws DeliveryException;
}
