package dev.lookout.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ComponentConfig;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.MonitorState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automatic incidents on a real store, with a hand-moved clock and hand-set monitor states. */
class AutoIncidentsTest {
    @TempDir
    Path dir;
    private IncidentFixture f;
    private final Map<String, MonitorState> states = new HashMap<>();
    private LookoutConfig config;
    private Incidents incidents;
    private AutoIncidents auto;

    @BeforeEach
    void setUp() throws Exception {
        f = new IncidentFixture(dir);
        config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components:
                  - { id: api, name: API, auto_incident: { after: 5m, resolve_after: 15m, impact: major } }
                  - { id: web, name: Website, auto_incident: true }
                  - { id: db, name: Database }
                monitors:
                  - { id: api-1, type: tcp, host: 127.0.0.1, port: 1, component: api }
                  - { id: api-2, type: tcp, host: 127.0.0.1, port: 2, component: api }
                  - { id: web-1, type: tcp, host: 127.0.0.1, port: 3, component: web }
                  - { id: db-1, type: tcp, host: 127.0.0.1, port: 4, component: db }
                """);
        config.monitors().forEach(m -> states.put(m.id(), MonitorState.UP));
        incidents = f.incidents();
        auto = new AutoIncidents(incidents, () -> config, id -> states.getOrDefault(id, MonitorState.UNKNOWN), f.clock);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void advance(Duration d) {
        f.clock.advance(d);
        auto.tick();
    }

    private List<Incident> all() {
        return incidents.list(IncidentFilter.ALL, 10);
    }

    @Test
    void an_outage_opens_one_incident_that_grows_recovers_and_resolves_itself() {
        states.put("api-1", MonitorState.DOWN);
        auto.tick();
        advance(Duration.ofMinutes(4));
        assertThat(all()).as("not before `after`").isEmpty();
        advance(Duration.ofMinutes(1));
        Incident opened = all().getFirst();
        assertThat(opened.name()).isEqualTo("Problems with API");
        assertThat(opened.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(opened.impact()).isEqualTo(Impact.MAJOR);
        assertThat(opened.components()).containsExactly(Map.entry("api", AffectedStatus.PARTIAL_OUTAGE));
        assertThat(opened.latest().body().source()).isEqualTo("We are investigating a problem with API (1 of 2 monitors"
                + " failing since 2026-03-10 12:00 UTC).\n\n" + AutoIncidents.MARK);

        states.put("web-1", MonitorState.DOWN);
        states.put("db-1", MonitorState.DOWN); // no auto_incident: never joins
        auto.tick();
        advance(Duration.ofMinutes(5));
        advance(Duration.ofMinutes(1));
        Incident grown = incidents.get(opened.id());
        assertThat(grown.updates()).hasSize(2);
        assertThat(grown.components()).containsOnlyKeys("api", "web").containsEntry("web", AffectedStatus.MAJOR_OUTAGE);
        assertThat(grown.latest().body().source()).startsWith("Also affected: Website (1 of 1 monitors failing since");

        states.replaceAll((id, s) -> MonitorState.UP);
        advance(Duration.ofMinutes(1));
        Incident monitoring = incidents.get(opened.id());
        assertThat(monitoring.status()).isEqualTo(IncidentStatus.MONITORING);
        assertThat(monitoring.components().values()).containsOnly(AffectedStatus.OPERATIONAL);
        advance(Duration.ofMinutes(14));
        assertThat(incidents.get(opened.id()).status()).isEqualTo(IncidentStatus.MONITORING);
        advance(Duration.ofMinutes(1));
        Incident resolved = incidents.get(opened.id());
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.updates()).hasSize(4);
        assertThat(all()).hasSize(1);
    }

    @Test
    void a_failure_that_comes_back_while_monitoring_reopens_the_investigation() {
        states.put("api-1", MonitorState.DOWN);
        states.put("api-2", MonitorState.DOWN);
        auto.tick();
        advance(Duration.ofMinutes(5));
        long id = all().getFirst().id();
        assertThat(incidents.get(id).components()).containsEntry("api", AffectedStatus.MAJOR_OUTAGE);
        states.put("api-1", MonitorState.UP);
        states.put("api-2", MonitorState.UP);
        advance(Duration.ofMinutes(1));
        states.put("api-1", MonitorState.DOWN);
        advance(Duration.ofMinutes(1));
        assertThat(incidents.get(id).status()).as("waits `after` again").isEqualTo(IncidentStatus.MONITORING);
        advance(Duration.ofMinutes(5));
        Incident back = incidents.get(id);
        assertThat(back.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(back.latest().body().source()).startsWith("The problem is back: API (1 of 2 monitors failing since");
        assertThat(all()).hasSize(1);
    }

    @Test
    void an_operators_update_takes_the_incident_over_for_good() {
        states.put("api-1", MonitorState.DOWN);
        auto.tick();
        advance(Duration.ofMinutes(5));
        long id = all().getFirst().id();
        incidents.update(id, IncidentStatus.IDENTIFIED, "A bad deploy; rolling back.", Map.of(), null);
        states.put("api-1", MonitorState.UP);
        advance(Duration.ofMinutes(1));
        advance(Duration.ofHours(1));
        Incident theirs = incidents.get(id);
        assertThat(theirs.status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(theirs.latest().body().source()).isEqualTo("A bad deploy; rolling back.");

        // A new automatic incident is not opened beside the operator's while it is open.
        states.put("web-1", MonitorState.DOWN);
        auto.tick();
        advance(Duration.ofMinutes(6));
        assertThat(all()).hasSize(1);
    }

    @Test
    void auto_incident_accepts_true_or_settings_and_rejects_the_rest() throws Exception {
        assertThat(config.component("web").orElseThrow().autoIncident()).isEqualTo(ComponentConfig.AutoIncident.DEFAULT);
        assertThat(config.component("db").orElseThrow().autoIncident()).isNull();
        try {
            new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                    components:
                      - { id: api, name: API, auto_incident: { after: 1s, impact: huge } }
                    """);
            throw new AssertionError("expected errors");
        } catch (dev.lookout.config.ConfigException e) {
            assertThat(e.errors()).extracting(Object::toString).containsExactly(
                    "t.yaml:2:51 components[0].auto_incident.after: must be between 30s and 1d",
                    "t.yaml:2:63 components[0].auto_incident.impact: unknown impact 'huge' (known: none, minor, major, critical)");
        }
    }
}
