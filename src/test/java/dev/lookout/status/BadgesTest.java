package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.status.Badges.Kind;
import dev.lookout.status.Badges.Subject;
import dev.lookout.store.MonitorRecord;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Badge values from real results in SQLite, with a clock the test moves. */
class BadgesTest {
    private static final Instant HOUR_12 = Instant.parse("2026-11-23T12:00:00Z");
    private static final String YAML = """
            components: [ { id: api, name: API }, { id: web, name: Web } ]
            monitors:
              - { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api }
              - { id: b, type: tcp, host: 127.0.0.1, port: 2, component: api }
              - { id: c, type: tcp, host: 127.0.0.1, port: 3, component: web }
            """;
    @TempDir
    Path dir;
    private final ManualTime clock = new ManualTime(HOUR_12.plus(Duration.ofMinutes(30)));
    private final AtomicReference<LookoutConfig> config = new AtomicReference<>();
    private Store store;
    private MonitorStates states;
    private Incidents incidents;
    private StatusReadModel model;
    private Badges badges;

    @BeforeEach
    void start() throws Exception {
        config.set(new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", YAML));
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        store.syncMonitors(config.get().monitors().stream().map(m -> new MonitorRecord(m.id(), m.name(), m.type(), m.componentId(), "{}")).toList());
        states = new MonitorStates(clock, change -> { });
        states.configure(config.get().monitors(), Map.of("a", MonitorState.DOWN, "b", MonitorState.UP));
        incidents = new Incidents(store.incidents(), () -> Set.of("api", "web"), clock);
        model = new StatusReadModel(config::get, states, store, new LatestResults(), clock, Duration.ofSeconds(5),
                IncidentBoard.of(incidents, new Maintenances(store.incidents(), () -> Set.of("api", "web"), clock)));
        badges = new Badges(config::get, states, model::snapshot, store, clock, Duration.ofSeconds(30));
        append("a", Outcome.OK, 100, Outcome.OK, 200, Outcome.OK, 300, Outcome.FAILED, 5_000);
        append("b", Outcome.OK, 400, Outcome.OK, 400);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private void append(String monitorId, Object... outcomesAndMillis) {
        for (int i = 0; i < outcomesAndMillis.length; i += 2) {
            store.append(new CheckResult(monitorId, HOUR_12.plus(Duration.ofMinutes(i)), (Outcome) outcomesAndMillis[i], "",
                    Timings.totalOnly((int) outcomesAndMillis[i + 1] * 1_000L), List.of()));
        }
        store.flush();
    }

    private Badge badge(Subject subject, String id, Kind kind, BadgeWindow window) {
        return badges.badge(subject, id, kind, window).orElseThrow();
    }

    @Test
    void a_monitors_uptime_and_response_time_come_from_its_stored_results() {
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24)).isEqualTo(new Badge("uptime 24h", "75%", Badge.RED));
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.D90).value()).isEqualTo("75%");
        // The failed result's 5 s is no response time: (100 + 200 + 300) / 3.
        assertThat(badge(Subject.MONITOR, "a", Kind.RESPONSE_TIME, BadgeWindow.D7))
                .isEqualTo(new Badge("response time 7d", "200 ms", Badge.GREEN));
    }

    @Test
    void a_components_uptime_counts_all_results_of_its_monitors_and_its_response_time_averages_the_monitors() {
        // 5 of 6 results were not failures; response time (200 ms + 400 ms) / 2.
        assertThat(badge(Subject.COMPONENT, "api", Kind.UPTIME, BadgeWindow.D30).value()).isEqualTo("83.33%");
        assertThat(badge(Subject.COMPONENT, "api", Kind.RESPONSE_TIME, BadgeWindow.H24).value()).isEqualTo("300 ms");
    }

    @Test
    void without_results_a_badge_says_no_data_in_grey() {
        assertThat(badge(Subject.COMPONENT, "web", Kind.UPTIME, BadgeWindow.H24)).isEqualTo(new Badge("uptime 24h", "no data", Badge.LIGHT_GREY));
        assertThat(badge(Subject.MONITOR, "c", Kind.RESPONSE_TIME, BadgeWindow.H24).value()).isEqualTo("no data");
    }

    @Test
    void status_badges_show_the_live_state() {
        assertThat(badge(Subject.MONITOR, "a", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "down", Badge.RED));
        assertThat(badge(Subject.MONITOR, "b", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "up", Badge.BRIGHT_GREEN));
        assertThat(badge(Subject.MONITOR, "c", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "unknown", Badge.LIGHT_GREY));
        assertThat(badge(Subject.COMPONENT, "api", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "partial outage", Badge.ORANGE));
        assertThat(badge(Subject.COMPONENT, "web", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "no data", Badge.LIGHT_GREY));
    }

    /** Issue 16: the badge said "operational" while the page said "partial outage". */
    @Test
    void a_component_badge_shows_the_status_an_incident_set_as_the_page_does() {
        states.restore(Map.of("a", MonitorState.UP, "c", MonitorState.UP), id -> true);
        clock.advance(Duration.ofSeconds(10)); // past the snapshot's TTL: the page shows the new states
        assertThat(badge(Subject.COMPONENT, "web", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "operational", Badge.BRIGHT_GREEN));

        Incident incident = incidents.open("Checkout errors", IncidentStatus.IDENTIFIED, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
        assertThat(model.snapshot().components()).filteredOn(c -> c.id().equals("web")).extracting(ComponentView::status)
                .containsExactly(ComponentStatus.PARTIAL_OUTAGE);
        assertThat(badge(Subject.COMPONENT, "web", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "partial outage", Badge.ORANGE));
        assertThat(badge(Subject.COMPONENT, "api", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "operational", Badge.BRIGHT_GREEN));
        assertThat(badge(Subject.MONITOR, "c", Kind.STATUS, BadgeWindow.H24)).as("a monitor's badge is its own state")
                .isEqualTo(new Badge("status", "up", Badge.BRIGHT_GREEN));

        incidents.resolve(incident.id(), "Fixed.", Map.of("web", AffectedStatus.OPERATIONAL));
        assertThat(badge(Subject.COMPONENT, "web", Kind.STATUS, BadgeWindow.H24)).isEqualTo(new Badge("status", "operational", Badge.BRIGHT_GREEN));
    }

    @Test
    void unknown_ids_have_no_badge() {
        assertThat(badges.badge(Subject.MONITOR, "nope", Kind.UPTIME, BadgeWindow.H24)).isEmpty();
        assertThat(badges.badge(Subject.COMPONENT, "a", Kind.STATUS, BadgeWindow.H24)).as("a monitor id is no component id").isEmpty();
    }

    @Test
    void values_are_cached_for_the_ttl_and_recomputed_after_it() {
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24).value()).isEqualTo("75%");
        append("a", Outcome.FAILED, 100);

        clock.advance(Duration.ofSeconds(29));
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24).value()).isEqualTo("75%");
        clock.advance(Duration.ofSeconds(1));
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24).value()).isEqualTo("60%");
    }

    @Test
    void a_reloaded_configuration_drops_cached_values() throws Exception {
        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24).value()).isEqualTo("75%");
        append("a", Outcome.FAILED, 100);
        config.set(new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", YAML));

        assertThat(badge(Subject.MONITOR, "a", Kind.UPTIME, BadgeWindow.H24).value()).isEqualTo("60%");
    }

    @Test
    void uptime_is_rounded_down_and_coloured_by_threshold() {
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 1.0)).isEqualTo(new Badge("uptime 24h", "100%", Badge.BRIGHT_GREEN));
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.99999)).isEqualTo(new Badge("uptime 24h", "99.99%", Badge.BRIGHT_GREEN));
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.995).color()).isEqualTo(Badge.GREEN);
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.98).color()).isEqualTo(Badge.YELLOW_GREEN);
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.96).color()).isEqualTo(Badge.YELLOW);
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.91).color()).isEqualTo(Badge.ORANGE);
        assertThat(Badges.uptimeBadge(BadgeWindow.H24, 0.0)).isEqualTo(new Badge("uptime 24h", "0%", Badge.RED));
    }

    @Test
    void response_time_is_shown_in_a_readable_unit_and_coloured_by_threshold() {
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 0.4)).isEqualTo(new Badge("response time 24h", "0.4 ms", Badge.BRIGHT_GREEN));
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 199.6).value()).isEqualTo("200 ms");
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 199.6).color()).isEqualTo(Badge.BRIGHT_GREEN);
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 750.0).color()).isEqualTo(Badge.YELLOW);
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 1_500.0).color()).isEqualTo(Badge.ORANGE);
        assertThat(Badges.responseTimeBadge(BadgeWindow.H24, 12_345.0)).isEqualTo(new Badge("response time 24h", "12.3 s", Badge.RED));
    }
}
