package dev.lookout.cli;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * A real Lookout node with an admin token and components {@code api} and {@code web}, on a random
 * port over SQLite, and the {@code lookout} command line run in-process against it with an
 * environment and standard input of the test's choosing.
 */
final class RunningLookout implements AutoCloseable {
    static final String TOKEN = "cli-test-token-0123456789abcdef";

    /** What one run of the command line printed and returned. */
    record Run(int exit, String out, String err) {
    }

    private final LookoutNode node;
    /** A configuration as an operator's machine would have it: the node's URL as public_url, and the token. */
    final Path clientConfig;
    /** The node's own configuration: the account commands open its database. */
    final Path serverConfig;

    RunningLookout(Path dir) throws Exception {
        this(dir, "");
    }

    /** @param moreYaml more top-level sections of the node's configuration (e.g. {@code accounts:}) */
    RunningLookout(Path dir, String moreYaml) throws Exception {
        this(dir, moreYaml, 0);
    }

    /**
     * @param moreYaml more top-level sections of the node's configuration
     * @param port     the port to listen on, also in {@code server.public_url} (as a provider's redirect needs); 0: any
     */
    RunningLookout(Path dir, String moreYaml, int port) throws Exception {
        Path config = dir.resolve("lookout.yaml");
        serverConfig = config;
        Files.writeString(config, """
                server: { listen: "127.0.0.1:%d", admin_token: "%s"%s }
                storage: { url: "sqlite:%s" }
                components:
                  - { id: api, name: API }
                  - { id: web, name: "Web Shop" }
                """.formatted(port, TOKEN, port == 0 ? "" : ", public_url: \"http://127.0.0.1:" + port + "\"",
                dir.resolve("lookout.db")) + moreYaml);
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(config)).start();
        clientConfig = dir.resolve("client.yaml");
        Files.writeString(clientConfig, """
                server: { public_url: "%s", admin_token: "%s" }
                """.formatted(url(), TOKEN));
    }

    List<dev.lookout.web.Route> routes() {
        return node.routes();
    }

    String url() {
        return "http://127.0.0.1:" + node.port();
    }

    /** With {@code --url} and the token in {@code LOOKOUT_ADMIN_TOKEN}. */
    Run run(String... args) {
        return runWith(Map.of("LOOKOUT_ADMIN_TOKEN", TOKEN), "", withUrl(args));
    }

    /** With {@code --url}, the token in {@code LOOKOUT_ADMIN_TOKEN} and {@code stdin} as standard input. */
    Run runWithInput(String stdin, String... args) {
        return runWith(Map.of("LOOKOUT_ADMIN_TOKEN", TOKEN), stdin, withUrl(args));
    }

    /** Adds a user through {@code lookout user add} on the node with this configuration; fails the test if it fails. */
    static Run addUser(Path config, String name, String role, String password) {
        Run added = runWith(Map.of(), password + "\n", "user", "add", name, "--role", role, "--config", config.toString());
        org.assertj.core.api.Assertions.assertThat(added.exit()).as(added.err()).isZero();
        return added;
    }

    /** Exactly these arguments and this environment. */
    static Run runWith(Map<String, String> environment, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private String[] withUrl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(2, List.of("--url", url()));
        return all.toArray(String[]::new);
    }

    @Override
    public void close() {
        node.close();
    }
}
