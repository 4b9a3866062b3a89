package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.cluster.Ownership;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes whose files differ: a monitor only one file has is owned by that node, never given to
 * the node that does not run it (it would go unchecked), and no node marks the other's monitor
 * removed in the stored list (issue 13, item 7).
 */
class ClusterConfigDriftTest {
    private static final String TOKEN = "drift-token-0123456789abcdef";
    private static SharedPostgres postgres;

    @TempDir
    Path dir;
    private final List<LookoutNode> nodes = new ArrayList<>();
    private String url;

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

    private LookoutNode start(String name, List<String> monitors) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (String m : monitors) {
            yaml.append("  - { id: %s, type: tcp, host: 127.0.0.1, port: 1, interval: 1h }\n".formatted(m));
        }
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s", node_name: %s }
                storage: { url: "%s", state_file: "%s" }
                monitors:
                %s""".formatted(TOKEN, name, url, dir.resolve(name + ".identity"), yaml));
        CheckTypes types = CheckTypes.standard();
        LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(config)).start();
        nodes.add(node);
        return node;
    }

    private List<String> removed() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = postgres.connect(url);
             PreparedStatement s = c.prepareStatement("SELECT id FROM monitors WHERE removed_at IS NOT NULL ORDER BY id");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    @Test
    void a_monitor_only_one_file_has_is_owned_by_that_node_and_stays_in_the_stored_list() throws Exception {
        url = postgres.newSchemaUrl();
        // Many shared monitors, so that rendezvous alone would give some of a's own to b and some of b's to a.
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shared.add("shared-" + i);
        }
        List<String> onlyA = List.of("only-a-1", "only-a-2", "only-a-3", "only-a-4", "only-a-5", "only-a-6");
        List<String> onlyB = List.of("only-b-1", "only-b-2", "only-b-3", "only-b-4", "only-b-5", "only-b-6");
        List<String> ofA = new ArrayList<>(shared);
        ofA.addAll(onlyA);
        List<String> ofB = new ArrayList<>(shared);
        ofB.addAll(onlyB);
        List<String> both = List.of("node-a", "node-b");
        assertThat(onlyA).as("rendezvous over both names would give some of them to node-b")
                .anyMatch(m -> Ownership.owner(m, both).equals("node-b"));

        LookoutNode a = start("node-a", ofA);
        start("node-b", ofB);
        int sharedOfA = (int) shared.stream().filter(m -> Ownership.owner(m, both).equals("node-a")).count();
        Map<String, Integer> expected = Map.of("node-a", sharedOfA + onlyA.size(), "node-b",
                shared.size() - sharedOfA + onlyB.size());
        await("each node owns its own monitors and its share of the shared ones",
                () -> ClusterShares.owned(a, TOKEN).equals(expected));
        assertThat(removed()).as("neither node marks the other's monitors removed").isEmpty();
    }
}
