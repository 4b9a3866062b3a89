package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredHistory;
import dev.lookout.store.Stores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite file deleted under a running node, and the node restarted on an empty database
 * (issue 12): nothing is written to a database that is not Lookout's, /readyz and the refused
 * writes say what happened and which command accepts it, and once accepted the node writes what it kept in
 * memory, without a restart. The system channel hears of it at once, straight from the node (the
 * outbox is in the database that is held), with the command; and once more when it is accepted.
 */
class DatabaseReplacedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";
    private static final String TOKEN = "replaced-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private HttpServer target;
    private final RecordingReceiver receiver = new RecordingReceiver();
    private LookoutNode node;
    private Path config;
    private Path db;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (target != null) {
            target.stop(0);
        }
        receiver.close();
    }

    private void writeConfig() throws Exception {
        target = Targets.answering200();
        db = dir.resolve("data/lookout.db");
        config = dir.resolve("lookout.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s" }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: site, name: Site }
                monitors:
                  - { id: site, component: site, type: http, url: "http://127.0.0.1:%d/", interval: 1s }
                  - { id: agent, type: heartbeat, uuid: %s, schedule: { every: 1h, grace: 1h } }
                channels:
                  - { id: ops, type: webhook, url: "%s" }
                alerting: { system_channels: [ops] }
                """.formatted(TOKEN, db, target.getAddress().getPort(), AGENT, receiver.url("/ops")));
    }

    private LookoutNode startNode() throws Exception {
        CheckTypes types = CheckTypes.standard();
        return new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
    }

    @Test
    void a_file_deleted_under_a_running_node_is_held_until_accepted_and_nothing_is_lost() throws Exception {
        writeConfig();
        node = startNode();
        await("ready with results stored", () -> get("/readyz").statusCode() == 200 && storedResults().size() >= 2);

        deleteDatabase();
        Instant deleted = Instant.now();
        await("/readyz says the database was replaced", () -> get("/readyz").statusCode() == 503);
        JsonNode readyz = JSON.readTree(get("/readyz").body());
        assertThat(readyz.at("/problems/store").asText()).startsWith("database replaced since")
                .contains("was deleted while Lookout had it open").contains("lookout storage accept-new");
        assertThat(readyz.at("/storage/state").asText()).isEqualTo("database replaced");
        HttpResponse<String> ping = ping();
        assertThat(ping.statusCode()).isEqualTo(503);
        assertThat(ping.body()).isEqualTo("ping not stored, try again");
        HttpResponse<String> incident = post("/api/v1/incidents",
                "{\"name\":\"Trouble\",\"status\":\"investigating\",\"body\":\"Looking\"}");
        assertThat(incident.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(incident.body()).at("/error").asText()).contains("database replaced");
        Thread.sleep(2_000); // checks go on; their results wait in memory, none goes to a file nobody will read
        assertThat(db).doesNotExist();
        await("the message on the system channel, without waiting for storage_alarm_after (1m)",
                () -> receiver.requests().size() == 1);
        JsonNode said = receiver.requests().getFirst().json();
        assertThat(said.at("/kind").asText()).isEqualTo("monitoring-side-failure");
        assertThat(said.at("/text").asText()).contains("holds its writes: database replaced since")
                .contains("was deleted while Lookout had it open").contains("accepts it with `lookout storage accept-new`");

        RunningLookout.Run accept = acceptOnline();
        assertThat(accept.out()).contains("accepted SQLite database " + db).contains("was deleted while Lookout had it open");

        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        assertThat(ping().statusCode()).isEqualTo(200);
        await("the acceptance said as the recovery", () -> receiver.requests().size() == 2);
        assertThat(receiver.requests().get(1).json().at("/kind").asText()).isEqualTo("recovered");
        assertThat(receiver.requests().get(1).json().at("/text").asText()).contains("the new database was accepted");
        await("the results of the outage written to the accepted database", () -> storedResults().stream()
                .anyMatch(r -> r.startedAt().isAfter(deleted.plusSeconds(1))));
        RunningLookout.Run again = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", TOKEN), "", "storage",
                "accept-new", "--url", "http://127.0.0.1:" + node.port());
        assertThat(again.exit()).isEqualTo(AdminCommand.EXIT_REFUSED);
        assertThat(again.err()).contains("HTTP 409").contains("nothing to accept");

        node.close();
        node = startNode(); // remembered: starts without a word
        await("ready after a restart", () -> get("/readyz").statusCode() == 200);
        assertThat(receiver.requests()).as("a restart says nothing").hasSize(2);
    }

    @Test
    void a_node_restarted_on_an_emptied_database_runs_held_until_accepted_and_loses_nothing() throws Exception {
        runUntilResultsAreStored();
        deleteDatabase();

        node = startNode(); // not a fresh start, and not a refusal: checks and the page go on, nothing is written
        Instant started = Instant.now();
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(ready.body()).at("/problems/store").asText()).startsWith("database replaced since")
                .contains("the database is empty").contains("lookout storage accept-new");
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Site");
        assertThat(ping().statusCode()).isEqualTo(503);
        await("the system channel told, straight from the node", () -> !receiver.requests().isEmpty());
        assertThat(receiver.requests().getFirst().json().at("/text").asText()).contains("the database is empty")
                .contains("lookout storage accept-new");
        Thread.sleep(2_000); // checks go on meanwhile, their results wait in memory
        assertThat(receiver.requests()).as("one message, not one per second").hasSize(1);
        try (var tables = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db).createStatement()
                .executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            assertThat(tables.getInt(1)).as("nothing written to the held database").isZero();
        }

        acceptOnline();
        await("/readyz ready on the accepted database", () -> get("/readyz").statusCode() == 200);
        await("the results of the held time written to it", () -> storedResults().stream()
                .anyMatch(r -> r.startedAt().isBefore(started.plusSeconds(2)) && r.startedAt().isAfter(started.minusSeconds(5))));
        assertThat(ping().statusCode()).isEqualTo(200);
        await("the acceptance said as the end of it", () -> receiver.requests().size() == 2);

        node.close();
        node = startNode(); // remembered now: a plain start
        await("ready after a restart", () -> get("/readyz").statusCode() == 200);
    }

    /** A backup restored over the file while Lookout was stopped: the same database id, but behind what this node saw. */
    @Test
    void an_older_copy_restored_while_stopped_is_held_until_accepted() throws Exception {
        runUntilResultsAreStored();
        Path backup = dir.resolve("backup.db");
        Files.copy(db, backup); // a clean stop leaves everything in the main file
        int before = storedResults().size();
        node = startNode();
        await("more results stored after the backup", () -> storedResults().size() >= before + 3);
        node.close();
        node = null;
        deleteDatabase();
        Files.copy(backup, db);

        node = startNode();
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(ready.body()).at("/problems/store").asText()).startsWith("database replaced since")
                .contains("an older copy of the database").contains("lookout storage accept-new");
        await("the system channel told", () -> !receiver.requests().isEmpty());
        assertThat(receiver.requests().getFirst().json().at("/text").asText()).contains("an older copy of the database");
        assertThat(get("/").statusCode()).isEqualTo(200);

        acceptOnline();
        await("/readyz ready on the restored copy", () -> get("/readyz").statusCode() == 200);
    }

    /** The offline form, for a node that is stopped: accepts the database as it is now, and the next start is plain. */
    @Test
    void a_stopped_node_accepts_an_emptied_database_offline() throws Exception {
        runUntilResultsAreStored();
        deleteDatabase();

        RunningLookout.Run accept = RunningLookout.runWith(Map.of(), "", "storage", "accept-new", "--offline",
                "--config", config.toString());
        assertThat(accept.exit()).as(accept.err()).isZero();
        assertThat(accept.out()).contains("accepted SQLite database " + db);
        node = startNode();
        await("ready on the accepted database", () -> get("/readyz").statusCode() == 200);
        assertThat(receiver.requests()).as("nothing to tell: the operator accepted it before the start").isEmpty();
    }

    /** A node that ran, stored results, and was stopped cleanly: it remembers its database. */
    private void runUntilResultsAreStored() throws Exception {
        writeConfig();
        node = startNode();
        await("results stored", () -> storedResults().size() >= 1);
        node.close();
        node = null;
    }

    /** {@code lookout storage accept-new} against the running node, as an operator runs it. */
    private RunningLookout.Run acceptOnline() {
        RunningLookout.Run accept = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", TOKEN), "", "storage",
                "accept-new", "--url", "http://127.0.0.1:" + node.port());
        assertThat(accept.exit()).as(accept.err()).isZero();
        return accept;
    }

    private void deleteDatabase() throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
    }

    private List<CheckResult> storedResults() {
        if (!Files.exists(db)) {
            return List.of(); // opening it would create it
        }
        try (Store store = Stores.open("sqlite:" + db, StoreOptions.defaults())) {
            return StoredHistory.results(store, "site", 1000);
        }
    }

    private HttpResponse<String> ping() throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/ping/" + AGENT)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return NodeHttp.get(node, path);
    }

    private URI uri(String path) {
        return NodeHttp.uri(node, path);
    }
}
