package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real node for the console's tests, over SQLite, with three monitors: {@code shop} (TCP to a
 * port this fixture listens on: up until {@link #stopShop()}), {@code db} (TCP to a closed port:
 * down) and {@code batch} (paused), and an API key per role. Started at once in a folder of the
 * test's, or, as an extension ({@link #perTest()}), before each test in a folder of its own and
 * closed after it (the folder is deleted when the test passed).
 *
 * <pre>{@code
 * @RegisterExtension
 * final ConsoleNode lookout = ConsoleNode.perTest();
 * }</pre>
 */
final class ConsoleNode implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    static final String PASSWORD = "a long enough passphrase";
    private final String monitors;
    private final String more;
    private Path dir;
    Path config;
    private ServerSocket shop;
    private LookoutNode node;
    private final Map<String, String> keys = new java.util.HashMap<>();

    ConsoleNode(Path dir) throws Exception {
        this(dir, "");
    }

    /** With {@code more} (top-level YAML keys other than those above, such as {@code alerting} and {@code channels}) added. */
    ConsoleNode(Path dir, String more) throws Exception {
        this(dir, "", more);
    }

    /** With {@code monitors} (YAML list items, indented two spaces) after the three above, and {@code more}. */
    ConsoleNode(Path dir, String monitors, String more) throws Exception {
        this(monitors, more);
        start(dir);
    }

    private ConsoleNode(String monitors, String more) {
        this.monitors = monitors;
        this.more = more;
    }

    /** One node for each test, with nothing added to the three monitors. */
    static ConsoleNode perTest() {
        return perTest("");
    }

    /** One node for each test, with {@code more} top-level YAML keys added (see {@link #ConsoleNode(Path, String)}). */
    static ConsoleNode perTest(String more) {
        return perTest("", more);
    }

    /** One node for each test, with {@code monitors} and {@code more} added (see {@link #ConsoleNode(Path, String, String)}). */
    static ConsoleNode perTest(String monitors, String more) {
        return new ConsoleNode(monitors, more);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        start(Files.createTempDirectory("lookout-console-"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
        if (context.getExecutionException().isPresent()) {
            return; // the file, database and logs are kept to look at
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The folder of its file and database; a test's other files (a browser's profile) may go here too. */
    Path dir() {
        return dir;
    }

    private void start(Path dir) throws Exception {
        this.dir = dir;
        shop = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        config = dir.resolve("lookout.yaml");
        Files.writeString(config, """
                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: web, name: "Web Shop" }
                  - { id: api, name: API }
                monitors:
                  - { id: shop, name: "Shop <front>", type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 1s,
                      failure_threshold: 1, component: web, tags: [prod, web] }
                  - { id: db, name: Database, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 1s,
                      failure_threshold: 1, component: api, tags: [prod, db] }
                  - { id: batch, name: "Nightly batch", type: tcp, host: 127.0.0.1, port: %d, interval: 1h, paused: true,
                      tags: [batch] }
                """.formatted(dir.resolve("lookout.db"), shop.getLocalPort(), closed, closed) + monitors + more);
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), Map.of()).load(config)).start();
        for (String role : new String[] {"viewer", "editor", "admin"}) {
            RunningLookout.Run created = RunningLookout.runWith(Map.of(), "", "api-key", "create", "--role", role,
                    "--config", config.toString(), "console " + role);
            assertThat(created.exit()).as(created.err()).isZero();
            keys.put(role, created.out().strip());
        }
    }

    /** Adds a user who signs in with {@link #PASSWORD}. */
    void addUser(String name, String role) {
        RunningLookout.addUser(config, name, role, PASSWORD);
    }

    /** Reads the file again, as the file watcher does after a change. */
    void reloadFile() throws Exception {
        CheckTypes types = CheckTypes.standard();
        node.reload(new ConfigLoader(types, Channels.standard(), Map.of()).load(config));
    }

    /** The shop stops listening: its monitor goes down at its next check. */
    void stopShop() throws Exception {
        shop.close();
    }

    /** The node's route table, HEAD and OPTIONS included. */
    java.util.List<dev.lookout.web.Route> routes() {
        return node.routes();
    }

    /** The API key of {@code role} (viewer, editor or admin). */
    String key(String role) {
        return keys.get(role);
    }

    String url() {
        return "http://127.0.0.1:" + node.port();
    }

    URI uri(String path) {
        return URI.create(url() + path);
    }

    /** A page as a browser asks for it, with the API key of {@code role}. */
    HttpResponse<String> page(String role, String path) throws Exception {
        return NodeHttp.HTTP.send(request(role, path).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String role, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        return role == null ? request : request.header("Authorization", "Bearer " + keys.get(role));
    }

    @Override
    public void close() throws Exception {
        if (node != null) {
            node.close();
        }
        if (shop != null) {
            shop.close();
        }
    }
}
