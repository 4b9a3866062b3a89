package dev.lookout.web;

import dev.lookout.alert.AlertEngine;
import dev.lookout.alert.Outbox;
import java.time.Instant;

/**
 * What an operator does to alerts, the same through the API ({@link AlertApi}) and the console's
 * alerts page: acknowledge, take an acknowledgement back, send a dead letter again. Each either
 * does it or refuses with the API error that says why (404 unknown, 409 resolved or not dead,
 * 400 a malformed id); the caller only chooses the answer (JSON or a redirect).
 */
public final class AlertActions {
    private AlertActions() {
    }

    /** Acknowledges the episode for {@code by}; whether it was acknowledged already. */
    public static boolean acknowledge(AlertEngine engine, String episodeId, String by) {
        return switch (engine.acknowledge(episodeId, by)) {
            case UNKNOWN -> throw unknown(episodeId);
            case RESOLVED -> throw resolved(episodeId);
            case ACKNOWLEDGED -> false;
            case ALREADY_ACKNOWLEDGED -> true;
        };
    }

    /** Takes the episode's acknowledgement back; whether it had none. */
    public static boolean unacknowledge(AlertEngine engine, String episodeId, String by) {
        return switch (engine.unacknowledge(episodeId, by)) {
            case UNKNOWN -> throw unknown(episodeId);
            case RESOLVED -> throw resolved(episodeId);
            case UNACKNOWLEDGED -> false;
            case NOT_ACKNOWLEDGED -> true;
        };
    }

    /** Sends the dead letter numbered {@code idText} again (same notification and delivery id); its id. */
    public static long retry(Outbox outbox, String idText, Instant now) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("a notification's id is a number, not '" + idText + "'");
        }
        if (!outbox.retry(id, now)) {
            throw new ApiException(409, "notification " + id + " is not a dead letter (already retried, or unknown)");
        }
        return id;
    }

    private static ApiException unknown(String episodeId) {
        return ApiException.notFound("no alert episode with id '" + episodeId + "'");
    }

    private static ApiException resolved(String episodeId) {
        return new ApiException(409, "alert episode '" + episodeId + "' is already resolved");
    }
}
