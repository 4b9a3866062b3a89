package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.LatestResults;
import dev.lookout.evaluate.MonitorStates;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentBoard;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Incidents;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Maintenances;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Update;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident history: months and pages, and how the read model keeps it in memory. */
class IncidentHistoryTest {
    private static final Instant SEPTEMBER = Instant.parse("2026-09-06T10:00:00Z");

    @TempDir
    Path dir;
    private Store store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static Incident incident(long id, String createdAt) {
        Instant at = Instant.parse(createdAt);
        return new Incident(id, "incident " + id, IncidentStatus.RESOLVED, Impact.MINOR, at, at, null, at, null,
                List.of(new Update(id, IncidentStatus.RESOLVED, Markdown.of("Done."), at, List.of())), 1);
    }

    private static Maintenance maintenance(long id, MaintenanceStatus status, String scheduledFor) {
        Instant at = Instant.parse(scheduledFor);
        return new Maintenance(id, "maintenance " + id, status, at, at.plusSeconds(3600), List.of(), at, at,
                status == MaintenanceStatus.SCHEDULED ? null : at, null,
                List.of(new Update(id, status, Markdown.of("Work."), at, List.of())), 1);
    }

    private static List<YearMonth> months(IncidentHistory.Page page) {
        return page.months().stream().map(IncidentHistory.Month::month).toList();
    }

    @Test
    void pages_hold_three_months_from_the_current_one_back_to_the_oldest_with_an_entry() {
        IncidentHistory history = IncidentHistory.of(List.of(incident(2, "2026-05-20T08:00:00Z"),
                incident(1, "2026-03-10T12:00:00Z")), List.of(), false, SEPTEMBER);

        assertThat(history.pageCount()).isEqualTo(3);
        assertThat(months(history.page(1).orElseThrow())).containsExactly(YearMonth.of(2026, 9), YearMonth.of(2026, 8),
                YearMonth.of(2026, 7));
        IncidentHistory.Page second = history.page(2).orElseThrow();
        assertThat(months(second)).containsExactly(YearMonth.of(2026, 6), YearMonth.of(2026, 5), YearMonth.of(2026, 4));
        assertThat(second.months().get(1).incidents()).extracting(Incident::id).containsExactly(2L);
        assertThat(second.months().get(0).isEmpty()).isTrue();
        assertThat(second.hasNewer()).isTrue();
        assertThat(second.hasOlder()).isTrue();
        IncidentHistory.Page last = history.page(3).orElseThrow();
        assertThat(months(last)).containsExactly(YearMonth.of(2026, 3));
        assertThat(last.hasOlder()).isFalse();
        assertThat(history.page(0)).isEmpty();
        assertThat(history.page(4)).isEmpty();
    }

    @Test
    void without_incidents_there_is_one_page_with_the_current_month() {
        IncidentHistory history = IncidentHistory.of(List.of(), List.of(), false, SEPTEMBER);
        assertThat(history.pageCount()).isOne();
        assertThat(months(history.page(1).orElseThrow())).containsExactly(YearMonth.of(2026, 9));
    }

    @Test
    void maintenance_shows_under_the_month_it_was_scheduled_for_once_it_has_started() {
        IncidentHistory history = IncidentHistory.of(List.of(), List.of(
                maintenance(3, MaintenanceStatus.SCHEDULED, "2026-09-20T22:00:00Z"),
                maintenance(2, MaintenanceStatus.COMPLETED, "2026-08-01T22:00:00Z")), false, SEPTEMBER);
        IncidentHistory.Page page = history.page(1).orElseThrow();
        assertThat(page.months().get(1).maintenances()).extracting(Maintenance::id).containsExactly(2L);
        assertThat(page.months().get(0).maintenances()).isEmpty();
        assertThat(history.maintenance(3)).isEmpty();
        assertThat(history.maintenance(2)).isPresent();
    }

    @Test
    void when_the_bound_was_hit_the_oldest_month_is_left_out_rather_than_shown_incomplete() {
        IncidentHistory history = IncidentHistory.of(List.of(incident(3, "2026-09-01T08:00:00Z"),
                incident(2, "2026-07-20T08:00:00Z"), incident(1, "2026-07-02T08:00:00Z")), List.of(), true, SEPTEMBER);
        assertThat(history.incidents()).extracting(Incident::id).containsExactly(3L);
        assertThat(months(history.page(1).orElseThrow())).containsExactly(YearMonth.of(2026, 9));
    }

    @Test
    void the_read_model_keeps_the_history_until_an_incident_changes_or_a_minute_passes() throws Exception {
        ManualTime clock = new ManualTime(SEPTEMBER);
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: web, name: Web } ]
                """);
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults().withClock(clock));
        Incidents incidents = new Incidents(store.incidents(), () -> Set.of("web"), clock);
        Maintenances maintenances = new Maintenances(store.incidents(), () -> Set.of("web"), clock);
        AtomicInteger loads = new AtomicInteger();
        IncidentBoard real = IncidentBoard.of(incidents, maintenances);
        IncidentBoard counted = new IncidentBoard() {
            @Override
            public List<Incident> openIncidents() {
                return real.openIncidents();
            }

            @Override
            public List<Incident> recentIncidents(int limit) {
                if (limit == StatusReadModel.HISTORY_LIMIT) {
                    loads.incrementAndGet();
                }
                return real.recentIncidents(limit);
            }

            @Override
            public List<Maintenance> maintenances() {
                return real.maintenances();
            }

            @Override
            public List<Maintenance> recentMaintenances(int limit) {
                return real.recentMaintenances(limit);
            }

            @Override
            public long changes() {
                return real.changes();
            }
        };
        StatusReadModel model = new StatusReadModel(() -> config, new MonitorStates(clock, c -> { }), store,
                new LatestResults(), clock, Duration.ofSeconds(5), counted);

        Incident first = incidents.open("Slow", IncidentStatus.INVESTIGATING, Impact.MINOR, "Looking.", Map.of());
        assertThat(model.history().incidents()).extracting(Incident::id).containsExactly(first.id());
        clock.advance(Duration.ofSeconds(59));
        model.history();
        model.history();
        assertThat(loads).hasValue(1);

        Incident second = incidents.open("Down", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Looking.", Map.of());
        assertThat(model.history().incidents()).extracting(Incident::id).containsExactly(second.id(), first.id());
        assertThat(loads).hasValue(2);

        clock.advance(StatusReadModel.HISTORY_TTL);
        model.history();
        assertThat(loads).hasValue(3);

        assertThat(model.incident(second.id())).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo("Down"));
        assertThat(model.incident(999)).isEmpty();
        assertThat(loads).as("an unknown id is answered from memory too").hasValue(3);
    }
}
