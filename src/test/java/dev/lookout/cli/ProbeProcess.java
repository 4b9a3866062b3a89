package dev.lookout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One remote probe as an operator runs it: {@code lookout probe} in a JVM of its own, its token in
 * {@code LOOKOUT_PROBE_TOKEN}, its output in a log file.
 */
final class ProbeProcess {
    private final String name;
    private final List<String> servers;
    private final Path data;
    private final Path log;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private Process process;

    ProbeProcess(String name, List<String> servers, Path data, Path log) {
        this.name = name;
        this.servers = servers;
        this.data = data;
        this.log = log;
    }

    /**
     * Sets a variable of the probe's environment ({@code ${VAR}} in its monitors' definitions is
     * resolved from it); null leaves it out, whatever the test's own environment has.
     */
    ProbeProcess withEnvironment(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    ProbeProcess start(String token) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "probe", "--server", String.join(",", servers), "--name", name, "--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        builder.environment().put(ProbeCommand.TOKEN_VARIABLE, token);
        process = builder.start();
        return this;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits for it to exit by itself; its exit status. */
    int exit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + within.toSeconds() + " s:\n" + logTail(30));
        }
        return process.exitValue();
    }

    /** SIGTERM, then its exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        return exit(Duration.ofSeconds(30));
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    void destroy() throws InterruptedException {
        if (alive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Runs a {@code lookout} command in this JVM, as an operator would on the server (e.g. probe-token); its output. */
    static String cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int status = new picocli.CommandLine(new Main(System.getenv(), System.in)).setOut(new java.io.PrintWriter(out))
                .setErr(new java.io.PrintWriter(err)).execute(args);
        if (status != 0) {
            throw new AssertionError(String.join(" ", args) + " exited with " + status + ": " + err);
        }
        return out.toString().strip();
    }
}
