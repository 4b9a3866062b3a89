package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.storage.DatabaseMismatchException;
import dev.lookout.storage.StorageFault;
import dev.lookout.storage.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookout notices when its database is not the one it was using (issue 12): emptied while it is
 * stopped or while it runs, another database behind the same URL, an older copy. It then writes
 * nothing to it, says what happened, and goes on once an operator accepts the database, writing
 * what waited in memory. Runs against real SQLite files and a real PostgreSQL.
 */
abstract class DatabaseIdentityContract {

    @TempDir
    Path dir;
    private final List<Store> opened = new ArrayList<>();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private int results;

    /** A new, empty database's store URL. */
    abstract String newDatabaseUrl() throws Exception;

    /** Empties the database the way an operator or an accident would (file deleted, schema dropped). */
    abstract void wipe(String url) throws Exception;

    /** Whether Lookout's tables exist in the database (read directly, not through a store). */
    abstract boolean hasTables(String url) throws Exception;

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    Store open(String url, Path stateFile) {
        Store store = Stores.open(url, StoreOptions.defaults().withStateFile(stateFile));
        opened.add(store);
        return store;
    }

    Store openAccepting(String url, Path stateFile) {
        Store store = Stores.open(url, StoreOptions.defaults().withStateFile(stateFile).acceptingNewDatabase());
        opened.add(store);
        return store;
    }

    CheckResult nextResult() {
        return new CheckResult("api", start.plusSeconds(results++), Outcome.OK, "", Timings.totalOnly(1_000), List.of());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void a_database_emptied_while_lookout_was_stopped_is_refused_until_accepted() throws Exception {
        String url = newDatabaseUrl();
        Path state = dir.resolve("node.identity");
        Store first = open(url, state);
        first.append(nextResult());
        first.flush();
        first.close();
        wipe(url);

        assertThatThrownBy(() -> open(url, state))
                .isInstanceOf(DatabaseMismatchException.class)
                .hasMessageContaining("the database is empty")
                .hasMessageContaining("Nothing was written to it")
                .hasMessageContaining("lookout storage accept-new");
        assertThat(hasTables(url)).as("nothing written to the refused database").isFalse();

        Store accepted = openAccepting(url, state);
        assertThat(StoredHistory.results(accepted, "api", 10)).isEmpty();
        accepted.append(nextResult());
        accepted.flush();
        accepted.close();
        assertThat(StoredHistory.results(open(url, state), "api", 10)).hasSize(1); // remembered: opens without a word
    }

    @Test
    void a_database_emptied_while_lookout_runs_is_held_and_what_waited_is_written_once_accepted() throws Exception {
        String url = newDatabaseUrl();
        Path state = dir.resolve("node.identity");
        Store store = open(url, state);
        store.append(nextResult());
        store.flush();

        wipe(url);
        await("the storage held as replaced", () -> store.health().status().replaced());
        assertThat(store.alerts().held()).as("alerting restores nothing from it").isTrue();
        CheckResult during = nextResult();
        store.append(during);
        assertThatThrownBy(store::checkWritable).isInstanceOf(StoreException.class).hasMessageContaining("database replaced");
        assertThatThrownBy(() -> StoredHistory.results(store, "api", 10)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(DatabaseErrors.fault(e)).isEqualTo(StorageFault.REPLACED));
        Thread.sleep(1_500); // the writer and the probe had time to write, and must not have
        assertThat(store.pendingWrites()).isEqualTo(1);
        assertThat(hasTables(url)).as("nothing written to the replaced database").isFalse();
        assertThat(store.health().problem()).hasValueSatisfying(p -> assertThat(p).startsWith("database replaced since"));

        store.acceptNewDatabase();
        assertThat(store.health().status().ok()).isTrue();
        assertThat(store.alerts().held()).isFalse();
        store.flush();
        assertThat(StoredHistory.results(store, "api", 10)).extracting(CheckResult::startedAt).containsExactly(during.startedAt());
        assertThat(store.stats().dropped()).isZero();
    }

    @Test
    void another_lookout_database_behind_the_same_url_is_refused() throws Exception {
        String url = newDatabaseUrl();
        Path state = dir.resolve("node.identity");
        open(url, state).close();
        wipe(url);
        open(url, dir.resolve("another-node.identity")).close(); // someone else's Lookout made a database there

        assertThatThrownBy(() -> open(url, state))
                .isInstanceOf(DatabaseMismatchException.class)
                .hasMessageContaining("this is another database");
    }

    @Test
    void pointing_lookout_at_another_url_on_purpose_is_not_a_mismatch() throws Exception {
        Path state = dir.resolve("node.identity");
        open(newDatabaseUrl(), state).close();
        Store other = open(newDatabaseUrl(), state);
        assertThat(other.health().status().ok()).isTrue();
    }
}
