package dev.lookout.subscribe;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * How many email sign-ups a client address may make, and how many confirmation mails Lookout
 * sends, per clock hour (issue 15, item 6: one client posting for 30 s made 23,032 pending
 * subscribers and 23,034 mails to whatever addresses it gave). Counted in this node's memory:
 * with N nodes behind a balancer the bounds are at most N times as high.
 */
final class SignUpLimits {
    private static final Duration HOUR = Duration.ofHours(1);

    private final InstantSource clock;
    private long hour = -1;
    private final Map<String, Integer> byClient = new HashMap<>();
    private int mails;

    SignUpLimits(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Counts a sign-up from {@code client}; refuses it (counting nothing) when the client made
     * {@code perClient} this hour already.
     */
    synchronized void signUp(String client, int perClient) {
        roll();
        int made = byClient.getOrDefault(client, 0);
        if (made >= perClient) {
            throw limited("too many sign-ups from your address this hour; try again in " + minutesLeft() + " min");
        }
        byClient.put(client, made + 1);
    }

    /** Counts a confirmation mail about to be written; refuses it when {@code perHour} went out this hour. */
    synchronized void confirmationMail(int perHour) {
        roll();
        if (mails >= perHour) {
            throw limited("too many sign-ups on this status page right now; try again in " + minutesLeft() + " min");
        }
        mails++;
    }

    /** Seconds until the limits start over. */
    synchronized long secondsLeft() {
        long now = clock.millis();
        return Math.max(1, ((now / HOUR.toMillis() + 1) * HOUR.toMillis() - now + 999) / 1000);
    }

    private long minutesLeft() {
        return (secondsLeft() + 59) / 60;
    }

    private void roll() {
        long current = clock.millis() / HOUR.toMillis();
        if (current != hour) {
            hour = current;
            byClient.clear();
            mails = 0;
        }
    }

    private SubscriptionException limited(String message) {
        return new SubscriptionException(SubscriptionException.Reason.LIMITED, message, secondsLeft());
    }

    /** The start of the hour the counts are for (for tests). */
    synchronized Instant since() {
        roll();
        return Instant.ofEpochMilli(hour * HOUR.toMillis());
    }
}
