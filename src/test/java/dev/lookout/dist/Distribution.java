package dev.lookout.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The artifacts of this build ({@code -Pdist}, on by default), as the failsafe plugin names them,
 * and the commands the tests run on them. A missing artifact or tool fails the test: nothing here
 * is skipped.
 */
final class Distribution {
    /** A JVM start and a validate on a busy 2-core machine, with a wide margin: a hang, not a speed limit. */
    static final Duration COMMAND = Duration.ofSeconds(120);

    private Distribution() {
    }

    static String version() {
        return property("lookout.expected.version");
    }

    static Path tarball() {
        return artifact("lookout.dist.tarball");
    }

    static Path deb() {
        return artifact("lookout.dist.deb");
    }

    static Path ociImage() {
        return artifact("lookout.dist.oci");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by the failsafe plugin in pom.xml's dist profile)", name).isNotBlank();
        return value;
    }

    private static Path artifact(String property) {
        Path path = Path.of(property(property));
        assertThat(path).as("built by ./mvnw package (profile dist)").isRegularFile();
        return path;
    }

    /** What a command printed (stdout and stderr together) and how it ended. */
    record Result(int exit, String output) {
    }

    /** Runs a command to its end with exactly {@code environment} (nothing inherited). */
    static Result run(List<String> command, Map<String, String> environment, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path log = Files.createTempFile("lookout-dist", ".log");
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within " + COMMAND.toSeconds() + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Runs a tool of the build machine (tar, dpkg-deb, systemd-analyze) with its usual PATH; fails unless it exits 0. */
    static String tool(Path dir, String... command) throws IOException, InterruptedException {
        Result result = run(List.of(command), Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8"), dir);
        assertThat(result.exit()).as("%s:\n%s", String.join(" ", command), result.output()).isZero();
        return result.output();
    }
}
