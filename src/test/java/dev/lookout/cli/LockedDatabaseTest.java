package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredHistory;
import dev.lookout.store.Stores;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running node whose SQLite database another process holds locked for writing, longer than
 * SQLite's busy timeout (an operator's {@code sqlite3} shell left inside a transaction, a copy
 * tool): the node says so on /readyz, the status page goes on answering, the checks go on with
 * their results in memory, and once the lock is let go every result of the lock is written once.
 */
class LockedDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private HttpServer target;
    private LookoutNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (target != null) {
            target.stop(0);
        }
    }

    @Test
    void a_database_locked_by_another_writer_is_reported_and_what_waited_is_written_once_after() throws Exception {
        target = Targets.answering200();
        Path db = dir.resolve("lookout.db");
        Path config = dir.resolve("lookout.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: site, name: Site }
                monitors:
                  - { id: site, component: site, type: http, url: "http://127.0.0.1:%d/", interval: 1s }
                """.formatted(db, target.getAddress().getPort()));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
        await("ready with results stored", () -> get("/readyz").statusCode() == 200 && storedResults(db).size() >= 2);

        Instant locked;
        Instant released;
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement lock = other.createStatement()) {
            lock.execute("BEGIN IMMEDIATE");
            locked = Instant.now();
            await("/readyz says the storage is locked", () -> {
                HttpResponse<String> ready = get("/readyz");
                return ready.statusCode() == 503 && ready.body().contains("locked by another writer");
            });
            assertThat(JSON.readTree(get("/readyz").body()).at("/storage/state").asText())
                    .isEqualTo("storage busy (locked by another writer)");
            assertThat(get("/").statusCode()).as("the status page answers from memory").isEqualTo(200);
            assertThat(get("/healthz").statusCode()).isEqualTo(200);
            Thread.sleep(2_000); // checks go on meanwhile: their results wait in memory
            lock.execute("ROLLBACK");
            released = Instant.now();
        }

        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        await("the results of the lock written", () -> storedResults(db).stream()
                .filter(r -> r.startedAt().isAfter(locked) && r.startedAt().isBefore(released)).count() >= 3);
        List<CheckResult> stored = storedResults(db);
        assertThat(stored.stream().map(CheckResult::startedAt)).as("every result written once").doesNotHaveDuplicates();
        assertThat(JSON.readTree(get("/readyz").body()).at("/storage/state").asText()).isEqualTo("ok");
    }

    private static List<CheckResult> storedResults(Path db) {
        try (Store store = Stores.open("sqlite:" + db, StoreOptions.defaults())) {
            return StoredHistory.results(store, "site", 1000);
        } catch (RuntimeException e) {
            return List.of(); // locked: not even a reader's migration check gets through
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return NodeHttp.get(node, path);
    }
}
