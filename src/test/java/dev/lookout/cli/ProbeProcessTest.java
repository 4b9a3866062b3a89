package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.RecordingReceiver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's remote probes with real processes: {@code lookout serve} and {@code lookout probe}
 * each in a JVM of its own. The probe checks the monitors assigned to it and its results are
 * stored with its name; a wrong token is refused; while its server is away it buffers on disk and
 * afterwards replays every result once, in order; a silent probe is one system alert, and one when
 * it is back; a revoked token stops it on its next request; with two servers on one PostgreSQL it
 * moves to the other when one is killed.
 */
class ProbeProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PROBES = """
            probes:
              - { name: probe-eu, region: eu, silent_after: 10s }
            """;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final List<ProbeProcess> probes = new ArrayList<>();

    @AfterEach
    void stopProbes() throws InterruptedException {
        for (ProbeProcess probe : probes) {
            probe.destroy();
        }
    }

    private String sections(int target) {
        return PROBES + cluster.webhook() + """
                monitors:
                  - { id: api, type: http, url: "http://127.0.0.1:%d/api", interval: 1s, timeout: 500ms, vantage: { from: [server, eu] } }
                  - { id: web, type: http, url: "http://127.0.0.1:%d/web", interval: 1s, timeout: 500ms, vantage: { from: [eu] } }
                  - { id: here, type: http, url: "http://127.0.0.1:%d/here", interval: 1s, timeout: 500ms }
                  - { id: secret, type: http, url: "http://127.0.0.1:%d/secret", headers: { X-Home: "${HOME}" }, interval: 1s,
                      timeout: 500ms, vantage: { from: [eu] } }
                """.formatted(target, target, target, target);
    }

    @Test
    void a_probe_buffers_while_its_server_is_away_replays_each_result_once_and_is_one_alert_when_silent() throws Exception {
        Path database = cluster.dir().resolve("data/lookout.db");
        cluster.useStore("sqlite:" + database);
        NodeProcess node = cluster.start("node-a", sections(cluster.target(id -> 200)));
        Path config = cluster.dir().resolve("node-a-0.yaml");
        List<String> server = List.of("http://127.0.0.1:" + node.uri("/").getPort());

        ProbeProcess stranger = probe(server, "stranger");
        stranger.start("lkp_" + "A".repeat(43));
        assertThat(stranger.exit(WAIT)).isEqualTo(1);
        assertThat(stranger.log()).contains("lookout probe: " + server.getFirst() + " refused (HTTP 401): unknown probe token");

        String token = ProbeProcess.cli("probe-token", "create", "probe-eu", "--config", config.toString());
        // ${HOME} of monitor 'secret' is the server's own: this probe's environment lacks it
        ProbeProcess probe = probe(server, "eu").withEnvironment("HOME", null).start(token);
        eventually("the probe's results are stored with its name", () -> count(database, "monitor_id = 'web'") >= 2
                && count(database, "monitor_id = 'api'") >= 2);
        eventually("the servers hear which monitor it cannot check, and why", () -> node.get("/api/v1/monitors/secret/vantage")
                .body().contains("\"cannot_check\":"));
        assertThat(node.get("/api/v1/monitors/secret/vantage").body())
                .contains("\"cannot_check\":\"monitors[0].headers.X-Home: environment variable HOME is not set");
        assertThat(node.logTail(10_000)).contains("probe probe-eu cannot check 1 of its monitors: secret (monitors[0].headers.X-Home:");
        assertThat(count(database, "monitor_id = 'here'")).as("only its monitors").isZero();

        node.stop();
        eventually("the probe notices", () -> probe.log().contains("no server answered"));
        long before = count(database, "1 = 1");
        eventually("it keeps checking meanwhile", () -> probe.log().split("no server answered").length > 3);
        node.restart();
        eventually("what it checked meanwhile arrives", () -> count(database, "1 = 1") > before + 4);
        assertThat(probe.stop()).as("SIGTERM: exit 0").isZero();
        assertThat(probe.log()).contains("0 results wait in");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*), count(DISTINCT probe_seq), min(probe_seq), max(probe_seq),"
                     + " count(DISTINCT monitor_id || started_at) FROM check_results WHERE node = 'probe-eu'")) {
            row.next();
            assertThat(row.getLong(1)).as("none twice, none missing: 1..max, once each").isEqualTo(row.getLong(2))
                    .isEqualTo(row.getLong(4)).isEqualTo(row.getLong(5));
            assertThat(row.getLong(3)).isEqualTo(1);
        }

        eventually("the probe's silence is said", () -> !said("Probe probe-eu").isEmpty());
        assertThat(said("Probe probe-eu").getFirst()).startsWith("Probe probe-eu (region eu) is silent: no request for ")
                .contains("(silent_after 10s). Last contact ").contains(" from 127.0.0.1 via node-a.");
        ProbeProcess back = probe(server, "eu").start(token);
        eventually("and that it is back", () -> said("Probe probe-eu").size() == 2);
        assertThat(said("Probe probe-eu")).as("once each").hasSize(2).last().asString()
                .startsWith("Probe probe-eu reports again after ");

        ProbeProcess.cli("probe-token", "revoke", "probe-eu", "--config", config.toString());
        assertThat(back.exit(WAIT)).as("stopped by its next request").isEqualTo(1);
        assertThat(back.log()).containsPattern("refused \\(HTTP 401\\): probe token \\d+ was revoked at ");
        assertThat(node.crashed()).isEmpty();
    }

    @Test
    void a_probe_with_two_servers_moves_to_the_other_when_one_is_killed() throws Exception {
        String sections = sections(cluster.target(id -> 200));
        NodeProcess a = cluster.start("node-a", sections);
        NodeProcess b = cluster.start("node-b", sections);
        String token = ProbeProcess.cli("probe-token", "create", "probe-eu", "--config", cluster.dir().resolve("node-a-0.yaml").toString());
        ProbeProcess probe = probe(List.of("http://127.0.0.1:" + a.uri("/").getPort(), "http://127.0.0.1:" + b.uri("/").getPort()),
                "eu").start(token);
        eventually("it reports to node-a, the first", () -> "node-a".equals(lastNode()) && stored() >= 4);

        a.kill();
        long before = stored();
        eventually("and to node-b once node-a is gone", () -> "node-b".equals(lastNode()) && stored() > before + 4);
        assertThat(probe.stop()).isZero();
        try (Connection db = cluster.database(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*), count(DISTINCT probe_seq), min(probe_seq), max(probe_seq)"
                     + " FROM check_results WHERE node = 'probe-eu'")) {
            row.next();
            assertThat(row.getLong(1)).isEqualTo(row.getLong(2)).isEqualTo(row.getLong(4));
            assertThat(row.getLong(3)).isEqualTo(1);
        }
    }

    private ProbeProcess probe(List<String> servers, String label) {
        ProbeProcess probe = new ProbeProcess("probe-eu", servers, cluster.dir().resolve("probe-data"),
                cluster.dir().resolve("probe-" + label + "-" + probes.size() + ".log"));
        probes.add(probe);
        return probe;
    }

    private List<String> said(String start) {
        RecordingReceiver receiver = cluster.receiver();
        return receiver.requests().stream().map(r -> r.json().path("text").asText()).filter(t -> t.startsWith(start)).toList();
    }

    private static long count(Path database, String where) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM check_results WHERE node = 'probe-eu' AND " + where)) {
            row.next();
            return row.getLong(1);
        }
    }

    private String lastNode() throws SQLException {
        try (Connection db = cluster.database(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT last_node FROM probes WHERE name = 'probe-eu'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private long stored() throws SQLException {
        try (Connection db = cluster.database(); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM check_results WHERE node = 'probe-eu'")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void eventually(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(condition);
    }
}
