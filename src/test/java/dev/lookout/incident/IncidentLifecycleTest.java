package dev.lookout.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentLifecycleTest {
    @TempDir
    Path dir;
    private IncidentFixture fixture;
    private Incidents incidents;

    @BeforeEach
    void open() {
        fixture = new IncidentFixture(dir);
        incidents = fixture.incidents();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Incident outage() {
        return incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR,
                "Payments fail for some users.", Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
    }

    @Test
    void an_incident_opens_with_its_first_update_and_the_component_statuses_it_sets() {
        Incident incident = outage();
        assertThat(incident.id()).isPositive();
        assertThat(incident.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(incident.impact()).isEqualTo(Impact.MAJOR);
        assertThat(incident.createdAt()).isEqualTo(IncidentFixture.START);
        assertThat(incident.updates()).singleElement().satisfies(u -> {
            assertThat(u.id()).isPositive();
            assertThat(u.body().source()).isEqualTo("Payments fail for some users.");
            assertThat(u.body().html()).isEqualTo("<p>Payments fail for some users.</p>\n");
            assertThat(u.changes()).containsExactly(new ComponentChange("web", AffectedStatus.OPERATIONAL,
                    AffectedStatus.PARTIAL_OUTAGE));
        });
        assertThat(incident.components()).containsExactly(Map.entry("web", AffectedStatus.PARTIAL_OUTAGE));
    }

    @Test
    void an_update_records_the_old_and_new_status_of_each_component_and_sets_monitoring_at() {
        long id = outage().id();
        fixture.clock.advance(Duration.ofMinutes(10));
        Incident updated = incidents.update(id, IncidentStatus.MONITORING, "A fix is deployed.",
                Map.of("web", AffectedStatus.DEGRADED_PERFORMANCE, "api", AffectedStatus.OPERATIONAL), null);
        assertThat(updated.status()).isEqualTo(IncidentStatus.MONITORING);
        assertThat(updated.impact()).isEqualTo(Impact.MAJOR);
        assertThat(updated.monitoringAt()).isEqualTo(IncidentFixture.START.plus(Duration.ofMinutes(10)));
        assertThat(updated.latest().changes()).containsExactlyInAnyOrder(
                new ComponentChange("web", AffectedStatus.PARTIAL_OUTAGE, AffectedStatus.DEGRADED_PERFORMANCE),
                new ComponentChange("api", AffectedStatus.OPERATIONAL, AffectedStatus.OPERATIONAL));
        assertThat(updated.updates()).hasSize(2);
        assertThat(incidents.get(id)).isEqualTo(updated);
    }

    @Test
    void resolving_sets_resolved_at_and_returns_unnamed_components_to_operational() {
        long id = outage().id();
        fixture.clock.advance(Duration.ofMinutes(30));
        Incident resolved = incidents.resolve(id, null, Map.of());
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(fixture.clock.instant());
        assertThat(resolved.latest().body().source()).isEqualTo("This incident has been resolved.");
        assertThat(resolved.components()).containsExactly(Map.entry("web", AffectedStatus.OPERATIONAL));
    }

    @Test
    void an_update_after_resolution_is_refused() {
        long id = outage().id();
        incidents.resolve(id, "Fixed.", Map.of());
        assertThatThrownBy(() -> incidents.update(id, IncidentStatus.INVESTIGATING, "Again?", Map.of(), null))
                .isInstanceOfSatisfying(IncidentException.class, e -> {
                    assertThat(e.reason()).isEqualTo(IncidentException.Reason.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("incident " + id + " is resolved: no updates after resolution"
                            + " except a postmortem (PUT /api/v1/incidents/" + id + "/postmortem)");
                });
    }

    @Test
    void a_postmortem_needs_a_resolved_incident_and_then_sets_the_postmortem_status() {
        long id = outage().id();
        assertThatThrownBy(() -> incidents.publishPostmortem(id, "# What happened"))
                .hasMessage("incident " + id + " is still investigating: resolve it before publishing a postmortem");
        incidents.resolve(id, "Fixed.", Map.of());
        fixture.clock.advance(Duration.ofDays(2));
        Incident written = incidents.publishPostmortem(id, "# What happened\n\nA full disk.");
        assertThat(written.status()).isEqualTo(IncidentStatus.POSTMORTEM);
        assertThat(written.postmortem().publishedAt()).isEqualTo(fixture.clock.instant());
        assertThat(written.postmortem().body().html()).contains("<h1>What happened</h1>");
        assertThat(incidents.get(id).postmortem()).isEqualTo(written.postmortem());
        assertThatThrownBy(() -> incidents.update(id, IncidentStatus.MONITORING, "x", Map.of(), null))
                .hasMessageContaining("is postmortem: no updates after resolution");
    }

    @Test
    void postmortem_is_not_a_status_an_update_can_set() {
        long id = outage().id();
        assertThatThrownBy(() -> incidents.update(id, IncidentStatus.POSTMORTEM, "x", Map.of(), null))
                .hasMessageContaining("PUT /api/v1/incidents/" + id + "/postmortem");
    }

    @Test
    void an_unknown_component_is_refused_naming_it() {
        assertThatThrownBy(() -> incidents.open("x", IncidentStatus.INVESTIGATING, Impact.MINOR, "body",
                Map.of("nope", AffectedStatus.MAJOR_OUTAGE)))
                .isInstanceOfSatisfying(IncidentException.class,
                        e -> assertThat(e.reason()).isEqualTo(IncidentException.Reason.INVALID))
                .hasMessageStartingWith("unknown component 'nope' (known: ");
    }

    @Test
    void unknown_codes_are_refused_listing_the_accepted_ones() {
        assertThatThrownBy(() -> IncidentStatus.parse("fixed"))
                .hasMessage("unknown incident status 'fixed' (expected one of investigating, identified, monitoring,"
                        + " resolved, postmortem)");
        assertThatThrownBy(() -> AffectedStatus.parseAll(Map.of("web", "down")))
                .hasMessageStartingWith("component 'web': unknown component status 'down' (expected one of operational,");
        assertThatThrownBy(() -> Impact.parse(null)).hasMessage("impact is required (one of none, minor, major, critical)");
    }

    @Test
    void a_blank_name_or_body_is_refused() {
        assertThatThrownBy(() -> incidents.open(" ", IncidentStatus.INVESTIGATING, Impact.NONE, "b", Map.of()))
                .hasMessage("name is required");
        assertThatThrownBy(() -> incidents.open("n", IncidentStatus.INVESTIGATING, Impact.NONE, "  ", Map.of()))
                .hasMessageStartingWith("body is required");
    }

    @Test
    void an_unknown_incident_is_not_found() {
        assertThatThrownBy(() -> incidents.get(999))
                .isInstanceOfSatisfying(IncidentException.class,
                        e -> assertThat(e.reason()).isEqualTo(IncidentException.Reason.NOT_FOUND))
                .hasMessage("no incident with id 999");
    }

    @Test
    void lists_newest_first_and_filters_open_and_resolved() {
        long first = outage().id();
        fixture.clock.advance(Duration.ofMinutes(1));
        long second = outage().id();
        incidents.resolve(first, "ok", Map.of());
        assertThat(incidents.list(IncidentFilter.ALL, 10)).extracting(Incident::id).containsExactly(second, first);
        assertThat(incidents.list(IncidentFilter.OPEN, 10)).extracting(Incident::id).containsExactly(second);
        assertThat(incidents.list(IncidentFilter.RESOLVED, 10)).extracting(Incident::id).containsExactly(first);
        assertThat(incidents.list(IncidentFilter.ALL, 1)).extracting(Incident::id).containsExactly(second);
    }

    @Test
    void every_change_counts_so_that_caches_know_to_rebuild() {
        long before = incidents.changes();
        long id = outage().id();
        incidents.resolve(id, "ok", Map.of());
        assertThat(incidents.changes()).isEqualTo(before + 2);
    }
}
