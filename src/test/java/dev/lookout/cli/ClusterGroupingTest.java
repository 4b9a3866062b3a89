package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.cluster.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An outage that spans monitors owned by two nodes reaches a channel as one message per group
 * window, not one per node: the nodes' senders share the channel's window through the database
 * (issue 13, item 4).
 */
class ClusterGroupingTest {
    private static final List<String> MONITORS = IntStream.range(0, 8).mapToObj(i -> "m" + i).toList();
    private static final List<String> NAMES = List.of("node-a", "node-b");

    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private int alerts() {
        return cluster.receiver().requests().stream().mapToInt(r -> r.json().path("alerts").size()).sum();
    }

    @Test
    void monitors_of_two_nodes_failing_together_reach_a_channel_once_per_window() throws Exception {
        java.time.Duration window = java.time.Duration.ofSeconds(6);
        String config = """
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: %ds
                  mass_failure: { enabled: false }
                  routes: [ { channels: [hook], on: [down] } ]
                """.formatted(cluster.receiver().url("/hook"), window.toSeconds())
                + ClusterNodes.httpMonitors(MONITORS, cluster.target(m -> status.get()));
        for (String name : NAMES) {
            nodes.add(cluster.start(name, config));
        }
        assertThat(MONITORS.stream().map(m -> Ownership.owner(m, NAMES)).distinct()).as("both nodes own some").hasSize(2);
        await("both nodes check their share", () -> nodes.stream().allMatch(NodeProcess::ready));
        await("past the handover: each monitor checked by its owner only",
                () -> cluster.owned(nodes.getFirst()).equals(ClusterShares.shares(MONITORS, NAMES)));

        status.set(500);
        await("every monitor alerted", () -> alerts() == MONITORS.size());
        // The first node's message goes at once; the alerts both nodes decided in the same seconds wait
        // for the channel's window: each message a window after the one before, not one per node at once. The
        // window runs from each claim, and a message is stamped when its delivery starts, which a busy machine may
        // hold up after the claim: half a window tells the two apart.
        List<java.time.Instant> sent = cluster.receiver().requests().stream()
                .map(r -> java.time.Instant.parse(r.json().path("at").asText())).sorted().toList();
        assertThat(sent).as("8 alerts in few messages").hasSizeLessThanOrEqualTo(3);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(java.time.Duration.between(sent.get(i - 1), sent.get(i))).as("message %d a window after the one before", i + 1)
                    .isGreaterThanOrEqualTo(window.dividedBy(2));
        }
    }
}
