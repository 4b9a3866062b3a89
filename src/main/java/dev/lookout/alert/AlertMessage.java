package dev.lookout.alert;

import java.time.Instant;
import java.util.List;

/**
 * One message to one channel: the alerts about one or more monitors that were grouped into it
 * (transitions within the grouping window), or a message about Lookout itself ({@code alerts}
 * empty, {@code text} says it all).
 *
 * @param id      stable id of the outbox entry (the same on every retry; receivers may deduplicate on it)
 * @param kind    the kind of the first alert, or of the message itself when there are no alerts
 * @param node    the vantage point: the Lookout node that saw it
 * @param text    for messages without alerts, what they say; otherwise empty
 */
public record AlertMessage(String id, AlertKind kind, Instant at, String node, List<MonitorAlert> alerts, String text) {

    public AlertMessage {
        alerts = List.copyOf(alerts);
        text = text == null ? "" : text;
    }
}
