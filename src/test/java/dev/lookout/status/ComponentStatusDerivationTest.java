package dev.lookout.status;

import static dev.lookout.status.ComponentStatus.DEGRADED_PERFORMANCE;
import static dev.lookout.status.ComponentStatus.MAJOR_OUTAGE;
import static dev.lookout.status.ComponentStatus.NO_DATA;
import static dev.lookout.status.ComponentStatus.OPERATIONAL;
import static dev.lookout.status.ComponentStatus.PARTIAL_OUTAGE;
import static dev.lookout.status.ComponentStatus.UNDER_MAINTENANCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorState;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenances;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a component's status comes from its monitors, maintenance and open incidents. */
class ComponentStatusDerivationTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @TempDir
    Path dir;
    private Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void monitors_map_to_component_statuses() {
        assertThat(ComponentStatus.of(List.of(MonitorState.UP, MonitorState.UP))).isEqualTo(OPERATIONAL);
        assertThat(ComponentStatus.of(List.of(MonitorState.UP, MonitorState.DEGRADED))).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(ComponentStatus.of(List.of(MonitorState.UP, MonitorState.DOWN))).isEqualTo(PARTIAL_OUTAGE);
        assertThat(ComponentStatus.of(List.of(MonitorState.DOWN, MonitorState.DOWN))).isEqualTo(MAJOR_OUTAGE);
        assertThat(ComponentStatus.of(List.of(MonitorState.UNKNOWN))).isEqualTo(NO_DATA);
        assertThat(ComponentStatus.of(List.of())).isEqualTo(NO_DATA);
    }

    @Test
    void maintenance_under_way_replaces_what_the_monitors_say() {
        assertThat(ComponentStatus.effective(MAJOR_OUTAGE, true, null)).isEqualTo(UNDER_MAINTENANCE);
        assertThat(ComponentStatus.effective(OPERATIONAL, true, null)).isEqualTo(UNDER_MAINTENANCE);
        assertThat(ComponentStatus.effective(PARTIAL_OUTAGE, false, null)).isEqualTo(PARTIAL_OUTAGE);
    }

    @Test
    void an_incident_status_wins_when_at_least_as_bad_but_cannot_hide_a_worse_one_the_monitors_see() {
        assertThat(ComponentStatus.effective(OPERATIONAL, false, MAJOR_OUTAGE)).isEqualTo(MAJOR_OUTAGE);
        assertThat(ComponentStatus.effective(NO_DATA, false, OPERATIONAL)).isEqualTo(OPERATIONAL);
        assertThat(ComponentStatus.effective(PARTIAL_OUTAGE, false, DEGRADED_PERFORMANCE)).isEqualTo(PARTIAL_OUTAGE);
        assertThat(ComponentStatus.effective(MAJOR_OUTAGE, false, OPERATIONAL)).isEqualTo(MAJOR_OUTAGE);
        // during maintenance the incident's word counts against "under maintenance", not against the monitors
        assertThat(ComponentStatus.effective(MAJOR_OUTAGE, true, DEGRADED_PERFORMANCE)).isEqualTo(DEGRADED_PERFORMANCE);
        assertThat(ComponentStatus.effective(MAJOR_OUTAGE, true, OPERATIONAL)).isEqualTo(UNDER_MAINTENANCE);
    }

    @Test
    void the_snapshot_applies_incidents_and_maintenance_and_rebuilds_as_soon_as_they_change() throws Exception {
        ManualTime clock = new ManualTime(NOW);
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: web, name: Web }, { id: db, name: Database }, { id: api, name: API } ]
                monitors:
                  - { id: w, type: tcp, host: 127.0.0.1, port: 1, component: web }
                  - { id: d, type: tcp, host: 127.0.0.1, port: 1, component: db }
                  - { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api }
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        MonitorStates states = new MonitorStates(clock, c -> { });
        states.configure(config.monitors(), Map.of("w", MonitorState.UP, "d", MonitorState.DOWN, "a", MonitorState.DOWN));
        Incidents incidents = new Incidents(store.incidents(), () -> Set.of("web", "db", "api"), clock);
        Maintenances maintenances = new Maintenances(store.incidents(), () -> Set.of("web", "db", "api"), clock);
        StatusReadModel model = new StatusReadModel(() -> config, states, store, new LatestResults(), clock,
                Duration.ofMinutes(5), IncidentBoard.of(incidents, maintenances));

        assertThat(statuses(model.snapshot())).containsExactly(OPERATIONAL, MAJOR_OUTAGE, MAJOR_OUTAGE);

        incidents.open("Slow shop", IncidentStatus.IDENTIFIED, Impact.MINOR, "Slow pages.",
                Map.of("web", AffectedStatus.DEGRADED_PERFORMANCE, "api", AffectedStatus.DEGRADED_PERFORMANCE));
        maintenances.schedule("DB upgrade", "Writes pause.", NOW, NOW.plus(Duration.ofHours(1)), List.of("db"));

        StatusSnapshot snapshot = model.snapshot(); // same instant, well within the TTL: rebuilt because of the changes
        assertThat(statuses(snapshot)).containsExactly(DEGRADED_PERFORMANCE, UNDER_MAINTENANCE, MAJOR_OUTAGE);
        assertThat(snapshot.openIncidents()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("Slow shop"));
        assertThat(snapshot.activeMaintenances()).singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("DB upgrade"));
        assertThat(snapshot.overall()).isEqualTo(MAJOR_OUTAGE);
        assertThat(snapshot.components().getFirst().updatedAt()).isEqualTo(NOW);
    }

    @Test
    void the_first_failures_of_a_new_monitor_show_the_same_outage_in_status_bar_percentage_and_banner() throws Exception {
        ManualTime clock = new ManualTime(NOW);
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: web, name: Web }, { id: api, name: API }, { id: db, name: Database } ]
                monitors:
                  - { id: w, type: tcp, host: 127.0.0.1, port: 1, component: web }
                  - { id: a, type: tcp, host: 127.0.0.1, port: 1, component: api, failure_threshold: 3 }
                  - { id: d, type: tcp, host: 127.0.0.1, port: 1, component: db }
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        MonitorStates states = new MonitorStates(clock, c -> { });
        states.configure(config.monitors(), Map.of("w", MonitorState.UP)); // "a" and "d" are new: no state yet
        LatestResults latest = new LatestResults();
        for (int i = 0; i < 2; i++) { // two failures, fewer than the three that confirm DOWN
            dev.lookout.check.CheckResult failed = new dev.lookout.check.CheckResult("a", NOW.minusSeconds(60 - 30L * i),
                    dev.lookout.check.Outcome.FAILED, "connection refused", dev.lookout.check.Timings.totalOnly(1_000), List.of());
            store.append(failed);
            latest.accept(failed);
        }
        store.flush();
        StatusReadModel model = new StatusReadModel(() -> config, states, store, latest, clock, Duration.ofMinutes(5));

        StatusSnapshot snapshot = model.snapshot();
        assertThat(states.state("a")).as("not confirmed yet").isEqualTo(MonitorState.UNKNOWN);
        ComponentView api = snapshot.components().get(1);
        assertThat(api.status()).as("the status says what the red bar says").isEqualTo(MAJOR_OUTAGE);
        assertThat(api.days().getLast().level()).isEqualTo("major");
        assertThat(api.uptime90d()).isEqualTo(0.0);
        assertThat(snapshot.overall()).as("the banner does not say all systems operational").isEqualTo(MAJOR_OUTAGE);

        ComponentView db = snapshot.components().get(2);
        assertThat(db.status()).as("no result at all: neutral").isEqualTo(NO_DATA);
        assertThat(db.days().getLast().level()).isEqualTo("none");
        assertThat(db.uptime90d()).as("no percentage without data").isNull();
        assertThat(model.monitor("a").orElseThrow().confirmed()).isFalse();
        assertThat(PageText.english().monitorState(model.monitor("a").orElseThrow())).isEqualTo("Down (last check, not confirmed yet)");
        assertThat(PageText.english().monitorState(model.monitor("d").orElseThrow())).isEqualTo("No data yet");
    }

    private static List<ComponentStatus> statuses(StatusSnapshot snapshot) {
        return snapshot.components().stream().map(ComponentView::status).toList();
    }
}
