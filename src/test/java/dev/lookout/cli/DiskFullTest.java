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
import dev.lookout.store.SmallFilesystem;
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
 * A running node whose SQLite database lives on a real, small file system that fills up and then
 * gets space again (issue 12): the node says "disk full" on /readyz within seconds, refuses writes
 * with a 503 that says why (never a 500), keeps the check results in memory, and heals by itself
 * once there is space: no restart, and the results of the outage are in the database afterwards.
 * The system channel hears of it once, straight from the node (the outbox is in that database),
 * and once more when it is over.
 */
class DiskFullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";
    private static final String TOKEN = "disk-full-token-0123456789abcdef";
    /** How long a fault or its end may take to show: the probe looks every second; a busy CI box is slow. */

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;
    private SmallFilesystem disk;
    private HttpServer target;
    private RecordingReceiver receiver;
    private LookoutNode node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void a_full_disk_is_reported_refused_cleanly_said_once_and_healed_without_a_restart() throws Exception {
        receiver = new RecordingReceiver();
        disk = SmallFilesystem.mount(dir, 24);
        Path db = disk.root().resolve("lookout.db");
        target = Targets.answering200();
        Path config = dir.resolve("lookout.yaml");
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
                alerting: { system_channels: [ops], storage_alarm_after: 2s }
                """.formatted(TOKEN, db, target.getAddress().getPort(), AGENT, receiver.url("/ops")));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
        await("ready with results stored", () -> get("/readyz").statusCode() == 200 && storedResults(db).size() >= 2);

        disk.fill();
        Instant full = Instant.now();
        // Pings with bodies make the database grow until SQLite meets the full disk.
        await("/readyz says disk full", () -> {
            ping(8_000);
            HttpResponse<String> ready = get("/readyz");
            return ready.statusCode() == 503 && ready.body().contains("disk full");
        });
        JsonNode readyz = JSON.readTree(get("/readyz").body());
        assertThat(readyz.at("/status").asText()).isEqualTo("unready");
        assertThat(readyz.at("/problems/store").asText()).startsWith("disk full since");
        assertThat(readyz.at("/storage/state").asText()).isEqualTo("disk full");

        HttpResponse<String> ping = ping(100);
        assertThat(ping.statusCode()).isEqualTo(503);
        assertThat(ping.body()).isEqualTo("ping not stored, try again");
        HttpResponse<String> incident = http.send(HttpRequest.newBuilder(uri("/api/v1/incidents"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Disk trouble\",\"status\":\"investigating\","
                        + "\"body\":\"Looking\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(incident.statusCode()).isEqualTo(503);
        assertThat(incident.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(incident.body()).at("/error").asText()).contains("disk full");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        await("the storage alarm on the system channel", () -> receiver.requests().size() == 1);
        JsonNode alarm = receiver.requests().getFirst().json();
        assertThat(alarm.at("/kind").asText()).isEqualTo("monitoring-side-failure");
        assertThat(alarm.at("/text").asText()).contains("cannot write to its storage: disk full since")
                .contains("wait in memory").contains("Checks go on");
        assertThat(receiver.requests().getFirst().header("X-Lookout-Delivery")).isEqualTo(alarm.at("/id").asText());
        assertThat(get("/metrics").body()).contains("lookout_storage_alarm_active 1.0");

        Thread.sleep(3_000); // checks go on meanwhile: their results wait in memory
        assertThat(receiver.requests()).as("one message per outage").hasSize(1);
        disk.free();
        Instant freed = Instant.now();
        await("/readyz ready again", () -> get("/readyz").statusCode() == 200);
        assertThat(ping(100).statusCode()).isEqualTo(200);
        await("the results of the outage written", () -> storedResults(db).stream()
                .anyMatch(r -> r.startedAt().isAfter(full.plusSeconds(1)) && r.startedAt().isBefore(freed)));
        JsonNode after = JSON.readTree(get("/readyz").body());
        assertThat(after.at("/storage/state").asText()).isEqualTo("ok");
        assertThat(after.at("/storage/dropped_when_full").asLong(-1)).isZero();

        await("the recovery on the system channel", () -> receiver.requests().size() == 2);
        JsonNode back = receiver.requests().get(1).json();
        assertThat(back.at("/kind").asText()).isEqualTo("recovered");
        assertThat(back.at("/id").asText()).isNotEqualTo(alarm.at("/id").asText());
        assertThat(back.at("/text").asText()).containsPattern("writes to its storage again after \\d+s \\(disk full since")
                .containsPattern("[1-9][0-9,]* results, state changes and notifications waited in memory")
                .contains("0 results were dropped because the buffer was full");
        assertThat(get("/metrics").body()).contains("lookout_storage_alarm_active 0.0")
                .contains("lookout_storage_alarm_messages_total{result=\"delivered\"} 2.0");
        Thread.sleep(2_000);
        assertThat(receiver.requests()).as("nothing more").hasSize(2);
    }

    private List<CheckResult> storedResults(Path db) {
        try (Store store = Stores.open("sqlite:" + db, StoreOptions.defaults())) {
            return StoredHistory.results(store, "site", 1000);
        } catch (RuntimeException e) {
            return List.of(); // the disk is full: not even a reader can open it
        }
    }

    private HttpResponse<String> ping(int bodyBytes) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/ping/" + AGENT)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(bodyBytes))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return NodeHttp.get(node, path);
    }

    private URI uri(String path) {
        return NodeHttp.uri(node, path);
    }
}
