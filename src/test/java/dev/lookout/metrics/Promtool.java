package dev.lookout.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code promtool} (package {@code prometheus}, installed by {@code .ci/run}), run on what
 * Lookout exports. A missing promtool fails the test that asks for it: never a skip.
 */
public final class Promtool {
    public static final Path BINARY = Path.of("/usr/bin/promtool");

    /** What promtool printed and how it exited. */
    public record Verdict(int exit, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool check metrics}, with the exposition on standard input. */
    public static Verdict checkMetrics(String exposition) throws IOException, InterruptedException {
        return run(exposition, "check", "metrics");
    }

    /** {@code promtool check rules FILE}. */
    public static Verdict checkRules(Path rules) throws IOException, InterruptedException {
        return run("", "check", "rules", rules.toString());
    }

    /** {@code promtool test rules FILE}: the rule unit tests in FILE against the rule files it names. */
    public static Verdict testRules(Path tests) throws IOException, InterruptedException {
        return run("", "test", "rules", tests.toString());
    }

    private static Verdict run(String stdin, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: apt-get install prometheus (.ci/run installs it)");
        }
        List<String> command = new java.util.ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Verdict(process.exitValue(), output);
    }
}
