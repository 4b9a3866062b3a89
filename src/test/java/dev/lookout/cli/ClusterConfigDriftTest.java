package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.cluster.Ownership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes whose files differ: a monitor only one file has is owned by that node, never given to
 * the node that does not run it (it would go unchecked), and no node marks the other's monitor
 * removed in the stored list (issue 13, item 7).
 */
class ClusterConfigDriftTest {
    @RegisterExtension
    final ClusterNodes cluster = new ClusterNodes();

    private NodeProcess start(String name, List<String> monitors) throws Exception {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (String m : monitors) {
            yaml.append("  - { id: %s, type: tcp, host: 127.0.0.1, port: 1, interval: 1h }\n".formatted(m));
        }
        return cluster.start(name, yaml.toString());
    }

    private List<String> removed() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.database();
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

        NodeProcess a = start("node-a", ofA);
        start("node-b", ofB);
        int sharedOfA = (int) shared.stream().filter(m -> Ownership.owner(m, both).equals("node-a")).count();
        Map<String, Integer> expected = Map.of("node-a", sharedOfA + onlyA.size(), "node-b",
                shared.size() - sharedOfA + onlyB.size());
        await("each node owns its own monitors and its share of the shared ones",
                () -> cluster.owned(a).equals(expected));
        assertThat(removed()).as("neither node marks the other's monitors removed").isEmpty();
    }
}
