package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.heartbeat.ManualTime;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.StoredHistory;
import dev.lookout.store.StoredPings;
import dev.lookout.store.Stores;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Late, down and back up: deadlines of heartbeat monitors with a clock the test moves, pings
 * over real HTTP and a real SQLite file.
 */
class HeartbeatDeadlineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGENT = "5f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";
    private static final String BACKUP = "6f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";
    private static final String REPORT = "7f1a2c3e-8a7b-4c1d-9e2f-0a1b2c3d4e5f";

    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private ManualTime time;
    private LookoutNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void start(Instant at) throws Exception {
        time = new ManualTime(at);
        restart();
    }

    /** A new node on the same database and the same manual time (the clock keeps going). */
    private void restart() throws Exception {
        if (node != null) {
            node.close();
        }
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0", node_name: test-node }
                storage: { url: "sqlite:%s" }
                monitors:
                  - { id: agent, type: heartbeat, uuid: %s, schedule: { every: 30s, grace: 15s } }
                  - id: backup
                    type: heartbeat
                    uuid: %s
                    schedule: { cron: "0 3 * * *", timezone: Europe/Paris, grace: 1h }
                  - id: report
                    type: heartbeat
                    uuid: %s
                    schedule: { every: 1d, grace: 30m }
                    conditions: [ "duration < 10m", "exit_code == 0" ]
                """.formatted(dir.resolve("data/lookout.db"), AGENT, BACKUP, REPORT));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file), time, time).start();
    }

    private HttpResponse<String> ping(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/ping/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode monitor(String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/v1/monitors/" + id))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private String heartbeatState(String id) throws Exception {
        return monitor(id).path("heartbeat").path("state").asText();
    }

    @Test
    void an_every_schedule_is_late_at_due_down_after_grace_and_up_again_on_a_ping() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(heartbeatState("agent")).isEqualTo("new");
        time.advance(Duration.ofHours(2));
        assertThat(heartbeatState("agent")).as("a monitor that never pinged is not down").isEqualTo("new");

        assertThat(ping(AGENT).body()).isEqualTo("OK");
        JsonNode agent = monitor("agent");
        assertThat(agent.path("state").asText()).isEqualTo("up");
        assertThat(agent.path("heartbeat").path("next_due").asText()).isEqualTo("2026-03-10T14:00:30Z");
        assertThat(agent.path("heartbeat").path("down_at").asText()).isEqualTo("2026-03-10T14:00:45Z");

        time.advance(Duration.ofSeconds(29));
        assertThat(heartbeatState("agent")).isEqualTo("up");
        time.advance(Duration.ofSeconds(1));
        assertThat(heartbeatState("agent")).isEqualTo("late");
        assertThat(monitor("agent").path("state").asText()).as("late is within grace: no outage yet").isEqualTo("up");
        time.advance(Duration.ofSeconds(14));
        assertThat(heartbeatState("agent")).isEqualTo("late");
        time.advance(Duration.ofSeconds(1));
        agent = monitor("agent");
        assertThat(agent.path("heartbeat").path("state").asText()).isEqualTo("down");
        assertThat(agent.path("state").asText()).isEqualTo("down");
        assertThat(agent.path("last_result").path("message").asText())
                .isEqualTo("no ping since 2026-03-10T14:00:00Z, expected every 30s + 15s grace");
        assertThat(agent.path("last_result").path("started_at").asText()).isEqualTo("2026-03-10T14:00:45Z");

        time.advance(Duration.ofMinutes(10));
        ping(AGENT);
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
        assertThat(heartbeatState("agent")).isEqualTo("up");
    }

    @Test
    void pings_before_the_deadline_keep_the_monitor_up() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        for (int i = 0; i < 10; i++) {
            ping(AGENT);
            time.advance(Duration.ofSeconds(40)); // late every time, never past the grace
        }
        assertThat(heartbeatState("agent")).isEqualTo("late");
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
    }

    @Test
    void a_cron_schedule_follows_the_time_zone_across_a_daylight_saving_change() throws Exception {
        // Saturday 2026-03-28 03:05 in Paris (CET, UTC+1); Paris moves to CEST (UTC+2) that night
        start(Instant.parse("2026-03-28T02:05:00Z"));
        ping(BACKUP);
        JsonNode backup = monitor("backup");
        assertThat(backup.path("heartbeat").path("schedule").asText()).isEqualTo("cron '0 3 * * *' (Europe/Paris)");
        assertThat(backup.path("heartbeat").path("next_due").asText()).isEqualTo("2026-03-29T01:00:00Z");
        assertThat(backup.path("heartbeat").path("down_at").asText()).isEqualTo("2026-03-29T02:00:00Z");

        time.advanceTo(Instant.parse("2026-03-29T00:59:59Z"));
        assertThat(heartbeatState("backup")).isEqualTo("up");
        time.advanceTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(heartbeatState("backup")).as("03:00 CEST").isEqualTo("late");
        time.advanceTo(Instant.parse("2026-03-29T01:59:59Z"));
        assertThat(monitor("backup").path("state").asText()).isEqualTo("up");
        time.advanceTo(Instant.parse("2026-03-29T02:00:00Z"));
        assertThat(monitor("backup").path("state").asText()).isEqualTo("down");
        assertThat(monitor("backup").path("last_result").path("message").asText())
                .isEqualTo("no ping since 2026-03-28T02:05:00Z, expected cron '0 3 * * *' (Europe/Paris) + 1h grace");

        // the job runs late, at 03:30 CEST; the next run is due at 03:00 CEST the day after
        time.advanceTo(Instant.parse("2026-03-29T01:30:00Z").plus(Duration.ofHours(1)));
        ping(BACKUP);
        assertThat(monitor("backup").path("state").asText()).isEqualTo("up");
        assertThat(monitor("backup").path("heartbeat").path("next_due").asText()).isEqualTo("2026-03-30T01:00:00Z");
    }

    @Test
    void a_run_that_started_and_never_finished_goes_down_after_the_grace() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        ping(REPORT + "/start");
        JsonNode report = monitor("report");
        assertThat(report.path("heartbeat").path("running_since").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(report.path("heartbeat").path("down_at").asText()).isEqualTo("2026-03-10T12:30:00Z");
        time.advance(Duration.ofMinutes(30));
        report = monitor("report");
        assertThat(report.path("state").asText()).isEqualTo("down");
        assertThat(report.path("last_result").path("message").asText())
                .isEqualTo("started at 2026-03-10T12:00:00Z and did not finish within the 30m grace");
    }

    @Test
    void records_the_run_duration_and_judges_it_with_conditions() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        ping(REPORT + "/start");
        time.advance(Duration.ofMinutes(5));
        ping(REPORT + "/0");
        JsonNode report = monitor("report");
        assertThat(report.path("state").asText()).isEqualTo("up");
        assertThat(report.path("heartbeat").path("last_duration_ms").asLong()).isEqualTo(300_000);
        assertThat(report.path("last_result").path("conditions").get(0).path("actual").asText()).isEqualTo("5m");

        time.advance(Duration.ofHours(1));
        ping(REPORT + "/start");
        time.advance(Duration.ofMinutes(11));
        ping(REPORT + "/0");
        report = monitor("report");
        assertThat(report.path("state").asText()).isEqualTo("down");
        assertThat(report.path("last_result").path("message").asText()).isEqualTo("duration < 10m failed (actual: 11m)");
        assertThat(StoredPings.sqlite(dir.resolve("data/lookout.db")).last("report", 1).getFirst().durationMs())
                .isEqualTo(660_000);
    }

    @Test
    void a_restart_gives_a_fresh_grace_instead_of_blaming_the_job_for_lookouts_downtime() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        ping(AGENT);
        node.close();
        node = null;
        time.advance(Duration.ofMinutes(5)); // Lookout was down; the agent's pings went nowhere
        restart();
        JsonNode agent = monitor("agent");
        assertThat(agent.path("state").asText()).isEqualTo("up");
        assertThat(agent.path("heartbeat").path("last_ping").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(agent.path("heartbeat").path("down_at").asText()).isEqualTo("2026-03-10T12:05:45Z");
        time.advance(Duration.ofSeconds(44));
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
        time.advance(Duration.ofSeconds(1));
        assertThat(monitor("agent").path("state").asText()).isEqualTo("down");

        node.close();
        node = null;
        restart();
        assertThat(monitor("agent").path("state").asText()).as("a monitor that was down stays down").isEqualTo("down");
        assertThat(heartbeatState("agent")).isEqualTo("down");
    }

    /** What a kill -9 leaves: the pings are committed, the memory of the trackers is as it was at the last save. */
    private void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/lookout.db"));
             Statement sql = connection.createStatement()) {
            sql.executeUpdate(statement);
        }
    }

    @Test
    void a_crash_before_the_first_save_of_the_memory_loses_no_ping() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        String rid = "?rid=0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";
        ping(REPORT + "/start" + rid);
        time.advance(Duration.ofMinutes(2));
        ping(AGENT);
        node.close();
        node = null;
        sql("DELETE FROM heartbeat_memory"); // never saved: every stored ping is replayed

        restart();
        JsonNode agent = monitor("agent");
        assertThat(agent.path("state").asText()).isEqualTo("up");
        assertThat(agent.path("heartbeat").path("last_ping").asText()).isEqualTo("2026-03-10T12:02:00Z");
        JsonNode report = monitor("report");
        assertThat(report.path("heartbeat").path("last_ping").asText()).isEqualTo("2026-03-10T12:00:00Z");
        time.advance(Duration.ofMinutes(1));
        ping(REPORT + "/0" + rid);
        assertThat(monitor("report").path("heartbeat").path("last_duration_ms").asLong())
                .as("the run opened before the crash is closed by its end ping (timed from the restart, which gave it a fresh grace)")
                .isEqualTo(60_000);
        assertThat(monitor("report").path("state").asText()).isEqualTo("up");
    }

    @Test
    void pings_received_after_the_last_save_are_replayed_on_the_saved_memory() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        ping(AGENT);
        node.close(); // saves the memory: last ping 12:00:00, saved at 12:00:00
        node = null;
        restart();
        time.advance(Duration.ofMinutes(10));
        ping(AGENT); // 12:10:00
        node.close();
        node = null;
        // As if Lookout died at 12:10:01, its last save (at 12:09:59) before that ping
        sql("UPDATE heartbeat_memory SET last_ping = " + Instant.parse("2026-03-10T12:00:00Z").toEpochMilli()
                + ", saved_at = " + Instant.parse("2026-03-10T12:09:59Z").toEpochMilli() + " WHERE monitor_id = 'agent'");

        restart();
        assertThat(monitor("agent").path("heartbeat").path("last_ping").asText()).isEqualTo("2026-03-10T12:10:00Z");
    }

    @Test
    void stores_every_ping_but_one_result_per_period_while_the_verdict_stays_the_same() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        for (int i = 0; i < 6; i++) {
            ping(AGENT); // 0s .. 25s: one period of 30s
            time.advance(Duration.ofSeconds(5));
        }
        ping(AGENT); // 30s: a new period
        ping(AGENT + "/fail"); // a different verdict is never held back
        node.close();
        node = null;
        assertThat(StoredPings.sqlite(dir.resolve("data/lookout.db")).count("agent")).isEqualTo(8);
        try (Store store = Stores.open("sqlite:" + dir.resolve("data/lookout.db"), StoreOptions.defaults())) {
            assertThat(StoredHistory.results(store, "agent", 10)).extracting(r -> r.outcome().name() + " " + r.startedAt())
                    .containsExactly("FAILED 2026-03-10T12:00:30Z", "OK 2026-03-10T12:00:30Z", "OK 2026-03-10T12:00:00Z");
        }
    }

    /**
     * While pings cannot be stored (they are answered 503), a missing ping says nothing about the
     * job: the deadline holds, and once the storage is back the job gets a fresh grace.
     */
    @Test
    void a_deadline_that_passes_while_pings_cannot_be_stored_waits_and_then_gives_a_fresh_grace() throws Exception {
        start(Instant.parse("2026-03-10T12:00:00Z"));
        assertThat(ping(AGENT).body()).isEqualTo("OK");
        Path db = dir.resolve("data/lookout.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(db + suffix));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ping(AGENT).statusCode() != 503) { // the health probe notices within a second
            assertThat(System.nanoTime()).as("pings refused once the file is gone").isLessThan(deadline);
            Thread.sleep(100);
        }

        time.advance(Duration.ofMinutes(5)); // far past due (30 s) + grace (15 s)

        node.acceptNewDatabase();
        assertThat(heartbeatState("agent")).as("not down while pings could not be stored").isEqualTo("late");
        assertThat(monitor("agent").path("state").asText()).isEqualTo("up");
        time.advance(Duration.ofSeconds(5)); // the held deadline looks again: a fresh 15 s grace from now
        assertThat(heartbeatState("agent")).isEqualTo("late");
        time.advance(Duration.ofSeconds(14));
        assertThat(heartbeatState("agent")).isEqualTo("late");
        time.advance(Duration.ofSeconds(1));
        assertThat(heartbeatState("agent")).isEqualTo("down");
    }
}
