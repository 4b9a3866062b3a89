package dev.lookout.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes whose files differ are said once, naming who runs what, and once more when they agree (issue 13, item 7). */
class ConfigDriftTest {
    /** How long the test waits for a beat to be written and read: a second as a rule, more on a busy machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private record Said(String key, boolean problem, String text) {
    }

    @TempDir
    Path dir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
    }

    private Membership join(Store store, String name, AtomicReference<String> hash) {
        Membership m = new Membership(store.members(), name, "1.0", hash::get, () -> 1).start();
        opened.add(m);
        return m;
    }

    @Test
    void a_disagreement_is_said_once_with_who_runs_what_and_its_end_once() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("c.db"), StoreOptions.defaults());
        opened.add(store);
        AtomicReference<String> hashA = new AtomicReference<>("aaaa");
        AtomicReference<String> hashB = new AtomicReference<>("bbbb");
        Membership a = join(store, "node-a", hashA);
        join(store, "node-b", hashB);
        List<Said> said = new ArrayList<>();
        ConfigDrift drift = new ConfigDrift(a, (key, problem, text) -> said.add(new Said(key, problem, text)));
        await("node-a has read node-b's beat").atMost(GENEROUS)
                .untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).containsExactly("node-b"));
        drift.run();
        drift.run();
        assertThat(said).singleElement().satisfies(s -> {
            assertThat(s.problem()).isTrue();
            assertThat(s.text()).contains("node-a (configuration aaaa)").contains("node-b (configuration bbbb)");
        });

        hashB.set("aaaa"); // node-b's file fixed and reloaded
        await("node-a has read node-b's beat with the new hash").atMost(GENEROUS)
                .untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).isEmpty());
        drift.run();
        drift.run();
        assertThat(said).hasSize(2);
        assertThat(said.get(1).problem()).isFalse();
        assertThat(said.get(1).text()).contains("run the same monitor configuration again");
        assertThat(said.get(1).key()).isNotEqualTo(said.get(0).key());
        assertThat(ConfigDrift.differingFromSelf(a)).isEmpty();
    }

    @Test
    void a_node_of_the_disagreement_that_is_only_missing_does_not_end_it_one_that_left_does() throws Exception {
        Store store = Stores.open("sqlite:" + dir.resolve("c.db"), StoreOptions.defaults());
        opened.add(store);
        Membership a = join(store, "node-a", new AtomicReference<>("aaaa"));
        // node-b and node-c beat once by hand: without further beats they are dead (missing) after a few seconds.
        Members members = store.members();
        members.beat(new Members.Beat("node-b", "b-1", "1.0", "bbbb", 1), Membership.DEAD_AFTER);
        members.beat(new Members.Beat("node-c", "c-1", "1.0", "cccc", 1), Membership.DEAD_AFTER);
        List<Said> said = new ArrayList<>();
        ConfigDrift drift = new ConfigDrift(a, (key, problem, text) -> said.add(new Said(key, problem, text)));
        await("node-a has read both beats").atMost(GENEROUS)
                .untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).containsExactlyInAnyOrder("node-b", "node-c"));
        drift.run();
        assertThat(said).singleElement().satisfies(s -> assertThat(s.problem()).isTrue());

        members.leave("node-c", "c-1"); // node-c stopped cleanly; node-b just stops beating
        await("node-b is dead and node-c gone").atMost(GENEROUS)
                .untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).isEmpty());
        drift.run();
        assertThat(said).as("node-b is only missing: it comes back with the same file").hasSize(1);

        members.beat(new Members.Beat("node-b", "b-2", "1.0", "bbbb", 1), Membership.DEAD_AFTER);
        await("node-b is back").atMost(GENEROUS)
                .untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).containsExactly("node-b"));
        drift.run();
        assertThat(said).as("node-b back with its file: a new disagreement (node-c is not in it)").hasSize(2);
        assertThat(said.get(1).text()).contains("node-b (configuration bbbb)").doesNotContain("node-c");

        members.leave("node-b", "b-2");
        await("node-b gone").atMost(GENEROUS).untilAsserted(() -> assertThat(ConfigDrift.differingFromSelf(a)).isEmpty());
        drift.run();
        assertThat(said).as("every node of it that is not alive stopped cleanly: it is over").hasSize(3);
        assertThat(said.get(2).problem()).isFalse();
    }
}
