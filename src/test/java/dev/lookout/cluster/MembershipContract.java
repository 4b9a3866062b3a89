package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Membership on a real database: nodes beat at the database's time, see each other, differ in
 * configuration, and a name taken by a live node is refused (issue 13). The same contract holds
 * on SQLite (one machine) and PostgreSQL (the cluster's store).
 */
abstract class MembershipContract {
    /** How long a test waits for what beats bring: several beats and DEAD_AFTER, with room for a busy machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A new, empty Lookout database. */
    abstract String newDatabaseUrl() throws Exception;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private Store store(String url) {
        Store store = Stores.open(url, StoreOptions.defaults());
        opened.add(store);
        return store;
    }

    private Membership join(Store store, String name, String configHash) {
        Membership m = new Membership(store.members(), name, "1.0", () -> configHash, () -> 3).start();
        opened.add(m);
        return m;
    }

    @Test
    void nodes_see_each_other_alive_with_their_configuration() throws Exception {
        String url = newDatabaseUrl();
        Membership a = join(store(url), "node-a", "aaaa");
        Membership b = join(store(url), "node-b", "bbbb");
        // node-a read the members when it joined, before node-b: it sees node-b at its next beat.
        await().atMost(GENEROUS).untilAsserted(() -> assertThat(a.nodes()).extracting(Membership.Node::name)
                .containsExactly("node-a", "node-b"));

        assertThat(a.nodes().getFirst().self()).isTrue();
        assertThat(a.nodes()).allSatisfy(n -> assertThat(n.alive()).isTrue());
        assertThat(a.nodes().get(1).sameConfig()).as("node-b's file differs from node-a's").isFalse();
        assertThat(b.nodes().getFirst().name()).isEqualTo("node-b");
        assertThat(a.nodes().getFirst().monitors()).isEqualTo(3);
        assertThat(a.problem()).isEmpty();
    }

    @Test
    void a_name_held_by_a_live_node_is_refused_and_free_once_it_left() throws Exception {
        String url = newDatabaseUrl();
        Membership first = join(store(url), "node-a", "aaaa");

        assertThatThrownBy(() -> join(store(url), "node-a", "aaaa")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("another node named 'node-a' is running").hasMessageContaining("server.node_name");

        first.close();
        Membership again = join(store(url), "node-a", "aaaa");
        assertThat(again.nodes()).singleElement().satisfies(n -> {
            assertThat(n.self()).isTrue();
            assertThat(n.alive()).isTrue();
        });
    }

    /** A node that died a moment ago (no clean stop) and is started again: its old beat is waited out, not a clash. */
    @Test
    void a_node_restarted_right_after_dying_waits_out_its_old_beat() throws Exception {
        String url = newDatabaseUrl();
        Store store = store(url);
        assertThat(store.members().beat(new Members.Beat("node-a", "the-dead-instance", "1.0", "aaaa", 3),
                Membership.DEAD_AFTER)).isTrue(); // its last beat, then nothing

        Membership restarted = join(store, "node-a", "aaaa");
        assertThat(restarted.nodes()).singleElement().satisfies(n -> assertThat(n.instanceId()).isNotEqualTo("the-dead-instance"));
    }

    @Test
    void a_node_that_stops_beating_is_dead_after_a_few_seconds() throws Exception {
        String url = newDatabaseUrl();
        Store store = store(url);
        store.members().beat(new Members.Beat("node-b", "gone", "1.0", "aaaa", 3), Membership.DEAD_AFTER);
        Membership a = join(store, "node-a", "aaaa");
        // Read when node-a joined, moments after node-b's last beat: alive. Then dead, once DEAD_AFTER has passed.
        assertThat(a.nodes()).filteredOn(n -> n.name().equals("node-b")).singleElement()
                .satisfies(n -> assertThat(n.alive()).as("%s", n).isTrue());

        await().atMost(GENEROUS).untilAsserted(() -> assertThat(a.nodes()).filteredOn(n -> n.name().equals("node-b"))
                .singleElement().satisfies(n -> assertThat(n.alive()).as("%s", n).isFalse()));
        assertThat(a.nodes()).filteredOn(n -> n.name().equals("node-a")).singleElement()
                .satisfies(n -> assertThat(n.alive()).isTrue());
    }
}
