package dev.lookout.importer.kuma;

import static dev.lookout.importer.ImportedFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.check.heartbeat.HeartbeatSettings;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import dev.lookout.importer.ImportedFiles;
import dev.lookout.importer.Imported;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports {@code kuma-fixture-a.db}, a database Uptime Kuma 2.5.3 wrote itself (its README lists
 * what it holds), and checks the result with Lookout's own configuration loader.
 */
class KumaDatabaseImportTest {
    static final Path FIXTURE = ImportedFiles.resource("importer/kuma/fixture-a/kuma-fixture-a.db");
    private static Imported imported;
    private static JsonNode tree;

    @TempDir
    Path dir;

    @BeforeAll
    static void importFixture() throws Exception {
        imported = KumaImport.read(FIXTURE);
        tree = ImportedFiles.tree(imported);
    }

    @Test
    void the_written_file_is_valid_once_its_variables_are_set() throws Exception {
        LookoutConfig config = ImportedFiles.load(imported, dir);

        assertThat(config.monitors()).hasSize(23);
        assertThat(config.components()).extracting(c -> c.id())
                .containsExactly("production-web", "self-signed-tls-ignore-tls", "databases", "eu-region");
        assertThat(config.channels()).hasSize(4);
        assertThat(config.pages()).hasSize(1);
        assertThat(config.maintenance()).hasSize(1);
        assertThat(imported.summary()).isEqualTo("23 monitors, 4 components, 4 channels, 1 page, 1 maintenance window");
    }

    @Test
    void every_kuma_monitor_is_imported_or_named_in_a_line_saying_why_not() throws Exception {
        Map<String, String> kuma = kumaMonitors();
        List<String> importedNames = config().monitors().stream().map(MonitorConfig::name).toList();
        List<String> components = config().components().stream().map(c -> c.name()).toList();
        for (var monitor : kuma.entrySet()) {
            String name = monitor.getKey();
            if (monitor.getValue().equals("group")) {
                assertThat(components).as("group %s", name).contains(name);
            } else if (!importedNames.contains(name)) {
                assertThat(imported.notCarried()).as("monitor %s", name)
                        .anyMatch(line -> line.startsWith("monitor '" + name + "' (" + monitor.getValue() + ")"));
            }
        }
        assertThat(imported.notCarried()).contains(
                "monitor 'Docker: nginx container' (docker): not imported: Lookout has no docker check (it checks services"
                        + " over the network, not containers through a daemon)",
                "monitor 'MQTT sensor topic' (mqtt): not imported: Lookout has no MQTT check");
    }

    @Test
    void no_secret_of_the_fixture_is_written_in_clear() {
        // every credential, token and webhook URL the fixture's README lists
        assertThat(imported.yaml()).doesNotContain("FAKE-", "FAKEFAKE", "T00000000", "hooks/ops", "FAKE-not-a-real-secret",
                "123456789:", "kuma_fixture:");
        assertThat(imported.variables()).extracting(v -> v.name()).containsExactly(
                "OPS_WEBHOOK_FAKE_URL", "OPS_WEBHOOK_FAKE_HEADER_X_FAKE_SECRET", "SLACK_ALERTS_FAKE_URL",
                "EMAIL_ON_CALL_FAKE_SMTP_PASSWORD", "TELEGRAM_OPS_CHAT_FAKE_BOT_TOKEN",
                "API_POST_WITH_HEADERS_AND_BODY_HEADER_X_API_KEY", "ADMIN_BASIC_AUTH_PASSWORD", "METRICS_BEARER_TOKEN_BEARER_TOKEN",
                "POSTGRES_PRIMARY_PASSWORD", "MARIADB_ORDERS_PASSWORD");
        assertThat(imported.yaml()).contains("# Set these environment variables before `lookout validate` or `lookout serve`:",
                "#   SLACK_ALERTS_FAKE_URL: the slackwebhookURL of Uptime Kuma notification 'Slack #alerts (fake)'");
    }

    @Test
    void secrets_are_references_where_they_were_in_kuma() {
        assertThat(entry(tree, "channels", "slack-alerts-fake").path("url").asText()).isEqualTo("${SLACK_ALERTS_FAKE_URL}");
        assertThat(entry(tree, "channels", "ops-webhook-fake").path("headers").path("X-Fake-Secret").asText())
                .isEqualTo("${OPS_WEBHOOK_FAKE_HEADER_X_FAKE_SECRET}");
        JsonNode post = entry(tree, "monitors", "api-post-with-headers-and-body");
        assertThat(post.path("headers").path("X-Api-Key").asText()).isEqualTo("${API_POST_WITH_HEADERS_AND_BODY_HEADER_X_API_KEY}");
        assertThat(post.path("headers").path("Accept").asText()).isEqualTo("application/json");
        assertThat(entry(tree, "monitors", "admin-basic-auth").path("basic_auth").path("password").asText())
                .isEqualTo("${ADMIN_BASIC_AUTH_PASSWORD}");
        assertThat(entry(tree, "monitors", "postgres-primary").path("password").asText()).isEqualTo("${POSTGRES_PRIMARY_PASSWORD}");
    }

