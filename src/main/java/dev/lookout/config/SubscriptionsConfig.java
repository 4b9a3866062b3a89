package dev.lookout.config;

/**
 * {@code subscriptions:} how status-page subscribers are reached.
 *
 * @param emailChannel  id of the {@code type: email} channel whose SMTP server sends subscribers' mails;
 *                      null: nobody can subscribe by mail
 * @param from          sender of those mails, or null for the channel's {@code from}
 * @param webhookSecret key of the {@code X-Lookout-Signature} on requests to webhook subscribers, or null for none
 * @param maxPerAddress  email sign-ups one client address may make per hour
 * @param maxConfirmationsPerHour confirmation mails sent per hour in all (more sign-ups wait for the next hour)
 * @param unconfirmedExpire an unconfirmed email subscriber is deleted this long after signing up
 * @param allowPrivateWebhooks whether webhook subscribers may be on this machine or a private network
 */
public record SubscriptionsConfig(String emailChannel, String from, String webhookSecret, int maxPerAddress,
                                  int maxConfirmationsPerHour, java.time.Duration unconfirmedExpire,
                                  boolean allowPrivateWebhooks) {
    public static final int DEFAULT_MAX_PER_ADDRESS = 10;
    public static final int DEFAULT_MAX_CONFIRMATIONS_PER_HOUR = 500;
    public static final java.time.Duration DEFAULT_UNCONFIRMED_EXPIRE = java.time.Duration.ofHours(48);
    /** No {@code subscriptions:} key: webhook subscribers only, unsigned. */
    public static final SubscriptionsConfig NONE = new SubscriptionsConfig(null, null, null);

    /** With the default limits. */
    public SubscriptionsConfig(String emailChannel, String from, String webhookSecret) {
        this(emailChannel, from, webhookSecret, DEFAULT_MAX_PER_ADDRESS, DEFAULT_MAX_CONFIRMATIONS_PER_HOUR,
                DEFAULT_UNCONFIRMED_EXPIRE, false);
    }

    public boolean emailEnabled() {
        return emailChannel != null;
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "SubscriptionsConfig[emailChannel=" + emailChannel + ", from=" + from + ", webhookSecret="
                + (webhookSecret == null ? "none" : "***") + ", maxPerAddress=" + maxPerAddress + ", maxConfirmationsPerHour="
                + maxConfirmationsPerHour + ", unconfirmedExpire=" + unconfirmedExpire + ", allowPrivateWebhooks="
                + allowPrivateWebhooks + "]";
    }
}
