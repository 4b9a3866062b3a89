package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.alert.channel.RecordingReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's verdicts by quorum with real processes: {@code lookout serve} and two
 * {@code lookout probe} JVMs. A target fails for one probe only (its port comes from the probe's
 * environment, and probe-eu's is closed): the monitor is DEGRADED, not DOWN, with the API naming
 * who saw what; a reload that lowers the quorum makes it DOWN; a probe whose own network fails
 * for every target is one message naming it, with no DOWN alert and no remediation.
 */
class ProbeQuorumTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    @RegisterExtension
    final ProbeFleet probes = new ProbeFleet(cluster);
    private NodeProcess node;

    private String sections(int open, String quorum, int monitors) {
        StringBuilder out = new StringBuilder(probes.sections("min_monitors: 3, share: 50%"));
        for (int i = 0; i < monitors; i++) {
            out.append(("  - { id: shop%d, type: http, url: \"http://127.0.0.1:${SHOP_PORT:-%d}/shop%d\", interval: 1s,"
                    + " timeout: 500ms, failure_threshold: 1, vantage: { from: [eu, us], quorum: %s } }\n")
                    .formatted(i, open, i, quorum));
        }
        return out.toString();
    }

    private void start(int open, String quorum, int monitors) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        cluster.useStore("sqlite:" + cluster.dir().resolve("data/lookout.db"));
        node = cluster.start("node-a", sections(open, quorum, monitors));
        // probe-eu's own network cannot reach the targets: its SHOP_PORT is closed; probe-us uses the default.
        probes.start("probe-eu", node, Map.of("SHOP_PORT", String.valueOf(closedPort)));
        probes.start("probe-us", node, Map.of());
    }

    @Test
    void a_target_failing_for_one_probe_is_degraded_not_down_until_a_reload_lowers_the_quorum() throws Exception {
        int open = cluster.target(id -> 200);
        start(open, "all", 1);
        eventually("shop0 is DEGRADED: it fails from probe-eu only", () -> "degraded".equals(node.monitorState("shop0")));
        JsonNode vantage = JSON.readTree(node.get("/api/v1/monitors/shop0/vantage").body());
        assertThat(vantage.path("points")).extracting(JsonNode::asText).containsExactly("probe-eu", "probe-us");
        JsonNode eu = vantage.path("vantage_points").get(0);
        JsonNode us = vantage.path("vantage_points").get(1);
        assertThat(eu.path("verdict").asText()).isEqualTo("down");
        assertThat(eu.path("last_result").path("outcome").asText()).isEqualTo("failed");
        assertThat(us.path("verdict").asText()).isEqualTo("up");
        assertThat(us.path("last_result").path("timings").path("first_byte_ms").isNumber()).isTrue();
        JsonNode monitor = JSON.readTree(node.get("/api/v1/monitors/shop0").body());
        assertThat(monitor.path("last_result").path("message").asText()).startsWith("up from probe-us; failed only from probe-eu (")
                .endsWith("; stopped at connect, which the others passed)");
        assertThat(alerts("/hook")).as("DEGRADED is not routed here: nobody is paged").isEmpty();

        Files.writeString(node.config(), Files.readString(node.config()).replace("quorum: all", "quorum: any"));
        eventually("after the reload one failing probe is a quorum: DOWN", () -> "down".equals(node.monitorState("shop0")));
        eventually("and alerted once", () -> alerts("/hook").size() == 1);
        assertThat(alerts("/hook").getFirst()).contains("\"kind\":\"down\"").contains("failed from probe-eu (");
        assertThat(node.crashed()).isEmpty();
    }

    @Test
    void a_probe_whose_own_network_fails_is_one_message_naming_it_with_no_down_alert_and_no_remediation() throws Exception {
        int open = cluster.target(id -> 200);
        start(open, "majority", 6);
        eventually("the message names the vantage point", () -> alerts("/hook").stream()
                .anyMatch(text -> text.contains("Vantage point probe-eu sees ")));
        String said = alerts("/hook").stream().filter(text -> text.contains("Vantage point probe-eu")).findFirst().orElseThrow();
        assertThat(said).contains("\"kind\":\"monitoring-side-failure\"")
                .contains("probe-eu's own network, DNS resolver or host is the likely problem, not the targets");
        eventually("every monitor is UP by the vantage point that counts", () -> java.util.stream.IntStream.range(0, 6)
                .allMatch(i -> "up".equals(node.monitorState("shop" + i))));
        Thread.sleep(3_000); // a few more checks from both probes
        assertThat(alerts("/hook")).as("one message, no DOWN alert").hasSize(1);
        assertThat(alerts("/restart")).as("no remediation").isEmpty();
        assertThat(node.crashed()).isEmpty();
    }

    private List<String> alerts(String path) {
        RecordingReceiver receiver = cluster.receiver();
        return receiver.requests().stream().filter(r -> r.path().equals(path)).map(RecordingReceiver.Request::text).toList();
    }

    private void eventually(String what, Callable<Boolean> condition) {
        probes.eventually(what, WAIT, node, condition);
    }
}