    @Test
    void intervals_timeouts_and_retries_become_lookout_timing_and_thresholds() throws Exception {
        MonitorConfig homepage = monitor("homepage");
        assertThat(homepage.interval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(homepage.timeout()).isEqualTo(Duration.ofSeconds(16));
        assertThat(homepage.failureThreshold()).isEqualTo(3); // 2 retries
        assertThat(monitor("flaky-endpoint-with-retries").failureThreshold()).isEqualTo(6);
        assertThat(monitor("postgres-tcp-5432").failureThreshold()).isEqualTo(1);
        assertThat(imported.notCarried()).contains("monitor 'Flaky endpoint with retries' (http): retry interval 30s not carried"
                + " over: Lookout keeps checking every 20s while failing and goes DOWN after 6 failures in a row");
        // resend every 10 checks of 20 s
        JsonNode flaky = routeFor("monitors", "flaky-endpoint-with-retries");
        assertThat(flaky.path("repeat").asText()).isEqualTo("200s");
        assertThat(monitor("old-status-endpoint-paused").paused()).isTrue();
    }

    @Test
    void keywords_json_queries_status_codes_and_upside_down_become_conditions() throws Exception {
        assertThat(conditions("shop-keyword")).containsExactly("body contains \"FakeShop\"");
        assertThat(conditions("shop-has-no-error-text")).containsExactly("body not contains \"Error\"");
        assertThat(conditions("api-json-status")).containsExactly("body.$.status == \"ok\"");
        assertThat(conditions("api-db-latency")).containsExactly("body.$.db.latency_ms < 100");
        assertThat(conditions("maintenance-page-upside-down")).containsExactly("not (status in [2xx])");
        assertThat(entry(tree, "monitors", "legacy-redirect-3xx-accepted").path("expected_status").asText()).isEqualTo("3xx");
        assertThat(entry(tree, "monitors", "legacy-redirect-3xx-accepted").path("follow_redirects").asBoolean(true)).isFalse();
        assertThat(entry(tree, "monitors", "gone-page-404-accepted").path("expected_status").toString()).isEqualTo("[404,410]");
        assertThat(entry(tree, "monitors", "self-signed-tls-ignore-tls").path("verify_tls").asBoolean(true)).isFalse();
        assertThat(conditions("intranet-dns-a-record")).containsExactly("dns.count >= 1");
    }

    @Test
    void groups_become_components_and_the_status_page_lists_them_under_its_headings() throws Exception {
        LookoutConfig config = config();
        assertThat(monitor("homepage").componentId()).isEqualTo("production-web");
        assertThat(monitor("shop-has-no-error-text").componentId()).isEqualTo("eu-region");
        assertThat(monitor("redis-cache").componentId()).isEqualTo("databases");
        assertThat(monitor("self-signed-tls-ignore-tls").componentId()).isEqualTo("self-signed-tls-ignore-tls");
        assertThat(monitor("postgres-tcp-5432").componentId()).isNull();
        assertThat(config.components()).extracting(c -> c.id() + "/" + c.group())
                .containsExactly("production-web/Website", "self-signed-tls-ignore-tls/Website", "databases/Data stores",
                        "eu-region/");
        var page = config.pages().getFirst();
        assertThat(page.title()).isEqualTo("FakeCorp Status");
        assertThat(page.path()).isEqualTo("/fakecorp-status");
        assertThat(page.components()).containsExactly("production-web", "self-signed-tls-ignore-tls", "databases");
        assertThat(imported.notCarried()).contains(
                "group 'EU Region' is inside group 'Production Web': it became component 'eu-region' of its own (Lookout's"
                        + " components do not nest), so 'production-web' does not show its monitors",
                "status page 'fakecorp-status': footer text, tags shown next to monitors not carried over: Lookout's page has no"
                        + " such setting");
    }

    @Test
    void notifications_become_channels_and_each_monitors_notifications_a_route() throws Exception {
        LookoutConfig config = config();
        assertThat(config.channels()).extracting(c -> c.id() + ":" + c.type()).containsExactly("ops-webhook-fake:webhook",
                "slack-alerts-fake:slack", "email-on-call-fake-smtp:email", "telegram-ops-chat-fake:telegram");
        assertThat(routeFor("monitors", "homepage").path("channels").toString())
                .isEqualTo("[\"ops-webhook-fake\",\"slack-alerts-fake\",\"email-on-call-fake-smtp\"]");
        // a group's notifications go to a route for its component
        assertThat(routeFor("components", "databases").path("channels").toString())
                .isEqualTo("[\"email-on-call-fake-smtp\",\"telegram-ops-chat-fake\"]");
        assertThat(entry(tree, "channels", "email-on-call-fake-smtp").path("to").asText()).isEqualTo("oncall@example.invalid");
        assertThat(imported.notCarried()).contains(
                "notification 'Slack #alerts (fake)' (slack): slackchannel, slackusername, slackiconemo, slackrichmessage not"
                        + " carried over: Lookout's channel has no such setting",
                "notification 'Email on-call (fake SMTP)' (smtp): smtpCC not carried over: Lookout mails the to: list only");
    }

    @Test
    void push_monitors_keep_their_tokens_so_that_their_push_urls_keep_working() throws Exception {
        HeartbeatSettings nightly = (HeartbeatSettings) monitor("nightly-backup-job-push").settings();
        assertThat(nightly.pushToken()).isEqualTo("FAKEpushTokenFixtureA0000000001");
        assertThat(nightly.schedule().describe()).isEqualTo("every 1d");
        assertThat(nightly.grace()).isEqualTo(Duration.ofMinutes(10)); // its retry interval
        HeartbeatSettings worker = (HeartbeatSettings) monitor("queue-worker-heartbeat-push").settings();
        assertThat(worker.pushToken()).isEqualTo("NVmXf5FVX7DDF7akwogcM7deV82s7sB2");
    }

    @Test
    void the_weekly_maintenance_becomes_a_cron_window_on_its_monitors() throws Exception {
        var window = config().maintenance().getFirst();
        assertThat(window.name()).isEqualTo("Weekly DB patch window");
        assertThat(window.monitors()).containsExactlyInAnyOrder("postgres-primary", "mariadb-orders", "redis-cache");
        JsonNode written = entry(tree, "maintenance", "weekly-db-patch-window");
        assertThat(written.path("cron").asText()).isEqualTo("0 2 * * 0");
        assertThat(written.path("duration").asText()).isEqualTo("1h");
        assertThat(written.path("timezone").asText()).isEqualTo("UTC");
        assertThat(imported.notCarried()).contains("maintenance 'Weekly DB patch window': its date range (2026-01-01T00:00 to"
                + " 2027-12-31T23:59) not carried over: a recurring Lookout window repeats without end");
    }

    @Test
    void tags_with_values_become_name_dash_value() throws Exception {
        assertThat(monitor("homepage").tags()).containsExactly("critical", "env-prod", "team-web");
    }

    @Test
    void a_read_only_database_file_is_read_without_being_changed(@TempDir Path readOnly) throws Exception {
        Path copy = readOnly.resolve("kuma.db");
        Files.copy(FIXTURE, copy);
        copy.toFile().setReadOnly();
        readOnly.toFile().setReadOnly();
        try {
            assertThat(KumaImport.read(copy).yaml()).isEqualTo(imported.yaml().replace("kuma-fixture-a.db", "kuma.db"));
            assertThat(readOnly.toFile().list()).containsExactly("kuma.db");
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    private LookoutConfig config() throws Exception {
        return ImportedFiles.load(imported, dir);
    }

    private MonitorConfig monitor(String id) throws Exception {
        return config().monitors().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** The conditions as written (the loader adds its defaults, such as status < 400, to what it reads). */
    private static List<String> conditions(String id) {
        List<String> conditions = new java.util.ArrayList<>();
        entry(tree, "monitors", id).path("conditions").forEach(c -> conditions.add(c.asText()));
        return conditions;
    }

    private static JsonNode routeFor(String selector, String id) {
        for (JsonNode route : tree.path("alerting").path("routes")) {
            for (JsonNode target : route.path(selector)) {
                if (target.asText().equals(id)) {
                    return route;
                }
            }
        }
        throw new AssertionError("no route for " + selector + " " + id);
    }

    /** The fixture's monitors as Kuma holds them: name to type. */
    private static Map<String, String> kumaMonitors() throws Exception {
        Map<String, String> monitors = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:file:" + FIXTURE + "?mode=ro&immutable=1");
             ResultSet rs = db.createStatement().executeQuery("SELECT name, type FROM monitor ORDER BY id")) {
            while (rs.next()) {
                monitors.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(monitors).hasSize(28);
        return monitors;
    }
}
