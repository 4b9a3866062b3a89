package dev.lookout.status;

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
import dev.lookout.store.PrivatePostgres;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read model while its PostgreSQL is stopped (issue 12): the snapshot, the history, the
 * monitors and the badges answer from the last good copy at once, the snapshot says since when
 * its stored part is delayed, and everything is read again once the database is back.
 */
class ReadModelWithoutStorageTest {
    /**
     * A reader waits for the database at most {@link LastGood#WAIT}, and not at all while the storage is known to
     * fail; eight times that is room for a busy machine, and still less than the 3 s for which a read that did go
     * to the stopped server would wait for a connection.
     */
    private static final Duration AT_ONCE = LastGood.WAIT.multipliedBy(8);

    private PrivatePostgres pg;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        pg = PrivatePostgres.start();
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void the_public_side_answers_from_the_last_good_copy_and_says_it_is_delayed() throws Exception {
        ManualTime clock = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        LookoutConfig config = new ConfigLoader(CheckTypes.standard(), Map.of()).parse("t.yaml", """
                components: [ { id: web, name: Web } ]
                monitors:
                  - { id: w, type: tcp, host: 127.0.0.1, port: 1, component: web }
                """);
        store = Stores.open(pg.storeUrl(), StoreOptions.defaults().withClock(clock));
        MonitorStates states = new MonitorStates(clock, c -> { });
        states.configure(config.monitors(), Map.of("w", MonitorState.UP));
        Incidents incidents = new Incidents(store.incidents(), () -> Set.of("web"), clock);
        Maintenances maintenances = new Maintenances(store.incidents(), () -> Set.of("web"), clock);
        StatusReadModel model = new StatusReadModel(() -> config, states, store, new LatestResults(), clock,
                Duration.ofSeconds(5), IncidentBoard.of(incidents, maintenances));
        Badges badges = new Badges(() -> config, states, model::snapshot, store, clock, Duration.ofSeconds(30));
        incidents.open("Slow shop", IncidentStatus.IDENTIFIED, Impact.MINOR, "Slow pages.",
                Map.of("web", AffectedStatus.DEGRADED_PERFORMANCE));

        StatusSnapshot before = model.snapshot();
        Instant readAt = clock.instant();
        assertThat(before.delayed()).isFalse();
        assertThat(before.openIncidents()).hasSize(1);
        assertThat(model.history().incidents()).hasSize(1);

        pg.stop();
        awaitStorage(false);
        clock.advance(Duration.ofMinutes(3));

        StatusSnapshot during = timed("the snapshot", model::snapshot);
        assertThat(during).isNotSameAs(before);
        assertThat(during.generatedAt()).as("rebuilt from the live states").isEqualTo(clock.instant());
        assertThat(during.dataAsOf()).as("the stored part as last read").isEqualTo(readAt);
        assertThat(during.delayed()).isTrue();
        assertThat(during.openIncidents()).singleElement().satisfies(i -> assertThat(i.name()).isEqualTo("Slow shop"));
        assertThat(during.components().getFirst().status()).isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
        IncidentHistory history = timed("the history", model::history);
        assertThat(history.incidents()).hasSize(1);
        assertThat(StatusReadModel.delayed(history, clock.instant())).isTrue();
        assertThat(timed("the monitors", model::monitors)).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo(MonitorState.UP));
        Badge uptime = timed("an uptime badge never read", () -> badges.badge(Badges.Subject.MONITOR, "w", Badges.Kind.UPTIME,
                BadgeWindow.D30).orElseThrow());
        assertThat(uptime.value()).isEqualTo("unavailable");

        pg.startServer();
        awaitStorage(true);
        StatusSnapshot after = eventually(() -> {
            clock.advance(Duration.ofSeconds(6)); // past the snapshot's time to live
            return model.snapshot();
        }, s -> !s.delayed());
        assertThat(after.dataAsOf()).isAfter(readAt);
        assertThat(eventually(() -> badges.badge(Badges.Subject.MONITOR, "w", Badges.Kind.UPTIME, BadgeWindow.D30).orElseThrow(),
                b -> !b.value().equals("unavailable")).value()).isEqualTo("no data");
    }

    /** The first value that {@code until} accepts, read again every 200 ms for at most 30 s (the pool reconnects first). */
    private static <T> T eventually(Read<T> read, java.util.function.Predicate<T> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = read.get();
        while (!until.test(value)) {
            assertThat(System.nanoTime()).as("not within 30 s: %s", value).isLessThan(deadline);
            Thread.sleep(200);
            value = read.get();
        }
        return value;
    }

    private interface Read<T> {
        T get();
    }

    private static <T> T timed(String what, Read<T> read) {
        long start = System.nanoTime();
        T value = read.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("%s while the database is away", what).isLessThan(AT_ONCE);
        return value;
    }

    private void awaitStorage(boolean ok) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.health().status().ok() != ok) {
            assertThat(System.nanoTime()).as("storage ok = %s within 30 s", ok).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
