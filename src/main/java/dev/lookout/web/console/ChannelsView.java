package dev.lookout.web.console;

import dev.lookout.alert.NotificationRecord;
import dev.lookout.alert.channel.TestNotification;
import dev.lookout.web.ConfiguredChannel;
import java.util.List;

/**
 * The channels page: each channel with its newest notifications, and the outcome of a test message
 * when the page answers the test form.
 *
 * @param testedId the channel just tested, or null
 * @param tested   the outcome of that test, or null
 */
public record ChannelsView(List<Line> channels, String testedId, TestNotification tested) {

    /** One channel and its newest notifications. */
    public record Line(ConfiguredChannel channel, List<NotificationRecord> recent) {

        /** The recent notifications that failed at least once (their last error is kept, delivered or not). */
        public List<NotificationRecord> failures() {
            return recent.stream().filter(n -> n.lastError() != null).toList();
        }
    }
}
