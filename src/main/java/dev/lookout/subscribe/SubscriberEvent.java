package dev.lookout.subscribe;

import java.util.Locale;

/** What a subscriber's notification is about; its name is the outbox row's {@code kind}. */
public enum SubscriberEvent {
    /** The double opt-in mail: the only thing ever sent to an unconfirmed address. */
    SUBSCRIPTION_CONFIRMATION,
    INCIDENT_CREATED,
    INCIDENT_UPDATED,
    INCIDENT_RESOLVED,
    MAINTENANCE_STARTED,
    MAINTENANCE_COMPLETED;

    /** As in the webhook payload and its {@code X-Lookout-Event} header: {@code incident.updated}. */
    public String event() {
        String lower = name().toLowerCase(Locale.ROOT);
        int underscore = lower.indexOf('_');
        return lower.substring(0, underscore) + "." + lower.substring(underscore + 1);
    }

    /** The event of a stored kind, or null for a kind that is not a subscriber's. */
    static SubscriberEvent ofKind(String kind) {
        for (SubscriberEvent e : values()) {
            if (e.name().equals(kind)) {
                return e;
            }
        }
        return null;
    }
}
