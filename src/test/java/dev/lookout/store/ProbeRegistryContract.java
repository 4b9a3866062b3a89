package dev.lookout.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.probe.ProbeRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with remote probes, whatever the database; mixed into
 * {@link StoreContract}, so that it runs on SQLite and on PostgreSQL.
 */
interface ProbeRegistryContract {
    Instant AT = Instant.parse("2026-03-10T12:30:00Z");

    Store store();

    /** Another node's store on the same database. */
    Store openNode(String node);

    private static List<ProbeRegistry.Numbered> numbered(String monitor, long from, long to) {
        List<ProbeRegistry.Numbered> out = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            out.add(new ProbeRegistry.Numbered(seq, new CheckResult(monitor, AT.plusSeconds(seq), seq % 2 == 0 ? Outcome.OK
                    : Outcome.FAILED, "seq " + seq, new Timings(1, 2, -1, 4, 5 + seq), List.of())));
        }
        return out;
    }

    /** The probe's stored results of the monitor, newest first, as the node that checks the monitor reads them. */
    private List<CheckResult> storedOf(String monitor) {
        List<CheckResult> out = new ArrayList<>(store().resultsOfOtherNodesAfter(0, new long[0]).rows().stream()
                .filter(row -> row.node().equals("probe-eu") && row.result().monitorId().equals(monitor))
                .map(Store.NewResults.FromNode::result).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    default void a_batch_is_stored_with_the_probes_name_and_a_replay_of_it_stores_nothing_twice() {
        ProbeRegistry probes = store().probes();
        ProbeRegistry.Stored first = probes.store("probe-eu", numbered("api", 1, 3), Set.of("api"), 0, AT, "node-a", "10.0.0.9");
        ProbeRegistry.Stored replay = probes.store("probe-eu", numbered("api", 1, 5), Set.of("api"), 2, AT, "node-a", "10.0.0.9");

        assertThat(first.ackedSeq()).isEqualTo(3);
        assertThat(first.stored()).extracting(CheckResult::message).containsExactly("seq 1", "seq 2", "seq 3");
        assertThat(replay.ackedSeq()).isEqualTo(5);
        assertThat(replay.stored()).extracting(CheckResult::message).containsExactly("seq 4", "seq 5");
        assertThat(replay.duplicates()).isEqualTo(3);
        assertThat(storedOf("api")).hasSize(5).extracting(CheckResult::message).doesNotHaveDuplicates();
        assertThat(storedOf("api").getFirst()).isEqualTo(numbered("api", 5, 5).getFirst().result());
        assertThat(probes.probe("probe-eu")).get().satisfies(p -> {
            assertThat(p.ackedSeq()).isEqualTo(5);
            assertThat(p.dropped()).isEqualTo(2);
            assertThat(p.lastSeenAt()).isEqualTo(AT);
            assertThat(p.lastNode()).isEqualTo("node-a");
            assertThat(p.lastAddress()).isEqualTo("10.0.0.9");
        });
    }

    @Test
    default void results_of_monitors_not_assigned_to_the_probe_are_refused_and_counted_as_handled() {
        ProbeRegistry.Stored stored = store().probes().store("probe-eu", numbered("secret", 1, 2), Set.of("api"), 0, AT,
                "node-a", "10.0.0.9");

        assertThat(stored.stored()).isEmpty();
        assertThat(stored.ignored()).isEqualTo(2);
        assertThat(stored.ackedSeq()).as("handled: not sent again").isEqualTo(2);
        assertThat(storedOf("secret")).isEmpty();
    }

    @Test
    default void the_same_batch_pushed_to_two_nodes_at_once_is_stored_once() throws Exception {
        Store other = openNode("node-b");
        List<ProbeRegistry.Numbered> batch = numbered("api", 1, 200);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ProbeRegistry.Stored>> pushes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ProbeRegistry registry = (i % 2 == 0 ? store() : other).probes();
                String node = i % 2 == 0 ? "node-a" : "node-b";
                pushes.add(() -> registry.store("probe-eu", batch, Set.of("api"), 0, AT, node, "10.0.0.9"));
            }
            int stored = 0;
            for (Future<ProbeRegistry.Stored> done : pool.invokeAll(pushes)) {
                stored += done.get().stored().size();
            }
            assertThat(stored).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storedOf("api")).hasSize(200).extracting(CheckResult::message).doesNotHaveDuplicates();
    }

    @Test
    default void tokens_are_found_by_their_hash_listed_without_the_token_and_revoked_once() {
        ProbeRegistry probes = store().probes();
        long eu = probes.addToken("probe-eu", "aa".repeat(32), AT);
        long us = probes.addToken("probe-us", "bb".repeat(32), AT.plusSeconds(1));
        probes.heard(eu, "probe-eu", AT.plusSeconds(5), "node-a", "10.0.0.9");

        assertThat(probes.tokenByHash("aa".repeat(32))).get().isEqualTo(new ProbeRegistry.Token(eu, "probe-eu", AT, null,
                AT.plusSeconds(5), "10.0.0.9"));
        assertThat(probes.tokenByHash("cc".repeat(32))).isEmpty();
        assertThat(probes.tokens()).extracting(ProbeRegistry.Token::id).containsExactly(us, eu);
        assertThat(probes.probe("probe-eu")).get().extracting(ProbeRegistry.Probe::lastSeenAt).isEqualTo(AT.plusSeconds(5));

        assertThat(probes.revoke(eu, AT.plusSeconds(10))).isTrue();
        assertThat(probes.revoke(eu, AT.plusSeconds(11))).as("once").isFalse();
        assertThat(probes.tokenByHash("aa".repeat(32))).get().extracting(ProbeRegistry.Token::revokedAt)
                .isEqualTo(AT.plusSeconds(10));
        assertThat(probes.revokeAll("probe-us", AT.plusSeconds(12))).isEqualTo(1);
        assertThat(probes.revokeAll("probe-us", AT.plusSeconds(13))).isZero();
    }

    @Test
    default void a_probes_silence_is_marked_once_and_cleared_once() {
        ProbeRegistry probes = store().probes();

        assertThat(probes.markSilent("probe-eu", AT)).isTrue();
        assertThat(probes.markSilent("probe-eu", AT.plusSeconds(5))).as("once").isFalse();
        assertThat(probes.markHeard("probe-eu")).contains(AT);
        assertThat(probes.markHeard("probe-eu")).as("once").isEmpty();
        assertThat(probes.probe("probe-eu")).get().extracting(ProbeRegistry.Probe::silentSince).isNull();
    }
}
