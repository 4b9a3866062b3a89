package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code maintenance:}, component {@code depends_on}, {@code alerting.flapping}, {@code alerting.mass_failure}
 * and {@code alerting.storage_alarm_after}. */
class AlertGuardsConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());

    private static final String MONITORS = """
            components: [ { id: api, name: API } ]
            monitors:
              - { id: db, type: tcp, host: 127.0.0.1, port: 1, tags: [batch] }
              - { id: web, type: tcp, host: 127.0.0.1, port: 2, component: api }
            """;

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void reads_one_off_and_recurring_maintenance_windows() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", MONITORS + """
                maintenance:
                  - { id: migration, monitors: [db], from: "2026-12-01T02:00:00Z", until: "2026-12-01T04:00:00Z" }
                  - id: sunday
                    name: Sunday patching
                    tags: [batch]
                    components: [api]
                    cron: "0 2 * * SUN"
                    timezone: Europe/Paris
                    duration: 90m
                """);
        MaintenanceWindowConfig oneOff = config.maintenance().get(0);
        assertThat(oneOff.name()).isEqualTo("migration");
        assertThat(oneOff.activeAt(Instant.parse("2026-12-01T02:00:00Z"))).isTrue();
        assertThat(oneOff.activeAt(Instant.parse("2026-12-01T04:00:00Z"))).isFalse();
        assertThat(oneOff.covers(config.monitor("db").orElseThrow())).isTrue();
        assertThat(oneOff.covers(config.monitor("web").orElseThrow())).isFalse();

        MaintenanceWindowConfig sunday = config.maintenance().get(1);
        // Sunday 2026-11-29, 02:00 in Paris is 01:00 UTC.
        assertThat(sunday.activeAt(Instant.parse("2026-11-29T00:59:59Z"))).isFalse();
        assertThat(sunday.activeAt(Instant.parse("2026-11-29T01:00:00Z"))).isTrue();
        assertThat(sunday.activeAt(Instant.parse("2026-11-29T02:29:59Z"))).isTrue();
        assertThat(sunday.activeAt(Instant.parse("2026-11-29T02:30:00Z"))).isFalse();
        assertThat(sunday.activeAt(Instant.parse("2026-11-30T01:30:00Z"))).as("a Monday").isFalse();
        assertThat(sunday.covers(config.monitor("web").orElseThrow())).as("through its component").isTrue();
    }

    @Test
    void a_bad_maintenance_window_names_its_field() {
        assertThat(errorsOf(MONITORS + """
                maintenance:
                  - { id: a, from: "2026-12-01T02:00:00Z", until: "2026-12-01T04:00:00Z" }
                  - { id: b, monitors: [nope], from: "2026-12-01T04:00:00Z", until: "2026-12-01T02:00:00Z" }
                  - { id: c, tags: [nope], cron: "61 * * * *", duration: 1h }
                  - { id: d, components: [api], cron: "0 3 * * *" }
                  - { id: e, monitors: [db], from: "tomorrow", until: "2026-12-01T02:00:00Z" }
                """)).containsExactly(
                "lookout.yaml:6:5 maintenance[0]: names no monitors, components or tags: say what the window silences",
                "lookout.yaml:7:24 maintenance[1].monitors: no monitor with id 'nope'",
                "lookout.yaml:7:69 maintenance[1].until: must be after 'from'",
                "lookout.yaml:8:20 maintenance[2].tags: no monitor has the tag 'nope'",
                "lookout.yaml:8:34 maintenance[2].cron: '61 * * * *' is not a five-field cron expression: "
                        + errorAfter("cron: '61 * * * *' is not a five-field cron expression: "),
                "lookout.yaml:9:5 maintenance[3]: missing key 'duration' (how long each recurring window lasts, e.g. 2h)",
                "lookout.yaml:10:36 maintenance[4].from: 'tomorrow' is not an ISO-8601 time with an offset (e.g. 2026-12-01T02:00:00Z)");
    }

    /** The cron library's own reason, whatever its wording. */
    private String errorAfter(String prefix) {
        String all = String.join("\n", errorsOf(MONITORS + """
                maintenance: [ { id: c, tags: [batch], cron: "61 * * * *", duration: 1h } ]
                """));
        return all.substring(all.indexOf(prefix) + prefix.length());
    }

    @Test
    void a_components_dependencies_apply_to_each_of_its_monitors() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", """
                components:
                  - { id: api, name: API, depends_on: [redis] }
                monitors:
                  - { id: redis, type: tcp, host: 127.0.0.1, port: 1 }
                  - { id: web, type: tcp, host: 127.0.0.1, port: 2, component: api, depends_on: [dns] }
                  - { id: dns, type: tcp, host: 127.0.0.1, port: 3 }
                """);
        assertThat(config.monitor("web").orElseThrow().dependsOn()).containsExactly("dns", "redis");
        assertThat(config.monitor("redis").orElseThrow().dependsOn()).isEmpty();
        assertThat(config.component("api").orElseThrow().dependsOn()).containsExactly("redis");
    }

    @Test
    void a_component_dependency_that_makes_a_cycle_or_names_nothing_is_an_error() {
        assertThat(errorsOf("""
                components:
                  - { id: api, name: API, depends_on: [redis, ghost] }
                monitors:
                  - { id: redis, type: tcp, host: 127.0.0.1, port: 1, depends_on: [web] }
                  - { id: web, type: tcp, host: 127.0.0.1, port: 2, component: api }
                """)).containsExactly(
                "lookout.yaml:2:39 components[0].depends_on: 'redis' depends on 'web' (a monitor of this component): a cycle",
                "lookout.yaml:2:39 components[0].depends_on: no monitor with id 'ghost'");
    }

    @Test
    void flapping_and_the_mass_failure_guard_have_documented_defaults_and_checked_values() throws Exception {
        AlertingConfig defaults = loader.parse("lookout.yaml", MONITORS).alerting();
        assertThat(defaults.flapping()).isEqualTo(new AlertingConfig.FlappingConfig(5, Duration.ofMinutes(10), Duration.ofMinutes(10)));
        assertThat(defaults.massFailure()).isEqualTo(new AlertingConfig.MassFailureConfig(true, 0.5, 5, Duration.ofMinutes(1),
                Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(1)));
        assertThat(defaults.massFailure()).isEqualTo(AlertingConfig.MassFailureConfig.DEFAULT);
        assertThat(defaults.massFailure().threshold(52)).isEqualTo(26);
        assertThat(defaults.massFailure().threshold(6)).as("at least min_monitors").isEqualTo(5);

        AlertingConfig set = loader.parse("lookout.yaml", MONITORS + """
                alerting:
                  flapping: { transitions: 0 }
                  mass_failure: { share: 30%, min_monitors: 10, window: 40s, confirm_after: 5m }
                """).alerting();
        assertThat(set.flapping().enabled()).isFalse();
        assertThat(set.massFailure().threshold(100)).isEqualTo(30);
        assertThat(set.massFailure().actionSettle()).as("the window, unless set").isEqualTo(Duration.ofSeconds(40));
        assertThat(set.massFailure().possible(9)).as("fewer monitors than min_monitors").isFalse();
        assertThat(set.massFailure().possible(10)).isTrue();

        AlertingConfig.MassFailureConfig settles = loader.parse("lookout.yaml", MONITORS + """
                alerting:
                  mass_failure: { down_settle: 0s, action_settle: 5m }
                """).alerting().massFailure();
        assertThat(settles.downSettle()).isZero();
        assertThat(settles.actionSettle()).isEqualTo(Duration.ofMinutes(5));

        assertThat(errorsOf(MONITORS + """
                alerting:
                  mass_failure: { share: 150%, window: 1s, bogus: 1, down_settle: 2m, action_settle: 2h }
                """)).containsExactly(
                "lookout.yaml:6:26 alerting.mass_failure.share: '150%' is not a percentage between 1% and 100% (e.g. 50%)",
                "lookout.yaml:6:40 alerting.mass_failure.window: must be between 5s and 30m",
                "lookout.yaml:6:44 alerting.mass_failure.bogus: unknown key 'bogus'",
                "lookout.yaml:6:67 alerting.mass_failure.down_settle: must be between 0ms and 1m",
                "lookout.yaml:6:86 alerting.mass_failure.action_settle: must be between 0ms and 1h");
    }

    @Test
    void the_storage_alarm_waits_a_minute_by_default_and_can_be_set_or_turned_off() throws Exception {
        assertThat(loader.parse("lookout.yaml", MONITORS).alerting().storageAlarmAfter()).isEqualTo(Duration.ofMinutes(1));
        AlertingConfig set = loader.parse("lookout.yaml", MONITORS + """
                alerting: { storage_alarm_after: 30s }
                """).alerting();
        assertThat(set.storageAlarmAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.storageAlarmEnabled()).isTrue();
        for (String off : List.of("off", "\"off\"", "0", "0s")) {
            AlertingConfig none = loader.parse("lookout.yaml", MONITORS + "alerting: { storage_alarm_after: " + off + " }\n")
                    .alerting();
            assertThat(none.storageAlarmEnabled()).as(off).isFalse();
        }

        assertThat(errorsOf(MONITORS + """
                alerting: { storage_alarm_after: 500ms }
                """)).containsExactly("lookout.yaml:5:34 alerting.storage_alarm_after: must be between 1s and 1d");
        assertThat(errorsOf(MONITORS + """
                alerting: { storage_alarm_after: soon }
                """)).containsExactly("lookout.yaml:5:34 alerting.storage_alarm_after: 'soon' is not a duration"
                + " (use e.g. 500ms, 30s, 5m, 1h, 7d)");
    }
}
