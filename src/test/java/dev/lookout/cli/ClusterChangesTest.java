package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.config.ConfigLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on one PostgreSQL: an incident posted on one shows on the other's pages at once,
 * through LISTEN/NOTIFY, not after the other's cache expires (issue 13, item 6). The history is
 * kept for a minute; the test waits far less.
 */
class ClusterChangesTest {
    private static final String TOKEN = "changes-token-0123456789abcdef";
    private static SharedPostgres postgres;

    @TempDir
    Path dir;
    private final List<LookoutNode> nodes = new ArrayList<>();

    @BeforeAll
    static void createDatabase() throws Exception {
        postgres = SharedPostgres.createDatabase();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stop() {
        nodes.reversed().forEach(LookoutNode::close);
    }

    private LookoutNode start(String name, String url) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s", node_name: %s }
                storage: { url: "%s", state_file: "%s" }
                components:
                  - { id: site, name: Site }
                """.formatted(TOKEN, name, url, dir.resolve(name + ".identity")));
        CheckTypes types = CheckTypes.standard();
        LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(config)).start();
        nodes.add(node);
        return node;
    }

    @Test
    void an_incident_posted_on_one_node_shows_on_the_others_history_at_once() throws Exception {
        String url = postgres.newSchemaUrl();
        LookoutNode a = start("node-a", url);
        LookoutNode b = start("node-b", url);
        assertThat(NodeHttp.get(b, "/history").body()).doesNotContain("Checkout errors"); // b keeps its history a minute

        HttpResponse<String> posted = NodeHttp.HTTP.send(HttpRequest.newBuilder(NodeHttp.uri(a, "/api/v1/incidents"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Checkout errors\",\"status\":\"investigating\",\"body\":\"Looking\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

        long start = System.nanoTime();
        await("node-b's history shows the incident posted on node-a", () -> NodeHttp.get(b, "/history").body()
                .contains("Checkout errors"));
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds, far below the history's minute")
                .isLessThan(20);
        assertThat(NodeHttp.get(b, "/").body()).contains("Checkout errors");
    }
}
