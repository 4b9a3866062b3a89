package dev.lookout.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe's batch through {@link ProbeResults} on a real SQLite store, heard by a listener that counts what arrives. */
class ProbeResultsTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private Store store;
    private LookoutConfig config;
    private final List<String> heard = new ArrayList<>();
    private ProbeResults results;

    @BeforeEach
    void open() throws Exception {
        config = new ConfigLoader(CheckTypes.standard(), Map.of("TOKEN", "server-secret")).parse("lookout.yaml", """
                probes:
                  - { name: probe-eu, region: eu }
                  - { name: probe-us, region: us }
                components:
                  - { id: web }
                monitors:
                  - id: api
                    type: http
                    url: https://api.example.com/health
                    headers: { Authorization: "Bearer ${TOKEN}" }
                    component: web
                    tags: [prod]
                    failure_threshold: 2
                    vantage: { from: [server, eu], quorum: 2 }
                  - { id: us-only, type: tcp, host: 127.0.0.1, port: 9, vantage: { from: [us] } }
                  - { id: server-only, type: tcp, host: 127.0.0.1, port: 9 }
                  - { id: paused, type: tcp, host: 127.0.0.1, port: 9, paused: true, vantage: { from: [eu] } }
                """);
        store = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withNode("node-a"));
        results = new ProbeResults(store.probes(), () -> config, InstantSource.fixed(AT), "node-a")
                .addListener((probe, stored) -> stored.forEach(r -> heard.add(probe + "/" + r.monitorId() + "/" + r.message())));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ProbeProtocol.WireResult wire(long seq, String monitor) {
        return ProbeProtocol.WireResult.of(seq, new CheckResult(monitor, AT.plusSeconds(seq), Outcome.OK, "seq " + seq,
                new Timings(100, 200, -1, 300, 400), List.of()));
    }

    @Test
    void the_listener_hears_each_stored_result_once_in_order_and_nothing_of_a_replay() {
        ProbeProtocol.BatchAnswer first = results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0,
                List.of(wire(1, "api"), wire(2, "api"), wire(3, "us-only"))), "10.0.0.9");
        ProbeProtocol.BatchAnswer replay = results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0,
                List.of(wire(1, "api"), wire(2, "api"), wire(3, "us-only"), wire(4, "api"))), "10.0.0.9");

        assertThat(first).isEqualTo(new ProbeProtocol.BatchAnswer(3, 2, 0, 1));
        assertThat(replay).isEqualTo(new ProbeProtocol.BatchAnswer(4, 1, 3, 0));
        assertThat(heard).containsExactly("probe-eu/api/seq 1", "probe-eu/api/seq 2", "probe-eu/api/seq 4");
    }

    @Test
    void a_probes_stored_results_are_a_vantage_points_not_the_monitors_results() {
        results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0, List.of(wire(1, "api"))), "10.0.0.9");
        store.flush();

        assertThat(store.lastResult("api")).as("the monitor's newest result is the server's combined one").isEmpty();
        assertThat(store.latestResults(List.of("api"))).isEmpty();
        assertThat(store.monitorHistory().firstResult("api", java.util.Set.of(Outcome.OK), AT, AT.plusSeconds(60))).isEmpty();
        try (Store other = Stores.open("sqlite:" + dir.resolve("lookout.db"), StoreOptions.defaults().withNode("node-b"))) {
            Store.NewResults read = other.resultsOfOtherNodesAfter(0, new long[0]);
            assertThat(read.rows()).as("the row is read, for the node that owns the monitor")
                    .extracting(Store.NewResults.FromNode::node).containsExactly("probe-eu");
            assertThat(read.newest()).as("but it is no monitor's newest result").isEmpty();
        }
    }

    @Test
    void what_a_probe_says_it_cannot_check_is_kept_until_it_says_otherwise() {
        results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0, List.of(wire(1, "api")),
                List.of(new ProbeProtocol.Unchecked("api", "assignment:4:60 monitors[0].headers.X-Key: ${KEY} is not set"))),
                "10.0.0.9");
        assertThat(results.unchecked("probe-eu")).containsExactly(
                Map.entry("api", "assignment:4:60 monitors[0].headers.X-Key: ${KEY} is not set"));
        results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0, List.of(wire(2, "api"))), "10.0.0.9");
        assertThat(results.unchecked("probe-eu")).as("a probe that says nothing of it (an older one) changes nothing")
                .containsOnlyKeys("api");
        results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0, List.of(), List.of()), "10.0.0.9");
        assertThat(results.unchecked("probe-eu")).as("a batch without results may carry only this").isEmpty();
        assertThat(results.unchecked("probe-us")).isEmpty();
    }

    @Test
    void a_batch_out_of_order_or_too_large_is_refused_whole() {
        assertThatThrownBy(() -> results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0,
                List.of(wire(2, "api"), wire(1, "api"))), "10.0.0.9")).hasMessage("results must be in increasing seq order: 1 after 2");
        List<ProbeProtocol.WireResult> many = new ArrayList<>();
        for (int i = 1; i <= ProbeProtocol.MAX_BATCH + 1; i++) {
            many.add(wire(i, "api"));
        }
        assertThatThrownBy(() -> results.accept("probe-eu", new ProbeProtocol.ResultBatch("probe-eu", 0, many), "10.0.0.9"))
                .hasMessageContaining("at most 1000 results");
        assertThat(heard).isEmpty();
    }

    @Test
    void an_assignment_is_the_raw_definitions_of_the_probes_monitors_without_what_only_the_server_needs() {
        ProbeProtocol.Assignment eu = Assignments.of(config, "probe-eu", 7).orElseThrow();

        assertThat(eu.region()).isEqualTo("eu");
        assertThat(eu.ackedSeq()).isEqualTo(7);
        assertThat(eu.monitors()).extracting(ProbeProtocol.AssignedMonitor::id).containsExactly("api");
        assertThat(eu.monitors().getFirst().definition()).containsOnlyKeys("id", "type", "url", "headers")
                .containsEntry("headers", Map.of("Authorization", "Bearer ${TOKEN}"));
        assertThat(Assignments.of(config, "probe-us", 0).orElseThrow().monitors()).extracting(ProbeProtocol.AssignedMonitor::id)
                .containsExactly("us-only");
        assertThat(Assignments.of(config, "probe-asia", 0)).isEmpty();
        assertThat(Assignments.of(config, "probe-eu", 9).orElseThrow().version()).as("the ETag ignores acked_seq")
                .isEqualTo(eu.version());
    }
}
