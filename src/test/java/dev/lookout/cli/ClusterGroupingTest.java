package dev.lookout.cli;

import static dev.lookout.cli.NodeHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.alert.channel.Channels;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.check.CheckTypes;
import dev.lookout.cluster.Ownership;
import dev.lookout.cluster.SharedPostgres;
import dev.lookout.config.ConfigLoader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage that spans monitors owned by two nodes reaches a channel as one message per group
 * window, not one per node: the nodes' senders share the channel's window through the database
 * (issue 13, item 4).
 */
class ClusterGroupingTest {
    private static final String TOKEN = "grouping-token-0123456789abcdef";
    private static final List<String> MONITORS = IntStream.range(0, 8).mapToObj(i -> "m" + i).toList();
    private static final List<String> NAMES = List.of("node-a", "node-b");
    private static SharedPostgres postgres;

    @TempDir
    Path dir;
    private final List<LookoutNode> nodes = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer target;
    private RecordingReceiver receiver;

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
        if (target != null) {
            target.stop(0);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private void start(String name, String url) throws Exception {
        StringBuilder monitors = new StringBuilder();
        for (String m : MONITORS) {
            monitors.append("  - { id: %s, type: http, url: \"http://127.0.0.1:%d/%s\", interval: 1s, timeout: 500ms }\n"
                    .formatted(m, target.getAddress().getPort(), m));
        }
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0", admin_token: "%s", node_name: %s }
                storage: { url: "%s", state_file: "%s" }
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: 6s
                  mass_failure: { enabled: false }
                  routes: [ { channels: [hook], on: [down] } ]
                monitors:
                %s""".formatted(TOKEN, name, url, dir.resolve(name + ".identity"), receiver.url("/hook"), monitors));
        CheckTypes types = CheckTypes.standard();
        nodes.add(new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start());
    }

    private int alerts() {
        return receiver.requests().stream().mapToInt(r -> r.json().path("alerts").size()).sum();
    }

    @Test
    void monitors_of_two_nodes_failing_together_reach_a_channel_once_per_window() throws Exception {
        String url = postgres.newSchemaUrl();
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        target.start();
        receiver = new RecordingReceiver();
        for (String name : NAMES) {
            start(name, url);
        }
        assertThat(MONITORS.stream().map(m -> Ownership.owner(m, NAMES)).distinct()).as("both nodes own some").hasSize(2);
        await("both nodes check their share", () -> nodes.stream().allMatch(n -> {
            try {
                return NodeHttp.get(n, "/readyz").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }));
        Thread.sleep(5_000); // past the handover: each monitor is checked by its owner only

        status.set(500);
        await("every monitor alerted", () -> alerts() == MONITORS.size());
        // The first node's message goes at once; the alerts both nodes decided in the same seconds wait
        // for the channel's window: each message at least a window after the one before, not one per node at once.
        List<java.time.Instant> sent = receiver.requests().stream()
                .map(r -> java.time.Instant.parse(r.json().path("at").asText())).sorted().toList();
        assertThat(sent).as("8 alerts in few messages").hasSizeLessThanOrEqualTo(3);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(java.time.Duration.between(sent.get(i - 1), sent.get(i))).as("message %d a window after the one before", i + 1)
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(5_500));
        }
    }
}
