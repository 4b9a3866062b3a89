package dev.lookout.config;

/**
 * {@code subscriptions:} how status-page subscribers are reached.
 *
 * @param emailChannel  id of the {@code type: email} channel whose SMTP server sends subscribers' mails;
 *                      null: nobody can subscribe by mail
 * @param from          sender of those mails, or null for the channel's {@code from}
 * @param webhookSecret key of the {@code X-Lookout-Signature} on requests to webhook subscribers, or null for none
 */
public record SubscriptionsConfig(String emailChannel, String from, String webhookSecret) {
    /** No {@code subscriptions:} key: webhook subscribers only, unsigned. */
    public static final SubscriptionsConfig NONE = new SubscriptionsConfig(null, null, null);

    public boolean emailEnabled() {
        return emailChannel != null;
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "SubscriptionsConfig[emailChannel=" + emailChannel + ", from=" + from + ", webhookSecret="
                + (webhookSecret == null ? "none" : "***") + "]";
    }
}
