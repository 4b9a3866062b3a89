package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout serve} as a real process: reload on SIGHUP, orderly stop on SIGTERM. */
class ServeProcessTest {
    @TempDir
    Path dir;
    private Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        return dev.lookout.FixedPorts.free(); // not an ephemeral port: see FixedPorts
    }

    private String config(int port, String monitorId) {
        return """
                server: { listen: "127.0.0.1:%d" }
                storage: { url: "sqlite:%s" }
                monitors:
                  - { id: %s, type: tcp, host: 127.0.0.1, port: %d, interval: 1s, timeout: 500ms }
                """.formatted(port, dir.resolve("lookout.db"), monitorId, port);
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void reloads_on_sighup_and_stops_in_order_on_sigterm() throws Exception {
        int port = freePort();
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, config(port, "first"));
        Path log = start(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/api/v1/monitors/first") == 200);

        // The file watcher reloads a changed file by itself: wait for that first, so that the reload after the
        // signal can only be the signal's.
        Files.writeString(file, config(port, "second"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/api/v1/monitors/second") == 200);
        assertThat(status(port, "/api/v1/monitors/first")).isEqualTo(404);
        hangup();
        await("a reload after the SIGHUP").atMost(Duration.ofSeconds(30)).until(() -> reloadedAfter(log, "SIGHUP: reloading"));

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stops within its shutdown grace").isTrue();
        String output = Files.readString(log);
        assertThat(output).contains("shutting down", "stopped");
        assertThat(output).doesNotContain("Exception");
    }

    @Test
    void a_sighup_while_starting_reloads_once_started_and_does_not_stop_it() throws Exception {
        int port = freePort();
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, config(port, "first"));
        Path log = start(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("SIGHUP reloads it"));
        hangup(); // the JVM's own default would end the process
        await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/api/v1/monitors/first") == 200);
        await("a reload after the SIGHUP").atMost(Duration.ofSeconds(30)).until(() ->
                reloadedAfter(log, "SIGHUP while starting") || reloadedAfter(log, "SIGHUP: reloading"));
        assertThat(process.isAlive()).isTrue();
        assertThat(Files.readString(log)).doesNotContain("shutting down");
    }

    private Path start(Path file) throws IOException {
        Path log = dir.resolve("lookout.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--config", file.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return log;
    }

    private void hangup() throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor()).isZero();
    }

    /** Whether the log has {@code line} and, after it, a completed reload. */
    private static boolean reloadedAfter(Path log, String line) throws IOException {
        String output = Files.readString(log);
        int at = output.indexOf(line);
        return at >= 0 && output.indexOf("reloaded ", at) > at;
    }
}
