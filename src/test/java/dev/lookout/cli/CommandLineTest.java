package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void backup_writes_a_copy_and_restore_puts_it_back_or_says_why_not() throws Exception {
        Path config = dir.resolve("lookout.yaml");
        Files.writeString(config, "storage: { url: \"sqlite:" + dir.resolve("data/lookout.db") + "\" }\n");
        try (var store = dev.lookout.store.Stores.open("sqlite:" + dir.resolve("data/lookout.db"),
                dev.lookout.store.StoreOptions.defaults())) {
            store.flush(); // a Lookout database, as the first start leaves it
        }
        Path copy = dir.resolve("lookout.backup");
        assertThat(run("backup", copy.toString(), "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("backed up SQLite database", copy.toString());
        assertThat(copy).isNotEmptyFile();
        assertThat(run("backup", copy.toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("lookout: " + copy + " exists already");

        assertThat(run("restore", dir.resolve("missing").toString(), "--config", config.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("missing is not a file");
        assertThat(run("restore", copy.toString(), "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("and accepted it as Lookout's database. Start Lookout again.");
    }

    @Test
    void validate_accepts_the_bundled_example() {
        assertThat(run("validate", "examples/lookout.yaml")).isZero();
        assertThat(out.toString()).contains("examples/lookout.yaml: valid (4 monitors, 3 components)");
    }

    @Test
    void validate_lists_every_error_with_its_line_and_exits_2() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                monitors:
                  - id: a
                    type: http
                    url: not a url
                  - id: b
                    type: tcp
                    host: db
                    port: 99999
                    interval: 5x
                """);
        assertThat(run("validate", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("3 errors in configuration",
                file + ":4:10 monitors[0].url: 'not a url' is not",
                file + ":8:11 monitors[1].port: 99999 is out of range (1..65535)",
                file + ":9:15 monitors[1].interval: '5x' is not a duration");
    }

    @Test
    void check_runs_one_monitor_and_prints_the_timing_breakdown_and_conditions() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path file = dir.resolve("one.yaml");
            Files.writeString(file, """
                    monitors:
                      - id: web
                        type: http
                        url: http://127.0.0.1:%d/
                        conditions: [ "status == 200", "body contains goodbye" ]
                    """.formatted(server.getAddress().getPort()));
            assertThat(run("check", file.toString(), "web")).isEqualTo(1);
            assertThat(out.toString()).contains("outcome:     FAILED", "connect:", "first byte:", "total:",
                    "pass status == 200  (actual: 200)", "FAIL body contains goodbye  (actual: hello)");
            assertThat(out.toString()).containsPattern("dns: +-");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void check_with_an_unknown_monitor_names_the_known_ones() {
        assertThat(run("check", "examples/lookout.yaml", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no monitor with id 'nope' (known: lookout-health, homepage, db-port, example-agent)");
    }

    @Test
    void check_explains_that_a_heartbeat_monitor_has_nothing_to_run() {
        assertThat(run("check", "examples/lookout.yaml", "example-agent")).isEqualTo(2);
        assertThat(err.toString()).contains("monitor 'example-agent' is of type heartbeat: it is pushed (pinged), not checked");
    }

    @Test
    void version_prints_the_version() {
        assertThat(run("version")).isZero();
        assertThat(out.toString()).startsWith("lookout ");
    }
}
