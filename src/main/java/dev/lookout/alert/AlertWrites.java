package dev.lookout.alert;

import java.util.List;

/** Episodes to insert or update and notifications to add to the outbox, written in one transaction. */
public record AlertWrites(List<EpisodeRecord> episodes, List<OutboxEntry> notifications) {
    public static final AlertWrites NONE = new AlertWrites(List.of(), List.of());

    public AlertWrites {
        episodes = List.copyOf(episodes);
        notifications = List.copyOf(notifications);
    }

    public boolean isEmpty() {
        return episodes.isEmpty() && notifications.isEmpty();
    }
}
