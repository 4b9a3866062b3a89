package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one database see each other in /api/v1/cluster and `lookout cluster status`, with
 * the node whose monitors differ marked; a third with a name already alive is refused (issue 13).
 */
class ClusterStatusTest {
    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();

    @BeforeEach
    void shareOneSqliteFile() {
        cluster.useStore("sqlite:" + cluster.dir().resolve("shared.db"));
    }

    private NodeProcess start(String name, String monitorUrl) throws Exception {
        return cluster.start(name, """
                monitors:
                  - { id: site, type: http, url: "%s", interval: 1h }
                """.formatted(monitorUrl));
    }

    private static JsonNode cluster(NodeProcess node) throws Exception {
        return ClusterShares.view(node.uri("/"), ClusterNodes.TOKEN);
    }

    @Test
    void nodes_on_one_database_list_each_other_and_a_name_taken_is_refused() throws Exception {
        NodeProcess a = start("node-a", "http://127.0.0.1:1/");
        start("node-b", "http://127.0.0.1:2/"); // another file: its monitor differs

        await("node-a sees both nodes alive", () -> {
            JsonNode nodes = cluster(a).path("nodes");
            return nodes.size() == 2 && nodes.get(0).path("alive").asBoolean() && nodes.get(1).path("alive").asBoolean();
        });
        JsonNode status = cluster(a);
        assertThat(status.path("node").asText()).isEqualTo("node-a");
        assertThat(status.at("/nodes/0/name").asText()).isEqualTo("node-a");
        assertThat(status.at("/nodes/0/self").asBoolean()).isTrue();
        assertThat(status.at("/nodes/1/name").asText()).isEqualTo("node-b");
        assertThat(status.at("/nodes/1/same_config").asBoolean()).isFalse();
        await("the one monitor checked by one of them", () -> {
            JsonNode nodes = cluster(a).path("nodes");
            return nodes.get(0).path("monitors").asInt() + nodes.get(1).path("monitors").asInt() == 1;
        });
        assertThat(status.at("/nodes/0/lag_p99_ms").isIntegralNumber()).as("the scheduler's lag, from the beat").isTrue();
        assertThat(status.path("leader").asText()).as("the first node took the free lease at its start").isEqualTo("node-a");
        assertThat(status.at("/nodes/0/leader").asBoolean()).isTrue();
        assertThat(status.at("/nodes/1/leader").asBoolean()).isFalse();

        RunningLookout.Run listed = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", ClusterNodes.TOKEN), "", "cluster",
                "status", "--url", a.uri("").toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("node-a (this)").contains("node-b").contains("alive").contains("DIFFERS").contains("LAG P99")
                .containsPattern("node-a \\(this\\)\\s+alive\\s+leader").containsPattern("node-b\\s+alive\\s+-");

        assertThatThrownBy(() -> start("node-b", "http://127.0.0.1:2/")).hasMessageContaining("node-b exited with 1")
                .hasMessageContaining("another node named 'node-b' is running");
        assertThat(a.get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void the_leader_stopping_hands_the_lead_to_the_other_node() throws Exception {
        NodeProcess a = start("node-a", "http://127.0.0.1:1/");
        NodeProcess b = start("node-b", "http://127.0.0.1:1/");
        await("node-b knows node-a leads", () -> "node-a".equals(cluster(b).path("leader").asText()));

        a.stop();

        await("node-b leads", () -> "node-b".equals(cluster(b).path("leader").asText()));
    }
}
