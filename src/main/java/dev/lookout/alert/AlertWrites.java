package dev.lookout.alert;

import java.util.List;

/**
 * Episodes to insert or update, notifications to add to the outbox and, when it changed, this
 * node's mass-failure guard; written in one transaction.
 *
 * @param guard null when the guard did not change
 */
public record AlertWrites(List<EpisodeRecord> episodes, List<OutboxEntry> notifications, GuardRecord guard) {
    public static final AlertWrites NONE = new AlertWrites(List.of(), List.of());

    public AlertWrites {
        episodes = List.copyOf(episodes);
        notifications = List.copyOf(notifications);
    }

    public AlertWrites(List<EpisodeRecord> episodes, List<OutboxEntry> notifications) {
        this(episodes, notifications, null);
    }

    public boolean isEmpty() {
        return episodes.isEmpty() && notifications.isEmpty() && guard == null;
    }
}
