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
 * @param flapping          when a monitor counts as flapping
 * @param massFailure       when many monitors failing at once are suspected to be Lookout's own failure
 * @param deadMansSwitch    Lookout's own sign of life for another system (null: none)
 * @param storageAlarmAfter storage failing for longer than this is said once on the system channels, sent directly
 *                          (the outbox is in the database); {@link Duration#ZERO}: never
 */
public record AlertingConfig(List<AlertRouteConfig> routes, Duration groupWindow, Duration ackLinkTtl,
                             String deadLetterChannel, List<String> systemChannels, RetryConfig retry,
                             Duration downtimeNotice, FlappingConfig flapping, MassFailureConfig massFailure,
                             DeadMansSwitchConfig deadMansSwitch, Duration storageAlarmAfter) {

    /** How long the storage fails before the storage alarm speaks, unless configured. */
    public static final Duration STORAGE_ALARM_AFTER = Duration.ofMinutes(1);

    public static final AlertingConfig NONE = new AlertingConfig(List.of(), Duration.ofSeconds(30), Duration.ofHours(24),
            null, List.of(), RetryConfig.DEFAULT, Duration.ofMinutes(2));

    public AlertingConfig {
        routes = List.copyOf(routes);
        systemChannels = List.copyOf(systemChannels);
    }

    /** Whether the storage alarm may speak ({@code alerting.storage_alarm_after} is not {@code off}). */
    public boolean storageAlarmEnabled() {
        return storageAlarmAfter.isPositive();
    }

    /** With the default flapping detection, mass-failure guard and storage alarm. */
    public AlertingConfig(List<AlertRouteConfig> routes, Duration groupWindow, Duration ackLinkTtl, String deadLetterChannel,
                          List<String> systemChannels, RetryConfig retry, Duration downtimeNotice) {
        this(routes, groupWindow, ackLinkTtl, deadLetterChannel, systemChannels, retry, downtimeNotice, FlappingConfig.DEFAULT,
                MassFailureConfig.DEFAULT, null, STORAGE_ALARM_AFTER);
    }

    /**
     * Lookout requests {@code url} every {@code every} while it is healthy (its scheduler keeps up and
     * its store is writable), so that an outside system such as Healthchecks.io notices when it
     * dies, hangs or falls behind: the dead man's switch.
     */
    public record DeadMansSwitchConfig(java.net.URI url, Duration every, Duration timeout) {
    }

    /**
     * A monitor with more than {@code transitions} state changes within {@code window} is FLAPPING:
     * one alert, then nothing until it has been stable (no change) for {@code stableFor}.
     * {@code transitions} 0 turns detection off.
     */
    public record FlappingConfig(int transitions, Duration window, Duration stableFor) {
        public static final FlappingConfig DEFAULT = new FlappingConfig(5, Duration.ofMinutes(10), Duration.ofMinutes(10));

        public boolean enabled() {
            return transitions > 0;
        }
    }

    /**
     * The mass-failure guard: when at least {@code share} of the monitors checked from this node,
     * and at least {@code minMonitors}, go DOWN within {@code window}, one alert says so, their own
     * alerts wait {@code confirmAfter} for the checks to confirm them, and routes marked
     * {@code action} fire nothing while the guard holds. {@code enabled} false turns it off.
     *
     * @param downSettle   while a mass failure is possible (at least the threshold of monitors are checked here), a
     *                     DOWN alert waits this long, and as long again after each further DOWN, for the guard to
     *                     see whether others follow (never longer than {@code window}); {@link Duration#ZERO}: never
     * @param actionSettle a route marked {@code action} fires this long after the problem began at the earliest, and
     *                     only if the guard has not tripped meanwhile and the problem is still there
     */
    public record MassFailureConfig(boolean enabled, double share, int minMonitors, Duration window, Duration confirmAfter,
                                    Duration downSettle, Duration actionSettle) {
        /** How long a DOWN alert waits for others to follow, unless configured. */
        public static final Duration DOWN_SETTLE = Duration.ofSeconds(10);
        public static final MassFailureConfig DEFAULT = new MassFailureConfig(true, 0.5, 5, Duration.ofMinutes(1),
                Duration.ofMinutes(2), DOWN_SETTLE, Duration.ofMinutes(1));

        /** How many monitors going down trips the guard, out of {@code population} checked here. */
        public int threshold(int population) {
            return Math.max(minMonitors, (int) Math.ceil(share * population - 1e-9));
        }

        /** Whether the guard can trip at all with {@code population} monitors checked here. */
        public boolean possible(int population) {
            return enabled && population >= threshold(population);
        }
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
