package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.TcpProxy;
import dev.lookout.alert.channel.RecordingReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's guard asking a second opinion, with real processes: {@code lookout serve} checks six
 * monitors from the server alone (no vantage configuration), and two {@code lookout probe} JVMs
 * are declared. When everything fails from the server at once, the guard trips and the probes are
 * given the held monitors: if they reach them, the failure is the server's (one message naming it,
 * no DOWN alert, no remediation, even after the confirmation pause); if they see them fail too,
 * the alerts are confirmed at once, long before the pause would have confirmed them.
 */
class ProbeSecondOpinionTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int MONITORS = 6;

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    @RegisterExtension
    final ProbeFleet probes = new ProbeFleet(cluster);
    private NodeProcess node;
    /** The requests received before the scenario began (a busy start may trip the guard), not counted. */
    private int skipped;

    private String sections(int open, String confirmAfter) {
        StringBuilder out = new StringBuilder(
                probes.sections("min_monitors: 3, share: 50%, window: 1m, confirm_after: " + confirmAfter));
        for (int i = 0; i < MONITORS; i++) {
            out.append(("  - { id: shop%d, type: http, url: \"http://127.0.0.1:${SHOP_PORT:-%d}/shop%d\", interval: 2s,"
                    + " timeout: 1s, failure_threshold: 1 }\n").formatted(i, open, i));
        }
        return out.toString();
    }

    /** The node, whose {@code SHOP_PORT} is {@code serverPort}, and both probes, which use {@code open}; returns once all six are UP. */
    private void start(int open, String confirmAfter, int serverPort) throws Exception {
        cluster.useStore("sqlite:" + cluster.dir().resolve("data/lookout.db"));
        node = cluster.start("node-a", cluster.storeUrl(), sections(open, confirmAfter),
                Map.of("SHOP_PORT", String.valueOf(serverPort)));
        probes.start("probe-eu", node, Map.of());
        probes.start("probe-us", node, Map.of());
        eventually("every monitor is UP from the server", () -> java.util.stream.IntStream.range(0, MONITORS)
                .allMatch(i -> "up".equals(node.monitorState("shop" + i))));
        eventually("both probes have their (empty) assignment", () -> probes.all().stream()
                .allMatch(p -> p.logTail(20).contains("assignment ")));
        // A start on a busy machine may have tripped the guard already: the scenario starts once it is over.
        eventually("no guard active", () -> hooks().stream().filter(t -> t.startsWith("Possible monitoring-side failure")).count()
                == hooks().stream().filter(t -> t.startsWith("The suspected monitoring-side failure")).count());
        skipped = cluster.receiver().requests().size();
    }

    @Test
    void probes_that_reach_what_the_server_sees_down_make_one_message_naming_the_server_and_no_alert() throws Exception {
        int open = cluster.target(id -> 200);
        try (TcpProxy serversNetwork = new TcpProxy("127.0.0.1", open)) {
            start(open, "30s", serversNetwork.port());
            serversNetwork.cut();
            eventually("the guard has tripped", () -> hooks().stream().anyMatch(t -> t.startsWith("Possible monitoring-side failure")));
            long pauseOver = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            eventually("the probes' answer is said", () -> hooks().stream().anyMatch(t -> t.startsWith("Vantage-point problem")));
            List<String> said = hooks();
            assertThat(said.get(0)).as("the first message names the monitoring side")
                    .startsWith("Possible monitoring-side failure: ").contains(" from node-a.");
            assertThat(said.get(1)).startsWith("Vantage-point problem: node-a sees ").contains("but probes probe-eu, probe-us reach")
                    .contains("The failure is on node-a's side (its network, DNS resolver or storage), not the targets'.");
            // Past the pause, and a few checks more: without the probes' answer the checks would have confirmed all six.
            Thread.sleep(Math.max(0, (pauseOver - System.nanoTime()) / 1_000_000) + 5_000);
            assertThat(requests("/hook").stream().flatMap(r -> alertKinds(r).stream())).as("no DOWN alert").doesNotContain("down");
            assertThat(requests("/restart")).as("no remediation").isEmpty();
            assertThat(hooks().stream().filter(t -> t.startsWith("Vantage-point problem"))).as("said once").hasSize(1);
            assertThat(node.monitorState("shop0")).as("the server's own verdict is kept: it is the server that cannot reach it")
                    .isEqualTo("down");
            assertThat(node.crashed()).isEmpty();
        }
    }

    @Test
    void probes_that_see_the_targets_fail_too_confirm_the_alerts_without_waiting_for_the_pause() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        int target = cluster.target(id -> failing.get() ? 503 : 200);
        start(target, "10m", target);
        failing.set(true);
        eventually("the guard has tripped", () -> hooks().stream().anyMatch(t -> t.startsWith("Possible monitoring-side failure")));
        // The pause is ten minutes: alerts within this wait can only be the probes' confirmation.
        eventually("all six DOWN alerts", () -> downAlerts().size() == MONITORS);
        assertThat(hooks().get(0)).startsWith("Possible monitoring-side failure: ");
        assertThat(downAlerts()).doesNotHaveDuplicates();
        assertThat(hooks()).noneMatch(t -> t.startsWith("Vantage-point problem"));
        assertThat(requests("/restart")).as("remediation waits while the guard is active").isEmpty();
        assertThat(node.crashed()).isEmpty();
    }

    private List<RecordingReceiver.Request> requests(String path) {
        return cluster.receiver().requests().stream().skip(skipped).filter(r -> r.path().equals(path)).toList();
    }

    /** The texts the people's channel received: system messages' text, alerts' kinds and monitors. */
    private List<String> hooks() {
        return requests("/hook").stream().map(r -> r.json().path("text").asText()).toList();
    }

    private static List<String> alertKinds(RecordingReceiver.Request request) {
        List<String> kinds = new ArrayList<>();
        request.json().path("alerts").forEach(a -> kinds.add(a.path("kind").asText()));
        return kinds;
    }

    private List<String> downAlerts() {
        List<String> monitors = new ArrayList<>();
        for (RecordingReceiver.Request r : requests("/hook")) {
            for (JsonNode a : r.json().path("alerts")) {
                if (a.path("kind").asText().equals("down")) {
                    monitors.add(a.path("monitor_id").asText());
                }
            }
        }
        return monitors;
    }

    private void eventually(String what, Callable<Boolean> condition) {
        probes.eventually(what, WAIT, node, condition);
    }
}
