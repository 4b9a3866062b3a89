package dev.lookout.check.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading {@code type: heartbeat} from the configuration, and its schedules. */
class HeartbeatCheckTypeTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of("PING_KEY", "abcdefgh12345678"));

    private LookoutConfig load(String monitors) throws ConfigException {
        return loader.parse("lookout.yaml", """
                heartbeat: { ping_key: "${PING_KEY}" }
                monitors:
                """ + monitors);
    }

    private String errors(String monitors) {
        try {
            load(monitors);
            throw new AssertionError("expected configuration errors");
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    @Test
    void reads_every_and_cron_schedules_with_grace_and_defaults_to_one_failure() throws Exception {
        LookoutConfig config = load("""
                  - id: agent
                    type: heartbeat
                    uuid: 5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f
                    schedule: { every: 30s, grace: 15s }
                  - id: backup
                    type: heartbeat
                    slug: nightly-backup
                    push_token: backup-token-1
                    schedule: { cron: "0 3 * * *", timezone: Europe/Paris, grace: 1h }
                    conditions: [ "duration < 10m" ]
                """);
        HeartbeatSettings agent = (HeartbeatSettings) config.monitor("agent").orElseThrow().settings();
        assertThat(agent.uuid()).isEqualTo(UUID.fromString("5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f"));
        assertThat(agent.schedule()).isEqualTo(new HeartbeatSchedule.Every(Duration.ofSeconds(30)));
        assertThat(agent.grace()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.monitor("agent").orElseThrow().failureThreshold()).isEqualTo(1);
        HeartbeatSettings backup = (HeartbeatSettings) config.monitor("backup").orElseThrow().settings();
        assertThat(backup.slug()).isEqualTo("nightly-backup");
        assertThat(backup.pushToken()).isEqualTo("backup-token-1");
        assertThat(backup.schedule().describe()).isEqualTo("cron '0 3 * * *' (Europe/Paris)");
        assertThat(config.heartbeat().pingKey()).isEqualTo("abcdefgh12345678");
    }

    @Test
    void reports_every_mistake_with_its_key() {
        String errors = errors("""
                  - { id: a, type: heartbeat, uuid: not-a-uuid, schedule: { every: 30s } }
                  - { id: b, type: heartbeat, uuid: 5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f, interval: 30s, schedule: { every: 30s } }
                  - { id: c, type: heartbeat, uuid: 5F1A2C3E-8A7B-4C1D-9E2F-0A1B2C3D4E5F, schedule: { every: 30s } }
                  - { id: d, type: heartbeat, slug: Bad_Slug, schedule: { cron: "0 3 * *" } }
                  - { id: e, type: heartbeat, push_token: short, schedule: { every: 30s, cron: "0 3 * * *" } }
                  - { id: f, type: heartbeat, schedule: { cron: "0 3 * * *", timezone: Mars/Olympus } }
                  - { id: g, type: heartbeat, uuid: 6f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f }
                  - { id: h, type: heartbeat, uuid: 7f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f, schedule: { every: 30s }, conditions: [ "status == 200" ] }
                """);
        assertThat(errors)
                .contains("monitors[0].uuid: 'not-a-uuid' is not a UUID")
                .contains("monitors[1].interval: 'interval' does not apply to heartbeat monitors")
                .contains("monitors[2].uuid: '5F1A2C3E-8A7B-4C1D-9E2F-0A1B2C3D4E5F' is already the uuid of monitors[1]")
                .contains("monitors[3].slug: 'Bad_Slug' is not a slug")
                .contains("monitors[3].schedule.cron: '0 3 * *' is not a Unix cron expression")
                .contains("monitors[4].push_token: must be 8 to 100")
                .contains("monitors[4].schedule: needs exactly one of every:")
                .contains("monitors[5]: a heartbeat monitor needs uuid:, slug: or push_token:")
                .contains("monitors[5].schedule.timezone: 'Mars/Olympus' is not a time zone")
                .contains("monitors[6].schedule: is required")
                .contains("monitors[7].conditions[0]: 'status' is not available for heartbeat monitors (available: duration, exit_code, body, kind)");
    }

    @Test
    void the_slug_form_needs_a_ping_key() {
        assertThatThrownBy(() -> loader.parse("lookout.yaml", """
                monitors:
                  - { id: backup, type: heartbeat, slug: backup, schedule: { every: 1d } }
                """)).hasMessageContaining("monitors[0].slug: the slug form /ping/PING_KEY/SLUG needs heartbeat.ping_key");
    }

    @Test
    void a_cron_schedule_is_due_at_local_time_across_a_daylight_saving_change() {
        var cron = HeartbeatSchedule.Cron.parse("0 3 * * *", ZoneId.of("Europe/Paris"));
        // 03:05 CET on Saturday; the next 03:00 is in CEST, 23 hours later
        assertThat(cron.nextDue(Instant.parse("2026-03-28T02:05:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        // and back in October: 25 hours
        assertThat(cron.nextDue(Instant.parse("2026-10-24T01:05:00Z"))).isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
    }
}
