package dev.lookout.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@code lookout probe} JVMs of one test against a node of {@link ClusterNodes}: each with its
 * data folder and log in the cluster's folder and a token made with the node's configuration; all
 * stopped after the test, passed or failed. Registered after the cluster, so that they stop first.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ClusterNodes cluster = new ClusterNodes();
 * @RegisterExtension
 * final ProbeFleet probes = new ProbeFleet(cluster);
 * ...
 * probes.start("probe-eu", node, Map.of());
 * }</pre>
 */
final class ProbeFleet implements AfterEachCallback {
    private final ClusterNodes cluster;
    private final List<ProbeProcess> started = new ArrayList<>();

    ProbeFleet(ClusterNodes cluster) {
        this.cluster = cluster;
    }

    /**
     * The head of a node's file for the fleet's tests: probes {@code probe-eu} (region eu) and
     * {@code probe-us} (region us), channel {@code hook} told of every down and recovery and channel
     * {@code restart} of every down as an action, both to the cluster's receiver, with this
     * {@code mass_failure} guard (the YAML flow mapping's inside); ends with {@code monitors:}.
     */
    String sections(String massFailure) {
        return """
                probes:
                  - { name: probe-eu, region: eu }
                  - { name: probe-us, region: us }
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                  - { id: restart, type: webhook, url: "%s" }
                alerting:
                  group_window: 0s
                  mass_failure: { %s }
                  routes:
                    - { channels: [hook], on: [down, recovered] }
                    - { channels: [restart], on: [down], action: true }
                monitors:
                """.formatted(cluster.receiver().url("/hook"), cluster.receiver().url("/restart"), massFailure);
    }

    /**
     * Starts the probe {@code name} against {@code node}, whose configuration declares it, with these
     * variables in its environment.
     */
    ProbeProcess start(String name, NodeProcess node, Map<String, String> environment) throws Exception {
        ProbeProcess probe = new ProbeProcess(name, List.of("http://127.0.0.1:" + node.uri("/").getPort()),
                cluster.dir().resolve(name + "-data"), cluster.dir().resolve(name + ".log"));
        environment.forEach(probe::withEnvironment);
        started.add(probe);
        return probe.start(ProbeProcess.cli("probe-token", "create", name, "--config", node.config().toString()));
    }

    List<ProbeProcess> all() {
        return List.copyOf(started);
    }

    /**
     * Waits at most {@code atMost} for {@code condition}, failing at once with the log's end when a
     * probe exits or the node crashes.
     */
    void eventually(String what, Duration atMost, NodeProcess node, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (ProbeProcess p : started) {
                if (!p.alive()) {
                    throw new AssertionError("a probe exited:\n" + p.logTail(30));
                }
            }
            node.crashed().ifPresent(why -> {
                throw new AssertionError(why + "\n" + node.logTail(40));
            });
            return condition.call();
        });
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (ProbeProcess probe : started) {
            probe.destroy();
        }
        started.clear();
    }
}
