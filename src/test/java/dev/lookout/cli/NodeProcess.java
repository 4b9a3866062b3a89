package dev.lookout.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Lookout node as an operator runs it: {@code lookout serve} in a JVM of its own, on the test
 * classpath, with its output in a log file. Killed with SIGKILL (no shutdown hook runs, as in a
 * power loss), stopped with SIGTERM (the node closes cleanly), started again with the same file.
 */
final class NodeProcess {
    /** How long a start may take before the node answers HTTP: JVM start and migrations, on a busy 2-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(90);

    final String name;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;
    /** Whether the test ended it (kill or stop), so that its exit is no crash. */
    private boolean ended;
    /** Variables set in its environment besides the test's own. */
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();

    NodeProcess(String name, Path config, Path log, int port) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /** Sets a variable in the node's environment (its file's {@code ${VAR}} are resolved from it); before {@link #start}. */
    NodeProcess withEnvironment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** Starts the JVM; returns once the node answers HTTP (its web server starts last), fails with its log if it exits first. */
    NodeProcess start() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        ended = false;
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it answered HTTP:\n"
                        + logTail(40));
            }
            try {
                if (get("/healthz").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer on port " + port + " within " + STARTUP.toSeconds()
                        + " s:\n" + logTail(40));
            }
        }
    }

    /** {@code kill -9}: the node gets no chance to say goodbye, flush or release anything. */
    void kill() throws InterruptedException {
        end(true);
    }

    /** SIGTERM: the node stops cleanly (says it left, gives up the lead). */
    void stop() throws InterruptedException {
        end(false);
    }

    /** Starts it again with the same file, port and log. */
    NodeProcess restart() throws IOException, InterruptedException {
        return start();
    }

    private void end(boolean forcibly) throws InterruptedException {
        ended = true;
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit within 30 s");
        }
    }

    /** Why it is no longer running although the test did not end it, if so. */
    Optional<String> crashed() {
        return process == null || ended || process.isAlive() ? Optional.empty()
                : Optional.of(name + " exited with " + process.exitValue());
    }

    /** Its lookout.yaml: the commands an operator runs on its machine (tokens, users) read it. */
    Path config() {
        return config;
    }

    /** A monitor's state as this node's API says it ({@code up}, {@code down}, ...); "" while it does not answer. */
    String monitorState(String id) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(get("/api/v1/monitors/" + id).body())
                    .path("state").asText();
        } catch (IOException notAnswering) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return NodeHttp.get(uri(path));
    }

    /** Whether it answers {@code /readyz} with 200. */
    boolean ready() {
        try {
            return get("/readyz").statusCode() == 200;
        } catch (IOException notAnswering) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** After the test, whatever happened: nothing is left running. */
    void destroy() throws InterruptedException {
        if (process != null && process.isAlive()) {
            end(true);
        }
    }
}
