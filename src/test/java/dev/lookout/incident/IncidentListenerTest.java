package dev.lookout.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners hear every stored change of incidents and maintenances with the updates it added. */
class IncidentListenerTest {
    @TempDir
    Path dir;
    private IncidentFixture fixture;

    /** One heard change: the id, its status then, and the statuses of the updates it added. */
    private record Heard(long id, String status, List<String> added) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    private final IncidentListener recorder = new IncidentListener() {
        @Override
        public void incidentChanged(Incident incident, List<Update> added) {
            heard.add(new Heard(incident.id(), incident.status().code(), added.stream().map(u -> u.status().code()).toList()));
        }

        @Override
        public void maintenanceChanged(Maintenance maintenance, List<Update> added) {
            heard.add(new Heard(maintenance.id(), maintenance.status().code(),
                    added.stream().map(u -> u.status().code()).toList()));
        }
    };

    private final IncidentListener failing = new IncidentListener() {
        @Override
        public void incidentChanged(Incident incident, List<Update> added) {
            throw new IllegalStateException("the outbox is gone");
        }

        @Override
        public void maintenanceChanged(Maintenance maintenance, List<Update> added) {
            throw new IllegalStateException("the outbox is gone");
        }
    };

    @BeforeEach
    void open() {
        fixture = new IncidentFixture(dir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void hears_an_incident_opened_updated_and_resolved_with_each_new_update_and_a_postmortem_with_none() {
        Incidents incidents = fixture.incidents();
        incidents.addListener(failing);
        incidents.addListener(recorder);

        long id = incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE)).id();
        incidents.update(id, IncidentStatus.IDENTIFIED, "A full disk.", Map.of(), null);
        incidents.resolve(id, null, Map.of());
        incidents.publishPostmortem(id, "# Cause");

        assertThat(heard).containsExactly(
                new Heard(id, "investigating", List.of("investigating")),
                new Heard(id, "identified", List.of("identified")),
                new Heard(id, "resolved", List.of("resolved")),
                new Heard(id, "postmortem", List.of()));
        assertThat(incidents.get(id).status()).as("a failing listener undoes nothing").isEqualTo(IncidentStatus.POSTMORTEM);
    }

    @Test
    void hears_a_maintenance_announced_moved_by_the_timer_and_updated_by_the_operator() {
        Maintenances maintenances = fixture.maintenances();
        maintenances.addListener(failing);
        maintenances.addListener(recorder);
        Instant from = IncidentFixture.START.plus(Duration.ofHours(1));

        long early = maintenances.schedule("Upgrade", "Writes pause.", from, from.plus(Duration.ofHours(1)), List.of("db")).id();
        long late = maintenances.schedule("Reindex", "Slow search.", from, from.plus(Duration.ofMinutes(10)), List.of("web")).id();
        maintenances.update(early, MaintenanceStatus.IN_PROGRESS, "");
        fixture.clock.advanceTo(from.plus(Duration.ofMinutes(30)));
        maintenances.tick(fixture.clock.instant()); // the reindex window passed entirely: started and completed at once
        maintenances.tick(fixture.clock.instant()); // nothing is due: nothing heard

        assertThat(heard).containsExactly(
                new Heard(early, "scheduled", List.of("scheduled")),
                new Heard(late, "scheduled", List.of("scheduled")),
                new Heard(early, "in_progress", List.of("in_progress")),
                new Heard(late, "completed", List.of("in_progress", "completed")));
    }
}
