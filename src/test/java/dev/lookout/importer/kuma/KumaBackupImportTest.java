package dev.lookout.importer.kuma;

import static dev.lookout.importer.ImportedFiles.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.config.LookoutConfig;
import dev.lookout.importer.Imported;
import dev.lookout.importer.ImportedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports a JSON backup in Uptime Kuma 1.23's export format (see the fixture's README for where each field comes from). */
class KumaBackupImportTest {
    private static Imported imported;
    private static JsonNode tree;

    @TempDir
    Path dir;

    @BeforeAll
    static void importBackup() throws Exception {
        imported = KumaImport.read(ImportedFiles.resource("importer/kuma/backup-1x/Uptime_Kuma_Backup_2026_12_06-09_14_02.json"));
        tree = ImportedFiles.tree(imported);
    }

    @Test
    void the_written_file_is_valid_once_its_variables_are_set() throws Exception {
        LookoutConfig config = ImportedFiles.load(imported, dir);

        assertThat(config.monitors()).extracting(m -> m.id()).containsExactly("website", "login-page", "api-health", "smtp-relay",
                "core-router", "mx-record", "nightly-backup", "orders-db", "status-api-post", "session-cache", "old-blog",
                "maintenance-banner");
        assertThat(config.components()).extracting(c -> c.id()).containsExactly("public-site");
        assertThat(config.channels()).extracting(c -> c.id() + ":" + c.type())
                .containsExactly("discord-ops:discord", "mail-admins:email", "phone-ntfy:ntfy");
        assertThat(imported.yaml()).startsWith("# Imported by `lookout import kuma` from Uptime_Kuma_Backup_2026_12_06-09_14_02.json,"
                + " Uptime Kuma JSON backup (version 1.23.16).\n");
    }

    @Test
    void secrets_go_to_the_environment() {
        assertThat(imported.yaml()).doesNotContain("FAKE-");
        assertThat(imported.variables()).extracting(v -> v.name()).containsExactly("DISCORD_OPS_URL", "MAIL_ADMINS_PASSWORD",
                "PHONE_NTFY_TOPIC", "API_HEALTH_HEADER_AUTHORIZATION", "ORDERS_DB_PASSWORD", "STATUS_API_POST_PASSWORD",
                "SESSION_CACHE_PASSWORD");
    }

    @Test
    void the_settings_of_each_type_are_read_from_the_backups_field_names() {
        assertThat(entry(tree, "monitors", "api-health").path("conditions").get(0).asText())
                .isEqualTo("body.$.checks.database.status == \"UP\"");
        JsonNode post = entry(tree, "monitors", "status-api-post");
        assertThat(post.path("method").asText()).isEqualTo("POST");
        assertThat(post.path("basic_auth").path("user").asText()).isEqualTo("probe");
        assertThat(post.path("expected_status").toString()).isEqualTo("[\"2xx\",\"3xx\"]");
        assertThat(post.path("follow_redirects").asBoolean(true)).isFalse();
        JsonNode cache = entry(tree, "monitors", "session-cache");
        assertThat(cache.path("port").asInt()).isEqualTo(6380);
        assertThat(cache.path("database").asInt()).isEqualTo(2);
        JsonNode mail = entry(tree, "channels", "mail-admins");
        assertThat(mail.path("security").asText()).isEqualTo("tls");
        assertThat(mail.path("to").toString()).isEqualTo("[\"admin@example.invalid\",\"oncall@example.invalid\"]");
        assertThat(entry(tree, "monitors", "old-blog").path("paused").asBoolean()).isTrue();
        assertThat(entry(tree, "monitors", "core-router").path("failure_threshold").asInt()).isEqualTo(3);
    }

    @Test
    void a_notification_switched_off_in_the_monitor_form_gets_no_route() {
        for (JsonNode route : tree.path("alerting").path("routes")) {
            if (route.path("monitors").toString().contains("\"nightly-backup\"")) {
                assertThat(route.path("channels").toString()).isEqualTo("[\"mail-admins\"]");
                return;
            }
        }
        throw new AssertionError("no route for nightly-backup");
    }

    @Test
    void what_lookout_lacks_and_what_a_backup_never_held_is_reported() {
        assertThat(imported.notCarried()).contains(
                "notification 'Matrix room' (matrix): not imported: Lookout has no matrix channel",
                "monitor 'Game server' (steam): not imported: Lookout has no steam check",
                "monitor 'MX record' (dns): its name not carried over: a Lookout dns monitor is named by the name it asks for"
                        + " (example.invalid)",
                "status pages and maintenance: not in a 1.x JSON backup (Kuma never exported them); import Kuma's kuma.db to"
                        + " carry them over");
        assertThat(imported.notCarried()).anyMatch(l -> l.startsWith("monitor 'Traefik container' (docker): not imported"));
    }
}
