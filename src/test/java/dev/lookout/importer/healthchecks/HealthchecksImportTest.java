package dev.lookout.importer.healthchecks;

import static dev.lookout.importer.ImportedFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.check.heartbeat.HeartbeatSettings;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.ImportedFiles;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports a Healthchecks project from a local server that answers as Healthchecks' API v3 does. */
class HealthchecksImportTest {
    @TempDir
    Path dir;
    private FakeHealthchecks healthchecks;

    @BeforeEach
    void start() throws Exception {
        healthchecks = new FakeHealthchecks("https://hc-ping.com/");
    }

    @AfterEach
    void stop() {
        healthchecks.close();
    }

    private Imported fetch() throws ImportException {
        return HealthchecksImport.fetch(healthchecks.url(), FakeHealthchecks.READ_WRITE_KEY);
    }

    @Test
    void asks_for_the_checks_and_the_integrations_with_the_key_in_x_api_key_and_nothing_else() throws Exception {
        fetch();

        assertThat(healthchecks.requests()).containsExactly(
                new FakeHealthchecks.Request("GET", "/api/v3/checks/", FakeHealthchecks.READ_WRITE_KEY),
                new FakeHealthchecks.Request("GET", "/api/v3/channels/", FakeHealthchecks.READ_WRITE_KEY));
    }

    @Test
    void a_site_root_with_a_path_prefix_keeps_it() throws Exception {
        assertThatThrownBy(() -> HealthchecksImport.fetch(URI.create(healthchecks.url() + "/hc"), FakeHealthchecks.READ_WRITE_KEY))
                .isInstanceOf(ImportException.class);
        assertThat(healthchecks.requests()).extracting(FakeHealthchecks.Request::path).containsExactly("/hc/api/v3/checks/");
    }

    @Test
    void every_check_becomes_a_heartbeat_monitor_with_its_uuid_slug_and_schedule() throws Exception {
        Imported imported = fetch();
        LookoutConfig config = ImportedFiles.load(imported, dir);

        assertThat(config.monitors()).extracting(MonitorConfig::id).containsExactly("filesystem-backup", "database-backup",
                "certificate-renewal", "queue-worker", "queue-worker-2", "ad-hoc-import");
        HeartbeatSettings filesystem = heartbeat(config, "filesystem-backup");
        assertThat(filesystem.uuid()).isEqualTo(UUID.fromString("31365bce-8da9-4729-8ff3-aaa71d56b712"));
        assertThat(filesystem.slug()).isEqualTo("filesystem-backup");
        assertThat(filesystem.schedule().describe()).isEqualTo("every 1h");
        assertThat(filesystem.grace()).isEqualTo(Duration.ofMinutes(10));
        HeartbeatSettings database = heartbeat(config, "database-backup");
        assertThat(database.schedule().describe()).isEqualTo("cron '15 5 * * *' (Z)");
        assertThat(database.grace()).isEqualTo(Duration.ofMinutes(20));
        assertThat(heartbeat(config, "certificate-renewal").schedule().describe()).isEqualTo("cron '0 3 * * 1' (Europe/Riga)");
        assertThat(monitor(config, "certificate-renewal").paused()).isTrue();
        assertThat(monitor(config, "filesystem-backup").tags()).containsExactly("backup", "fs");
        assertThat(monitor(config, "filesystem-backup").description()).isEqualTo("Runs incremental backup every hour");
        assertThat(heartbeat(config, "ad-hoc-import").slug()).isNull();
        assertThat(heartbeat(config, "ad-hoc-import").uuid()).isEqualTo(UUID.fromString("7e9a1c3d-5f7b-4d9f-8a3c-5e7a9c1d3f5b"));
    }

    @Test
    void slugs_need_the_projects_ping_key_from_the_environment() throws Exception {
        Imported imported = fetch();
        JsonNode tree = ImportedFiles.tree(imported);

        assertThat(tree.path("heartbeat").path("ping_key").asText()).isEqualTo("${HC_PING_KEY}");
        assertThat(imported.variables()).extracting(v -> v.name()).contains("HC_PING_KEY");
        assertThat(imported.notes()).containsExactly("ping URLs keep their UUIDs and slugs: change the base https://hc-ping.com/ to"
                + " https://LOOKOUT/ping/ in the jobs (or map it there in a reverse proxy)");
    }

