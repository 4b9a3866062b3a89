package dev.lookout.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceLifecycleTest {
    private static final Instant FROM = IncidentFixture.START.plus(Duration.ofHours(2));
    private static final Instant UNTIL = FROM.plus(Duration.ofHours(1));

    @TempDir
    Path dir;
    private IncidentFixture fixture;
    private Maintenances maintenances;

    @BeforeEach
    void open() {
        fixture = new IncidentFixture(dir);
        maintenances = fixture.maintenances();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Maintenance dbUpgrade() {
        return maintenances.schedule("Database upgrade", "PostgreSQL 18; writes pause for a few minutes.", FROM, UNTIL,
                List.of("db"));
    }

    private MaintenanceStatus statusAt(long id, Instant at) {
        fixture.clock.advanceTo(at);
        maintenances.tick(at);
        return maintenances.get(id).status();
    }

    @Test
    void starts_and_completes_at_its_times_when_the_timer_ticks() {
        long id = dbUpgrade().id();
        assertThat(statusAt(id, FROM.minusMillis(1))).isEqualTo(MaintenanceStatus.SCHEDULED);
        assertThat(statusAt(id, FROM)).isEqualTo(MaintenanceStatus.IN_PROGRESS);
        assertThat(statusAt(id, UNTIL.minusMillis(1))).isEqualTo(MaintenanceStatus.IN_PROGRESS);
        assertThat(statusAt(id, UNTIL)).isEqualTo(MaintenanceStatus.COMPLETED);

        Maintenance done = maintenances.get(id);
        assertThat(done.startedAt()).isEqualTo(FROM);
        assertThat(done.completedAt()).isEqualTo(UNTIL);
        assertThat(done.updates()).extracting(u -> u.status().code()).containsExactly("scheduled", "in_progress", "completed");
        assertThat(done.updates().get(1).changes()).containsExactly(
                new ComponentChange("db", AffectedStatus.OPERATIONAL, AffectedStatus.UNDER_MAINTENANCE));
        assertThat(done.updates().get(2).changes()).containsExactly(
                new ComponentChange("db", AffectedStatus.UNDER_MAINTENANCE, AffectedStatus.OPERATIONAL));
    }

    @Test
    void a_late_tick_completes_a_window_that_passed_entirely() {
        long id = dbUpgrade().id();
        assertThat(statusAt(id, UNTIL.plus(Duration.ofMinutes(5)))).isEqualTo(MaintenanceStatus.COMPLETED);
        assertThat(maintenances.get(id).updates()).extracting(u -> u.status().code())
                .containsExactly("scheduled", "in_progress", "completed");
    }

    @Test
    void in_progress_answers_for_the_covered_components_inside_the_window_only() {
        dbUpgrade();
        assertThat(maintenances.inProgress("db", FROM.minusMillis(1))).isFalse();
        // before the timer has ticked, the scheduled window already counts
        assertThat(maintenances.inProgress("db", FROM)).isTrue();
        assertThat(maintenances.inProgress("web", FROM)).isFalse();
        fixture.clock.advanceTo(FROM.plus(Duration.ofMinutes(10)));
        maintenances.tick(fixture.clock.instant());
        assertThat(maintenances.inProgress("db", fixture.clock.instant())).isTrue();
        assertThat(maintenances.inProgress("db", UNTIL)).isTrue(); // not completed yet: nobody ticked
        fixture.clock.advanceTo(UNTIL);
        maintenances.tick(UNTIL);
        assertThat(maintenances.inProgress("db", UNTIL)).isFalse();
        assertThat(maintenances.inProgress("db", FROM.plus(Duration.ofMinutes(30)))).isTrue(); // asked about the past
    }

    @Test
    void the_operator_can_start_early_verify_and_complete_early() {
        long id = dbUpgrade().id();
        fixture.clock.advance(Duration.ofMinutes(30));
        Maintenance started = maintenances.update(id, MaintenanceStatus.IN_PROGRESS, "");
        assertThat(started.startedAt()).isEqualTo(fixture.clock.instant());
        assertThat(started.latest().body().source()).isEqualTo(Maintenance.STARTED);
        assertThat(maintenances.update(id, MaintenanceStatus.VERIFYING, "Checking replication.").status())
                .isEqualTo(MaintenanceStatus.VERIFYING);
        assertThat(maintenances.inProgress("db", fixture.clock.instant())).isTrue();
        Maintenance done = maintenances.update(id, MaintenanceStatus.COMPLETED, "");
        assertThat(done.completedAt()).isEqualTo(fixture.clock.instant());
        assertThat(maintenances.inProgress("db", fixture.clock.instant())).isFalse();
        assertThatThrownBy(() -> maintenances.update(id, null, "one more thing"))
                .hasMessage("maintenance " + id + " is completed: no further updates");
    }

    @Test
    void verifying_before_the_start_is_refused() {
        long id = dbUpgrade().id();
        assertThatThrownBy(() -> maintenances.update(id, MaintenanceStatus.VERIFYING, "x"))
                .isInstanceOfSatisfying(IncidentException.class,
                        e -> assertThat(e.reason()).isEqualTo(IncidentException.Reason.CONFLICT))
                .hasMessage("maintenance " + id + " has not started: set in_progress before verifying");
    }

    @Test
    void a_window_that_ends_before_it_starts_or_in_the_past_is_refused() {
        assertThatThrownBy(() -> maintenances.schedule("x", "b", UNTIL, FROM, List.of()))
                .hasMessageContaining("must be after scheduled_for");
        assertThatThrownBy(() -> maintenances.schedule("x", "b", IncidentFixture.START.minus(Duration.ofHours(2)),
                IncidentFixture.START.minus(Duration.ofHours(1)), List.of()))
                .hasMessageContaining("is already past");
        assertThatThrownBy(() -> maintenances.schedule("x", "b", FROM, UNTIL, List.of("nope")))
                .hasMessageStartingWith("unknown component 'nope'");
    }

    @Test
    void a_window_that_has_already_begun_starts_at_once() {
        Maintenance m = maintenances.schedule("Hotfix", "Restarting the API.",
                IncidentFixture.START.minus(Duration.ofMinutes(5)), UNTIL, List.of("api"));
        assertThat(m.status()).isEqualTo(MaintenanceStatus.IN_PROGRESS);
        assertThat(maintenances.inProgress("api", IncidentFixture.START)).isTrue();
    }

    @Test
    void lists_active_and_upcoming_maintenances() {
        long later = dbUpgrade().id();
        long now = maintenances.schedule("Hotfix", "Restarting the API.", IncidentFixture.START,
                IncidentFixture.START.plus(Duration.ofMinutes(20)), List.of("api")).id();
        Instant t = IncidentFixture.START.plus(Duration.ofMinutes(1));
        assertThat(maintenances.active(t)).extracting(Maintenance::id).containsExactly(now);
        assertThat(maintenances.upcoming(t)).extracting(Maintenance::id).containsExactly(later);
        assertThat(maintenances.list(10)).extracting(Maintenance::id).containsExactly(later, now);
    }
}
