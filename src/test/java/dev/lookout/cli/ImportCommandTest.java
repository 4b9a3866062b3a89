package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.importer.healthchecks.FakeHealthchecks;
import dev.lookout.importer.kuma.KumaOnMariaDb;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lookout import} as an operator runs it: the file it writes is accepted by
 * {@code lookout validate} once the variables it lists are set, and for Healthchecks a node
 * started on it answers the checks' old ping URLs.
 */
class ImportCommandTest {
    private static final Path KUMA_DB = resource("importer/kuma/fixture-a/kuma-fixture-a.db");
    private static final Path GATUS = resource("importer/gatus/config.yaml");
    private static final Pattern VARIABLE = Pattern.compile("^  ([A-Z][A-Z0-9_]*) +\\S", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void kuma_writes_a_file_that_lookout_validate_accepts_once_its_variables_are_set() {
        Path out = dir.resolve("lookout.yaml");
        RunningLookout.Run run = RunningLookout.runWith(Map.of(), "", "import", "kuma", KUMA_DB.toString(), "--out", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("wrote " + out + ": 23 monitors, 4 components, 4 channels, 1 page, 1 maintenance window\n")
                .contains("not carried over (18):\n",
                        "\n  monitor 'MQTT sensor topic' (mqtt): not imported: Lookout has no MQTT check\n",
                        "set these environment variables (their values stay in Uptime Kuma; none was written to " + out + "):\n",
                        "\n  SLACK_ALERTS_FAKE_URL                            the slackwebhookURL of Uptime Kuma notification 'Slack #alerts (fake)'\n")
                .endsWith(out + ": valid (23 monitors, 4 components) once these variables are set\n");

        Map<String, String> environment = variables(run.out(), "https://hooks.example.com/T000/B000/XXXX");
        environment.put("TELEGRAM_OPS_CHAT_FAKE_BOT_TOKEN", "123456789:AAbot-token");
        RunningLookout.Run valid = RunningLookout.runWith(environment, "", "validate", out.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).isEqualTo(out + ": valid (23 monitors, 4 components)\n");

        RunningLookout.Run unset = RunningLookout.runWith(Map.of(), "", "validate", out.toString());
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains("environment variable SLACK_ALERTS_FAKE_URL is not set");
    }

    @Test
    void kuma_on_mariadb_is_read_with_the_password_from_the_environment_which_is_never_printed() throws Exception {
        String user = "lookout_kuma_" + Long.toHexString(System.nanoTime());
        String password = "kuma-Reader-" + Long.toHexString(System.nanoTime());
        Path out = dir.resolve("lookout.yaml");
        try (KumaOnMariaDb kuma = new KumaOnMariaDb(KUMA_DB); var db = kuma.connect()) {
            db.createStatement().execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            try {
                db.createStatement().execute("GRANT SELECT ON `" + kuma.database() + "`.* TO '" + user + "'@'%'");
                String url = "mariadb://" + user + "@127.0.0.1:3306/" + kuma.database() + "?sslmode=disable";

                RunningLookout.Run run = RunningLookout.runWith(Map.of("KUMA_DB_PASSWORD", password), "", "import", "kuma",
                        "--db", url, "-o", out.toString());
                RunningLookout.Run wrong = RunningLookout.runWith(Map.of(), "", "import", "kuma",
                        "--db", url.replace("@", ":not-" + password + "@"), "-o", dir.resolve("other.yaml").toString());

                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).startsWith("wrote " + out + ": 23 monitors, 4 components, 4 channels, 1 page, 1 maintenance window\n");
                assertThat(Files.readString(out)).contains("from mariadb://" + user + "@127.0.0.1:3306/" + kuma.database() + ",");
                assertThat(wrong.exit()).isEqualTo(2);
                assertThat(wrong.err()).contains("Access denied");
                for (RunningLookout.Run r : java.util.List.of(run, wrong)) {
                    assertThat(r.out() + r.err()).doesNotContain(password);
                }
                assertThat(Files.readString(out)).doesNotContain(password);
            } finally {
                db.createStatement().execute("DROP USER '" + user + "'@'%'");
            }
        }
    }

    @Test
    void kuma_takes_either_a_file_or_a_database() {
        RunningLookout.Run neither = RunningLookout.runWith(Map.of(), "", "import", "kuma");
        RunningLookout.Run both = RunningLookout.runWith(Map.of(), "", "import", "kuma", KUMA_DB.toString(), "--db",
                "mariadb://kuma@127.0.0.1/kuma");

        for (RunningLookout.Run run : java.util.List.of(neither, both)) {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("Give either a file (kuma.db or a JSON backup) or --db mariadb://USER@HOST/DATABASE");
        }
    }

    @Test
    void gatus_writes_a_file_that_lookout_validate_accepts() {
        Path out = dir.resolve("from-gatus.yaml");
        RunningLookout.Run run = RunningLookout.runWith(Map.of(), "", "import", "gatus", GATUS.toString(), "-o", out.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + out + ": 14 monitors, 14 components, 6 channels, 1 page, 3 maintenance windows\n",
                "  endpoint 'example-udp': not imported: Lookout has no UDP check\n");
        RunningLookout.Run valid = RunningLookout.runWith(variables(run.out(), "https://hooks.example.com/XXXX"), "", "validate",
                out.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
    }

    @Test
    void healthchecks_checks_keep_answering_their_ping_urls_on_a_node_started_from_the_import() throws Exception {
        Path out = dir.resolve("lookout.yaml");
        RunningLookout.Run run;
        try (FakeHealthchecks healthchecks = new FakeHealthchecks(null)) {
            // the key from the environment, as the command's help suggests, keeps it out of the shell's history
            run = RunningLookout.runWith(Map.of("HEALTHCHECKS_API_KEY", FakeHealthchecks.READ_WRITE_KEY), "", "import", "healthchecks",
                    "--url", healthchecks.url().toString(), "--out", out.toString());
        }
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + out + ": 6 monitors, 0 components, 3 channels, 0 pages, 0 maintenance windows\n",
                "  HC_PING_KEY ");

        Map<String, String> environment = variables(run.out(), "https://hooks.example.com/XXXX");
        String pingKey = "kV3xG7sPq2LmN8wRt5YzAb";
        environment.put("HC_PING_KEY", pingKey);
        environment.put("SMTP_HOST", "smtp.example.com");
        environment.put("SMTP_FROM", "lookout@example.com");
        environment.put("SMTP_USERNAME", "");
        environment.put("SMTP_PASSWORD", "");
        environment.put("MY_WORK_EMAIL_TO", "ops@example.com");
        RunningLookout.Run valid = RunningLookout.runWith(environment, "", "validate", out.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();

        Files.writeString(out, Files.readString(out) + """

                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                """.formatted(dir.resolve("lookout.db")));
        CheckTypes types = CheckTypes.standard();
        try (LookoutNode node = new LookoutNode(types, new ConfigLoader(types, Channels.standard(), environment).load(out)).start()) {
            String base = "http://127.0.0.1:" + node.port() + "/ping/";
            assertThat(get(base + "31365bce-8da9-4729-8ff3-aaa71d56b712")).isEqualTo(200);
            assertThat(get(base + "803f680d-e89b-492b-82ef-2be7b774a92d/start")).isEqualTo(200);
            assertThat(get(base + "803f680d-e89b-492b-82ef-2be7b774a92d/0")).isEqualTo(200);
            assertThat(get(base + pingKey + "/filesystem-backup")).isEqualTo(200);
            assertThat(get(base + pingKey + "/queue-worker/fail")).isEqualTo(200);
            // the second check named queue-worker answers on its UUID only
            assertThat(get(base + "6d8f0b2c-4e6a-4c8e-8f2b-4d6f8b0c2e4a")).isEqualTo(200);
            // the OnCalendar check was reported, not imported
            assertThat(get(base + "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")).isEqualTo(404);
        }
    }

    @Test
    void an_existing_file_is_kept_unless_forced() throws Exception {
        Path out = Files.writeString(dir.resolve("lookout.yaml"), "monitors: []\n");
        RunningLookout.Run refused = RunningLookout.runWith(Map.of(), "", "import", "gatus", GATUS.toString(), "-o", out.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("lookout import: " + out + " exists; give --force to replace it, or --out another file\n");
        assertThat(Files.readString(out)).isEqualTo("monitors: []\n");

        RunningLookout.Run forced = RunningLookout.runWith(Map.of(), "", "import", "gatus", GATUS.toString(), "-o", out.toString(), "--force");
        assertThat(forced.exit()).isZero();
        assertThat(Files.readString(out)).startsWith("# Imported by `lookout import gatus` from config.yaml.");
    }

    @Test
    void bad_input_is_one_line_naming_the_file_and_no_stack_trace() throws Exception {
        Path notKuma = Files.writeString(dir.resolve("notes.txt"), "just some notes\n");
        RunningLookout.Run run = RunningLookout.runWith(Map.of(), "", "import", "kuma", notKuma.toString(), "-o",
                dir.resolve("out.yaml").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("lookout import: " + notKuma + ":1:")
                .contains("neither an Uptime Kuma database nor a JSON backup").doesNotContain("\tat ", "Exception");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(dir.resolve("out.yaml")).doesNotExist();
    }

    @Test
    void an_unreachable_healthchecks_exits_3_and_a_missing_key_is_a_usage_error() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RunningLookout.Run unreachable = RunningLookout.runWith(Map.of(), "", "import", "healthchecks", "--url",
                "http://127.0.0.1:" + port, "--api-key", FakeHealthchecks.READ_WRITE_KEY, "-o", dir.resolve("a.yaml").toString());
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("lookout import: cannot reach http://127.0.0.1:" + port + "/api/v3/checks/");

        RunningLookout.Run noKey = RunningLookout.runWith(Map.of(), "", "import", "healthchecks", "-o", dir.resolve("b.yaml").toString());
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err()).startsWith("Missing the API key: give --api-key KEY or set HEALTHCHECKS_API_KEY");
    }

    /** Every variable the import listed, set to {@code url} (the test then sets those that need another form). */
    private static Map<String, String> variables(String importOutput, String url) {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(importOutput.substring(importOutput.indexOf("set these environment variables")));
        while (m.find()) {
            environment.put(m.group(1), url);
        }
        assertThat(environment).isNotEmpty();
        return environment;
    }

    private static int get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Path resource(String name) {
        try {
            return Path.of(ImportCommandTest.class.getResource("/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
