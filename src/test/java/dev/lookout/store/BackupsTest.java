package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.cluster.Members;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.storage.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lookout backup / restore on both databases: a copy taken while Lookout writes, put back after
 * more was written, is what Lookout starts on, accepted, not held as an older copy.
 */
class BackupsTest {
    /** Now: older results would be purged by the retention when the store opens. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private static SharedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void createDatabase() throws Exception {
        postgres = SharedPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        postgres.close();
    }

    private StoreOptions options() {
        return StoreOptions.defaults().withNode("node-a").withStateFile(dir.resolve("lookout.state"))
                .withFlushInterval(Duration.ofMillis(20));
    }

    /** The database's identity mark, read beside the running store. */
    private static long mark(String url) throws SQLException {
        try (Connection connection = url.startsWith("sqlite:") ? DriverManager.getConnection("jdbc:" + url) : postgres.connect(url)) {
            return DatabaseIdentity.read(connection).orElseThrow().mark();
        }
    }

    private static CheckResult result(Instant at) {
        return new CheckResult("api", at, Outcome.OK, "", Timings.totalOnly(1_000), List.of());
    }

    @Test
    void sqlite_copy_taken_while_writing_is_restored_and_accepted() throws Exception {
        backUpAndRestore("sqlite:" + dir.resolve("data/lookout.db"));
    }

    @Test
    void postgresql_copy_by_pg_dump_is_restored_by_pg_restore_and_accepted() throws Exception {
        backUpAndRestore(postgres.newSchemaUrl());
    }

    private void backUpAndRestore(String url) throws Exception {
        Path copy = dir.resolve("backup.copy");
        try (Store store = Stores.open(url, options())) {
            store.append(result(T0));
            store.flush();
            Backups.Copy written = Backups.backup(url, copy); // Lookout is running: a consistent copy all the same
            long copied = mark(url); // the copy's, or already past it
            assertThat(written.bytes()).isPositive();
            assertThatThrownBy(() -> Backups.backup(url, copy)).isInstanceOf(StoreException.class).hasMessageContaining("exists");
            store.append(result(T0.plusSeconds(60))); // after the copy
            store.flush();
            // The health probe raises the database's mark every second: once past the copy's, the copy is older.
            await().atMost(Duration.ofSeconds(30)).until(() -> mark(url) > copied);

            Members members = store.members();
            assertThat(members.beat(new Members.Beat("node-a", "instance-1", "test", "hash", 1), Duration.ofSeconds(5))).isTrue();
            assertThatThrownBy(() -> Backups.restore(url, copy, options())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("Lookout is running").hasMessageContaining("node-a");
            assertThat(store.lastResult("api")).map(CheckResult::startedAt).as("refused: nothing changed")
                    .contains(T0.plusSeconds(60));
            members.leave("node-a", "instance-1");
        }

        Path garbage = Files.writeString(dir.resolve("not-a-backup"), "hello");
        assertThatThrownBy(() -> Backups.restore(url, garbage, options())).isInstanceOf(StoreException.class);

        String restored = Backups.restore(url, copy, options());
        assertThat(restored).isNotBlank();
        try (Store store = Stores.open(url, options())) { // not held: the restore accepted the older copy
            assertThat(store.health().status().replaced()).isFalse();
            assertThat(store.lastResult("api")).map(CheckResult::startedAt).as("what the copy held, not what came after")
                    .contains(T0);
        }
    }
}
