package dev.lookout.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.FixedPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lookout-VERSION-linux-x64.tar.gz} unpacked and run as a user without Java would: an
 * environment with nothing but a {@code PATH} of three shell tools, so no JDK can be found.
 */
class RuntimeTarballIT {
    @TempDir
    Path dir;
    private Path home;
    private Map<String, String> noJava;
    private Process serve;

    @BeforeEach
    void unpack() throws Exception {
        Distribution.tool(dir, "tar", "-xzf", Distribution.tarball().toString());
        home = dir.resolve("lookout-" + Distribution.version());
        // The launcher needs sh, readlink and dirname; this PATH has them and no java.
        Path tools = Files.createDirectory(dir.resolve("tools"));
        for (String tool : List.of("sh", "readlink", "dirname")) {
            Files.createSymbolicLink(tools.resolve(tool), Path.of("/bin", tool).toRealPath());
        }
        noJava = Map.of("PATH", tools.toString());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor();
        }
    }

    private Distribution.Result lookout(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/lookout").toString()));
        command.addAll(List.of(args));
        return Distribution.run(command, noJava, dir);
    }

    @Test
    void holds_a_launcher_the_jar_and_a_java_runtime_but_no_jdk_tools() {
        assertThat(home.resolve("bin/lookout")).isExecutable();
        assertThat(home.resolve("lib/lookout.jar")).isRegularFile();
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/lib/jspawnhelper")).as("ProcessBuilder needs it (icmp, backup)").isExecutable();
        assertThat(home.resolve("runtime/bin/javac")).doesNotExist();
        assertThat(home.resolve("etc/lookout.yaml")).isRegularFile();
        assertThat(home.resolve("docs/install.md")).isRegularFile();
    }

    @Test
    void prints_the_version_of_the_build_without_a_jdk_on_the_path() throws Exception {
        assertThat(Distribution.run(List.of("sh", "-c", "command -v java"), noJava, dir).exit())
                .as("java must not be reachable in the test's environment").isNotZero();

        Distribution.Result version = lookout("--version");

        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("lookout " + Distribution.version() + " (");
    }

    @Test
    void validates_the_example_configuration() throws Exception {
        Distribution.Result validate = lookout("validate", home.resolve("examples/lookout.yaml").toString());

        assertThat(validate.exit()).as(validate.output()).isZero();
        assertThat(validate.output()).contains("valid (");
    }

    @Test
    void serves_health_with_its_own_runtime_and_stops_on_sigterm() throws Exception {
        int port = FixedPorts.free();
        Path config = Files.writeString(dir.resolve("lookout.yaml"), """
                server: { listen: "127.0.0.1:%d" }
                storage: { url: "sqlite:%s" }
                monitors:
                  - { id: self, type: tcp, host: 127.0.0.1, port: %d, interval: 5s, timeout: 2s }
                """.formatted(port, dir.resolve("data/lookout.db"), port));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/lookout").toString(), "serve", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(noJava);
        serve = builder.start();

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        await("GET /healthz answers 200").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .failFast("lookout serve exited", () -> assertThat(serve.isAlive())
                        .as("still running; its log:%n%s", Files.readString(dir.resolve("serve.log"))).isTrue())
                .until(() -> http.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        assertThat(Path.of("/proc", Long.toString(serve.pid()), "exe").toRealPath())
                .as("the JVM is the runtime in the tarball").isEqualTo(home.resolve("runtime/bin/java").toRealPath());

        serve.destroy(); // SIGTERM
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
        assertThat(Files.readString(dir.resolve("serve.log"))).doesNotContain("Exception in thread");
        assertThat(dir.resolve("data/lookout.db")).isRegularFile();
    }
}
