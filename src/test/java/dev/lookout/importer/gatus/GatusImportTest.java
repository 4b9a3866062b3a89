package dev.lookout.importer.gatus;

import static dev.lookout.importer.ImportedFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.config.LookoutConfig;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.ImportedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports a Gatus configuration assembled from TwiN/gatus' own config.yaml, examples and README
 * (see the fixture's README), and loads the result with Lookout's configuration loader.
 */
class GatusImportTest {
    private static Imported imported;
    private static JsonNode tree;

    @TempDir
    Path dir;

    @BeforeAll
    static void importFixture() throws Exception {
        imported = GatusImport.read(ImportedFiles.resource("importer/gatus/config.yaml"));
        tree = ImportedFiles.tree(imported);
    }

    @Test
    void the_written_file_is_valid_once_its_variables_are_set() throws Exception {
        LookoutConfig config = ImportedFiles.load(imported, dir);

        assertThat(config.monitors()).extracting(m -> m.id() + ":" + m.type()).containsExactly("front-end:http", "back-end:http",
                "monitoring:http", "nas:http", "example-dns-query:dns", "icmp-ping:icmp", "check-domain-expiration:http",
                "website:http", "api-users:http", "filter-users-by-gender:http", "redis:tcp", "example-ws:websocket",
                "tls-ldaps-example:tls", "endpoint-1:http");
        assertThat(config.channels()).extracting(c -> c.id() + ":" + c.type()).containsExactly("slack:slack", "pagerduty:pagerduty",
                "email:email", "mattermost:mattermost", "teams-workflows:teams", "custom:webhook");
        assertThat(config.maintenance()).hasSize(3);
    }

    @Test
    void every_endpoint_is_a_component_under_its_groups_heading() throws Exception {
        LookoutConfig config = ImportedFiles.load(imported, dir);
        assertThat(config.components()).hasSize(14);
        assertThat(config.components()).extracting(c -> c.id() + "/" + c.group()).startsWith("front-end/core", "back-end/core",
                "monitoring/internal", "nas/internal", "example-dns-query/");
        assertThat(config.monitors()).allMatch(m -> m.id().equals(m.componentId()));
        var page = config.pages().getFirst();
        assertThat(page.title()).isEqualTo("Status"); // ui.title: $TITLE, the sample value of the variable
        assertThat(entry(tree, "pages", "status").path("title").asText()).isEqualTo("${TITLE}");
        assertThat(page.description()).isEqualTo("Everything example.org runs");
    }

    @Test
    void secrets_written_in_clear_in_gatus_move_to_the_environment_and_references_stay() {
        assertThat(imported.yaml()).doesNotContain("hunter2", "tokengoeshere", "**********", "not-from-the-environment");
        assertThat(entry(tree, "channels", "email").path("password").asText()).isEqualTo("${EMAIL_PASSWORD}");
        assertThat(entry(tree, "channels", "teams-workflows").path("url").asText()).isEqualTo("${TEAMS_WEBHOOK_URL}");
        JsonNode headers = entry(tree, "monitors", "api-users").path("headers");
        assertThat(headers.path("Authorization").asText()).isEqualTo("Bearer ${API_TOKEN}");
        assertThat(headers.path("X-Api-Key").asText()).isEqualTo("${API_USERS_HEADER_X_API_KEY}");
        assertThat(headers.path("Accept").asText()).isEqualTo("application/json");
        assertThat(imported.variables()).extracting(v -> v.name()).contains("TITLE", "API_TOKEN", "TEAMS_WEBHOOK_URL", "SLACK_URL");
    }

    @Test
    void alerts_become_routes_and_their_thresholds_the_monitors() {
        JsonNode backEnd = entry(tree, "monitors", "back-end");
        assertThat(backEnd.path("failure_threshold").asInt()).isEqualTo(3);
        assertThat(backEnd.path("success_threshold").asInt()).isEqualTo(5);
        // no alert: Gatus' page turns red on the first failure
        assertThat(entry(tree, "monitors", "front-end").path("failure_threshold").asInt()).isEqualTo(1);
        // the default alert of pagerduty sets 5, the endpoint's own 3 wins
        JsonNode routes = tree.path("alerting").path("routes");
        assertThat(routes.get(0).toString()).isEqualTo("{\"monitors\":[\"back-end\"],\"channels\":[\"pagerduty\",\"email\"]}");
        assertThat(routes.get(2).toString()).isEqualTo("{\"monitors\":[\"api-users\"],\"channels\":[\"custom\"],\"repeat\":\"30m\"}");
        // send-on-resolved: false
        assertThat(routes.get(3).toString()).isEqualTo("{\"monitors\":[\"api-users\"],\"channels\":[\"teams-workflows\"],\"on\":[\"down\"]}");
        assertThat(imported.notCarried()).contains("endpoint 'website': alerts with different thresholds [3/2, 5/2] not carried"
                + " over: Lookout has one failure_threshold per monitor; 3/2 is used");
    }

    @Test
    void client_settings_and_types_follow_the_url() {
        JsonNode users = entry(tree, "monitors", "api-users");
        assertThat(users.path("timeout").asText()).isEqualTo("5s");
        assertThat(users.path("verify_tls").asBoolean(true)).isFalse();
        assertThat(users.path("follow_redirects").asBoolean(true)).isFalse();
        assertThat(entry(tree, "monitors", "redis").path("port").asInt()).isEqualTo(6379);
        assertThat(entry(tree, "monitors", "example-ws").path("send").asText()).isEqualTo("status");
        assertThat(entry(tree, "monitors", "example-dns-query").path("name").asText()).isEqualTo("example.com");
        assertThat(entry(tree, "monitors", "example-dns-query").path("server").asText()).isEqualTo("8.8.8.8");
        assertThat(entry(tree, "monitors", "filter-users-by-gender").path("body").asText()).startsWith("{\"query\": \"{\\n  users(");
        assertThat(entry(tree, "monitors", "endpoint-1").path("paused").asBoolean()).isTrue();
    }

    @Test
    void maintenance_becomes_cron_windows() {
        JsonNode global = entry(tree, "maintenance", "maintenance");
        assertThat(global.path("cron").asText()).isEqualTo("0 23 * * MON,THU");
        assertThat(global.path("timezone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(global.path("monitors")).hasSize(14);
        JsonNode own = entry(tree, "maintenance", "endpoint-1-maintenance");
        assertThat(own.path("cron").asText()).isEqualTo("30 7 * * *");
        assertThat(own.path("duration").asText()).isEqualTo("40m");
        assertThat(own.path("monitors").toString()).isEqualTo("[\"endpoint-1\"]");
    }

    @Test
    void what_lookout_lacks_is_reported_one_line_each() {
        assertThat(imported.notCarried()).contains(
                "alerting provider 'line': not imported: Lookout has no line channel",
                "alerting provider 'pagerduty': its per-group overrides are not carried over: a Lookout channel has one setting",
                "endpoint 'example-udp': not imported: Lookout has no UDP check",
                "endpoint 'starttls-smtp-example': not imported: Lookout's tls check speaks TLS from the first byte, not STARTTLS",
                "endpoint 'check-domain-expiration': condition '[DOMAIN_EXPIRATION] > 720h' not carried over: Lookout does not look"
                        + " up domain registrations",
                "external endpoint 'ext-ep-test': not imported: Lookout has no endpoint for Gatus' push API; make it a heartbeat"
                        + " monitor and have the pusher call /ping/UUID",
                "storage: not carried over: Lookout keeps its own database (storage.url); Gatus' history is not carried over",
                "ui: buttons, header not carried over: Lookout's page has no such setting");
        assertThat(imported.notCarried()).allMatch(line -> !line.contains("\n"));
    }

    @Test
    void a_file_that_is_not_a_gatus_configuration_is_refused_with_its_name() throws Exception {
        Path notYaml = Files.writeString(dir.resolve("config.yaml"), "endpoints:\n  - name: a\n   url: b\n");
        assertThatThrownBy(() -> GatusImport.read(notYaml)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(notYaml + ":3:");
        Path other = Files.writeString(dir.resolve("other.yaml"), "services:\n  web: {}\n");
        assertThatThrownBy(() -> GatusImport.read(other)).isInstanceOf(ImportException.class)
                .hasMessage(other + ": not a Gatus configuration (it has no endpoints list)");
        assertThatThrownBy(() -> GatusImport.read(dir)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(dir + ": a directory;");
    }
}
