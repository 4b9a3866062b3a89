package dev.lookout.check.heartbeat;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The keys of a {@code type: heartbeat} monitor. At least one of {@code uuid}, {@code slug} and
 * {@code pushToken} is set: they are the ways a ping finds the monitor.
 *
 * @param uuid      ping id of {@code /ping/UUID} (Healthchecks.io form); null when not used
 * @param slug      slug of {@code /ping/PING_KEY/SLUG}; null when not used
 * @param schedule  when pings are expected
 * @param grace     how long after the due time the monitor is late before it is down
 * @param pushToken token of Uptime Kuma's {@code /api/push/TOKEN}; null when not used
 */
public record HeartbeatSettings(UUID uuid, String slug, HeartbeatSchedule schedule, Duration grace, String pushToken) {
    public HeartbeatSettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(grace, "grace");
        if (uuid == null && slug == null && pushToken == null) {
            throw new IllegalArgumentException("a heartbeat monitor needs a uuid, a slug or a push_token");
        }
    }
}
