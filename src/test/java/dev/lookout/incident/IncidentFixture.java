package dev.lookout.incident;

import dev.lookout.heartbeat.ManualTime;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** A real SQLite store in a temporary directory, a hand-moved clock and three configured components. */
final class IncidentFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    static final Set<String> COMPONENTS = Set.of("web", "api", "db");

    final ManualTime clock = new ManualTime(START);
    final Store store;

    IncidentFixture(Path dir) {
        store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withClock(clock));
    }

    Incidents incidents() {
        return new Incidents(store.incidents(), () -> COMPONENTS, clock);
    }

    Maintenances maintenances() {
        return new Maintenances(store.incidents(), () -> COMPONENTS, clock);
    }

    @Override
    public void close() {
        store.close();
    }
}
