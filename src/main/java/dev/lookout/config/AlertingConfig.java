package dev.lookout.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code alerting:} who hears about what, and how the outbox delivers it.
 *
 * @param routes            which monitors' transitions go to which channels
 * @param groupWindow       notifications to one channel within this window are sent as one message
 * @param ackLinkTtl        how long the acknowledge link in a notification stays valid
 * @param deadLetterChannel where undeliverable notifications are reported (null: only logged and in the API)
 * @param systemChannels    where messages about Lookout itself go (its downtime, a suspected monitoring-side failure)
 * @param retry             how the outbox retries a failed delivery
 * @param downtimeNotice    Lookout's own downtime longer than this is reported once after a restart
 */
public record AlertingConfig(List<AlertRouteConfig> routes, Duration groupWindow, Duration ackLinkTtl,
                             String deadLetterChannel, List<String> systemChannels, RetryConfig retry,
                             Duration downtimeNotice) {

    public static final AlertingConfig NONE = new AlertingConfig(List.of(), Duration.ofSeconds(30), Duration.ofHours(24),
            null, List.of(), RetryConfig.DEFAULT, Duration.ofMinutes(2));

    public AlertingConfig {
        routes = List.copyOf(routes);
        systemChannels = List.copyOf(systemChannels);
    }

    /**
     * @param maxAttempts    attempts before a notification is dead-lettered
     * @param firstBackoff   wait after the first failure; doubled after each, with jitter
     * @param maxBackoff     longest wait between two attempts
     * @param giveUpAfter    a notification older than this is dead-lettered whatever its attempts
     */
    public record RetryConfig(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration giveUpAfter) {
        public static final RetryConfig DEFAULT = new RetryConfig(12, Duration.ofSeconds(5), Duration.ofMinutes(10),
                Duration.ofHours(24));
    }
}
