package dev.lookout.cli;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.FixedPorts;
import dev.lookout.alert.channel.RecordingReceiver;
import dev.lookout.cluster.SharedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Lookout nodes for one cluster test, each a JVM of its own ({@link NodeProcess}), with what they
 * share: the store (a schema of the test's own in a database of the test class's on the shared
 * PostgreSQL, unless the test names another), a webhook receiver and HTTP targets. It writes each
 * node's lookout.yaml (name, port, state file, store, then the test's own sections), and after the
 * test, passed or failed, kills every node it started and stops what it opened; the database is
 * dropped after the class. A failed test's error carries the end of each node's log.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ClusterNodes cluster = new ClusterNodes();
 * ...
 * NodeProcess a = cluster.start("node-a", cluster.webhook() + ClusterNodes.httpMonitors(MONITORS, port));
 * }</pre>
 */
final class ClusterNodes implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {
    static final String TOKEN = "cluster-token-0123456789abcdef";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterNodes.class);

    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private ExtensionContext.Store ofClass;
    private Path dir;
    private String storeUrl;
    private RecordingReceiver receiver;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        ofClass = context.getParent().orElseThrow().getStore(NAMESPACE);
        dir = Files.createTempDirectory("lookout-cluster-");
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        StringBuilder logs = new StringBuilder("the nodes' logs, in " + dir + ":");
        for (NodeProcess node : nodes) {
            logs.append("\n--- ").append(node.name).append('\n').append(node.logTail(40));
        }
        Exception evidence = new Exception(logs.toString());
        evidence.setStackTrace(new StackTraceElement[0]);
        failure.addSuppressed(evidence);
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (NodeProcess node : nodes) {
            node.destroy();
        }
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        if (context.getExecutionException().isEmpty()) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The store every node started with {@link #start(String, String)} uses: a new schema unless {@link #useStore} named one. */
    String storeUrl() throws SQLException {
        if (storeUrl == null) {
            storeUrl = postgres().newSchemaUrl();
        }
        return storeUrl;
    }

    /** Another store for the nodes (SQLite, a PostgreSQL of the test's own); before the first start. */
    void useStore(String url) {
        storeUrl = url;
    }

    /** A connection to the test's schema on the shared PostgreSQL. */
    Connection database() throws SQLException {
        return postgres().connect(storeUrl());
    }

    private SharedPostgres postgres() {
        return ofClass.computeIfAbsent("postgres", key -> {
            try {
                return SharedPostgres.createDatabase();
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, SharedPostgres.class);
    }

    /** The nodes' files and logs, kept when the test fails. */
    Path dir() {
        return dir;
    }

    /** Starts a node on {@link #storeUrl()}; {@code sections} is the rest of its file (channels, alerting, monitors…). */
    NodeProcess start(String name, String sections) throws Exception {
        return start(name, storeUrl(), sections);
    }

    /** Starts a node on a store of its own choosing (the shared one behind a proxy, say); returns once it answers HTTP. */
    NodeProcess start(String name, String storeUrl, String sections) throws Exception {
        return start(name, storeUrl, sections, Map.of());
    }

    /** As {@link #start(String, String, String)}, with variables set in the node's environment. */
    NodeProcess start(String name, String storeUrl, String sections, Map<String, String> environment) throws Exception {
        int port = FixedPorts.free();
        String file = name + "-" + nodes.size(); // two nodes may be started with one name: the second must be refused
        Path config = dir.resolve(file + ".yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:%d", admin_token: "%s", node_name: %s, public_url: "http://127.0.0.1:%d" }
                storage: { url: "%s", state_file: "%s" }
                %s""".formatted(port, TOKEN, name, port, storeUrl, dir.resolve(name + ".identity"), sections));
        NodeProcess node = new NodeProcess(name, config, dir.resolve(file + ".log"), port);
        environment.forEach(node::withEnvironment);
        nodes.add(node);
        return node.start();
    }

    /**
     * How many monitors each live node checks, as {@code via} lists them (empty while it does not
     * answer); fails at once when a node exited that the test did not end.
     */
    Map<String, Integer> owned(NodeProcess via) {
        for (NodeProcess node : nodes) {
            node.crashed().ifPresent(why -> {
                throw new AssertionError(why);
            });
        }
        try {
            return ClusterShares.owned(via.uri("/"), TOKEN);
        } catch (Exception notAnswering) {
            return Map.of();
        }
    }

    /** A webhook receiver, the channel {@code hook} of {@link #webhook()}. */
    RecordingReceiver receiver() {
        if (receiver == null) {
            receiver = new RecordingReceiver();
            opened.add(receiver);
        }
        return receiver;
    }

    /** Sections of a file: channel {@code hook} to {@link #receiver()}, told at once of every down and recovery. */
    String webhook() {
        return """
                channels:
                  - { id: hook, type: webhook, url: "%s" }
                alerting:
                  group_window: 0s
                  routes: [ { channels: [hook], on: [down, recovered] } ]
                """.formatted(receiver().url("/hook"));
    }

    /** An HTTP server for the monitors: {@code GET /<id>} is answered with {@code status.applyAsInt(id)}; returns its port. */
    int target(ToIntFunction<String> status) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status.applyAsInt(exchange.getRequestURI().getPath().substring(1)), -1);
            exchange.close();
        });
        server.start();
        opened.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** A {@code monitors:} section: each id an HTTP monitor of {@code http://127.0.0.1:<port>/<id>}, every second. */
    static String httpMonitors(List<String> ids, int port) {
        StringBuilder out = new StringBuilder("monitors:\n");
        for (String id : ids) {
            out.append("  - { id: %s, type: http, url: \"http://127.0.0.1:%d/%s\", interval: 1s, timeout: 500ms }\n"
                    .formatted(id, port, id));
        }
        return out.toString();
    }
}