    @Test
    void a_self_hosted_sites_ping_urls_work_unchanged_once_served_by_lookout() throws Exception {
        healthchecks.close();
        healthchecks = new FakeHealthchecks(null);

        assertThat(fetch().notes()).containsExactly("ping URLs keep their UUIDs and slugs: serve " + healthchecks.url()
                + "/ping/ with Lookout (its /ping/ has the same form) and they work unchanged");
    }

    @Test
    void integrations_become_channels_whose_settings_come_from_the_environment_and_routes() throws Exception {
        Imported imported = fetch();
        JsonNode tree = ImportedFiles.tree(imported);

        assertThat(ImportedFiles.load(imported, dir).channels()).extracting(c -> c.id() + ":" + c.type())
                .containsExactly("my-work-email:email", "ops-slack:slack", "webhook:webhook");
        assertThat(entry(tree, "channels", "ops-slack").path("url").asText()).isEqualTo("${OPS_SLACK_URL}");
        assertThat(entry(tree, "channels", "my-work-email").path("to").asText()).isEqualTo("${MY_WORK_EMAIL_TO}");
        assertThat(entry(tree, "channels", "my-work-email").path("host").asText()).isEqualTo("${SMTP_HOST}");
        JsonNode routes = tree.path("alerting").path("routes");
        assertThat(routes.get(0).toString())
                .isEqualTo("{\"monitors\":[\"filesystem-backup\",\"database-backup\"],\"channels\":[\"ops-slack\",\"webhook\"]}");
        assertThat(routes.get(1).toString()).isEqualTo("{\"monitors\":[\"certificate-renewal\"],\"channels\":[\"my-work-email\"]}");
        assertThat(routes.get(2).toString()).isEqualTo("{\"monitors\":[\"queue-worker\",\"queue-worker-2\"],\"channels\":[\"ops-slack\"]}");
        assertThat(imported.notCarried()).contains(
                "integration 'My Phone' (sms): not imported: Lookout has no sms channel",
                "integration 'Ops Slack' (slack): its settings not carried over: Healthchecks' API does not reveal them; channel"
                        + " 'ops-slack' reads them from the environment variables listed below");
    }

    @Test
    void what_a_heartbeat_has_no_place_for_is_reported() throws Exception {
        assertThat(fetch().notCarried()).contains(
                "check 'Weekly report': not imported: its schedule 'Mon *-*-* 09:00:00' (Europe/Riga) is not a five-field cron"
                        + " expression Lookout reads (an OnCalendar schedule, perhaps); its ping URL answers 404 until it is added by hand",
                "check 'Queue worker': manual resume not carried over: a Lookout heartbeat recovers with the next success ping",
                "check 'Queue worker': only POST pings counted in Healthchecks; Lookout counts GET, HEAD and POST",
                "check 'Queue worker': classifying ping bodies by keywords (success_kw OK, failure_kw FAILED) not carried over: a"
                        + " Lookout success ping can be judged by conditions such as body contains \"...\"",
                "check 'Queue worker (eu)': slug 'queue-worker' not carried over: another check has it (Healthchecks answered its"
                        + " slug URL with 409 too); its UUID URL works");
    }

    @Test
    void a_wrong_key_is_refused_with_healthchecks_own_reason() {
        assertThatThrownBy(() -> HealthchecksImport.fetch(healthchecks.url(), "0".repeat(32)))
                .isInstanceOf(ImportException.class)
                .hasMessage(healthchecks.url() + "/api/v3/checks/ refused the API key (401 wrong api key): give the project's"
                        + " read-write API key (Healthchecks: Project Settings, API Access)")
                .matches(e -> !((ImportException) e).unreachable());
    }

    @Test
    void a_read_only_key_is_refused_because_it_hides_the_ping_urls() {
        assertThatThrownBy(() -> HealthchecksImport.fetch(healthchecks.url(), FakeHealthchecks.READ_ONLY_KEY))
                .isInstanceOf(ImportException.class)
                .hasMessage(healthchecks.url() + ": this is a read-only API key; it does not reveal the checks' ping URLs (their"
                        + " UUIDs) or their integrations: give the project's read-write API key");
    }

    @Test
    void a_server_that_does_not_answer_is_unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThatThrownBy(() -> HealthchecksImport.fetch(URI.create("http://127.0.0.1:" + port), FakeHealthchecks.READ_WRITE_KEY))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + "/api/v3/checks/")
                .matches(e -> ((ImportException) e).unreachable());
    }

    private static MonitorConfig monitor(LookoutConfig config, String id) {
        return config.monitors().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    private static HeartbeatSettings heartbeat(LookoutConfig config, String id) {
        return (HeartbeatSettings) monitor(config, id).settings();
    }
}
