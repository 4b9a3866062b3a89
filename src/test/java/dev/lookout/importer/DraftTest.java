package dev.lookout.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.config.LookoutConfig;
import dev.lookout.check.http.HttpSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every importer relies on: text from another tool stays text, references stay references, ids stay valid. */
class DraftTest {
    @TempDir
    Path dir;

    @Test
    void a_literal_dollar_brace_from_the_source_is_not_read_as_a_reference() throws Exception {
        Draft draft = new Draft();
        String id = draft.newMonitorId("Template page", "m");
        Variable token = draft.secret(id + "_TOKEN", "sample-token", "the token");
        draft.addMonitor(id, "Template page", new Node().put("type", "http").put("url", "https://example.org/")
                .put("body", "{\"greeting\": \"${name}\"}").put("bearer_token", token)
                .put("headers", java.util.Map.of("X-Env", new Verbatim("${REGION}-$${literal}"))));
        draft.reference("REGION", "eu", "the region");
        Imported imported = draft.finish(List.of("test"));

        assertThat(imported.yaml()).contains("$${name}", "\"${TEMPLATE_PAGE_TOKEN}\"", "${REGION}-$${literal}");
        LookoutConfig config = ImportedFiles.load(imported, dir);
        HttpSettings http = (HttpSettings) config.monitors().getFirst().settings();
        assertThat(http.body()).isEqualTo("{\"greeting\": \"${name}\"}");
        assertThat(http.bearerToken()).isEqualTo("sample-token");
        assertThat(http.headers()).containsEntry("X-Env", "eu-${literal}");
    }

    @Test
    void ids_are_slugs_made_unique_and_secrets_get_unique_variable_names() {
        Ids ids = new Ids();
        assertThat(ids.allocate("Shop (EU)", "x")).isEqualTo("shop-eu");
        assertThat(ids.allocate("shop eu", "x")).isEqualTo("shop-eu-2");
        assertThat(ids.allocate("Café Ünïcode", "x")).isEqualTo("cafe-unicode");
        assertThat(ids.allocate("!!!", "fallback 7")).isEqualTo("fallback-7");
        assertThat(ids.allocate("x".repeat(150), "x")).hasSize(100);

        Draft draft = new Draft();
        assertThat(draft.secret("api-1_password", "s", "o").name()).isEqualTo("API_1_PASSWORD");
        assertThat(draft.secret("API 1 password", "s", "o").name()).isEqualTo("API_1_PASSWORD_2");
        assertThat(draft.secret("1st", "s", "o").name()).isEqualTo("SECRET_1ST");
    }

    @Test
    void an_empty_import_is_still_a_valid_file() throws Exception {
        Imported imported = new Draft().finish(List.of("nothing"));
        assertThat(imported.summary()).isEqualTo("0 monitors, 0 components, 0 channels, 0 pages, 0 maintenance windows");
        assertThat(ImportedFiles.load(imported, dir).monitors()).isEmpty();
    }
}
