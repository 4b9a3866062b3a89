package dev.lookout.web;

import dev.lookout.alert.Outbox;
import java.time.Instant;

/**
 * The cursor of {@code GET /api/v1/alerts}, whose answer holds two lists, newest first: where each
 * one's page ended. Its text is {@code NOTIFICATIONS.EPISODES}, each part {@code MILLIS_ID} of the
 * last item shown ({@code -}: that list has ended and the next pages leave it empty). The
 * notifications' part comes first: it holds digits only, so an episode id may hold anything.
 *
 * @param notifications null for the first page
 * @param notificationsEnded whether the notifications' list ended on an earlier page
 */
record AlertsCursor(Outbox.NotificationKey notifications, boolean notificationsEnded, Outbox.EpisodeKey episodes,
                    boolean episodesEnded) {
    private static final String ENDED = "-";

    static final AlertsCursor FIRST = new AlertsCursor(null, false, null, false);

    /** The cursor {@code raw} (the {@code next} of a previous page); the first page's when null; a 400 when malformed. */
    static AlertsCursor parse(String raw) {
        if (raw == null) {
            return FIRST;
        }
        int dot = raw.indexOf('.');
        try {
            if (dot > 0) {
                String left = raw.substring(0, dot);
                String right = raw.substring(dot + 1);
                Outbox.NotificationKey notifications = left.equals(ENDED) ? null : notificationKey(left);
                Outbox.EpisodeKey episodes = right.equals(ENDED) ? null : episodeKey(right);
                if (notifications != null || episodes != null) {
                    return new AlertsCursor(notifications, notifications == null, episodes, episodes == null);
                }
            }
        } catch (NumberFormatException | java.time.DateTimeException | IndexOutOfBoundsException e) {
            // reported below
        }
        throw ApiException.badRequest("cursor must be the 'next' of a previous page of alerts, not '" + raw + "'");
    }

    private static Outbox.NotificationKey notificationKey(String text) {
        int split = text.indexOf('_');
        return new Outbox.NotificationKey(Instant.ofEpochMilli(Long.parseLong(text.substring(0, split))),
                Long.parseLong(text.substring(split + 1)));
    }

    private static Outbox.EpisodeKey episodeKey(String text) {
        int split = text.indexOf('_');
        String id = text.substring(split + 1);
        if (id.isEmpty()) {
            throw new NumberFormatException("no episode id");
        }
        return new Outbox.EpisodeKey(Instant.ofEpochMilli(Long.parseLong(text.substring(0, split))), id);
    }

    /** The cursor of the page after one that ended at these keys (null: that list ended); null when both ended. */
    static String next(Outbox.NotificationKey notifications, Outbox.EpisodeKey episodes) {
        if (notifications == null && episodes == null) {
            return null;
        }
        return (notifications == null ? ENDED : notifications.createdAt().toEpochMilli() + "_" + notifications.id()) + "."
                + (episodes == null ? ENDED : episodes.startedAt().toEpochMilli() + "_" + episodes.id());
    }
}
