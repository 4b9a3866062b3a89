package dev.lookout.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lookout.importer.gatus.GatusImport;
import dev.lookout.importer.healthchecks.FakeHealthchecks;
import dev.lookout.importer.healthchecks.HealthchecksImport;
import dev.lookout.importer.kuma.KumaImport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/importing.md are what the importers write. */
class ImportingDocsTest {
    private static final Path DOC = Path.of("docs/importing.md");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void the_gatus_example_is_imported_as_shown() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), example("gatus-input"));
        JsonNode written = ImportedFiles.tree(GatusImport.read(config));

        assertThat(written).isEqualTo(YAML.readTree(example("gatus-output")));
    }

    @Test
    void the_kuma_example_is_what_the_test_backup_gives() throws Exception {
        Imported imported = KumaImport.read(ImportedFiles.resource(
                "importer/kuma/backup-1x/Uptime_Kuma_Backup_2026_12_06-09_14_02.json"));
        assertContained(YAML.readTree(example("kuma-output")), ImportedFiles.tree(imported));
    }

    @Test
    void the_healthchecks_example_is_what_the_apis_documented_checks_give() throws Exception {
        try (FakeHealthchecks healthchecks = new FakeHealthchecks("https://hc-ping.com/")) {
            Imported imported = HealthchecksImport.fetch(healthchecks.url(), FakeHealthchecks.READ_WRITE_KEY);
            assertContained(YAML.readTree(example("healthchecks-output")), ImportedFiles.tree(imported));
        }
    }

    /** Every documented entry (by id, or a whole route) is in the written file as shown. */
    private static void assertContained(JsonNode documented, JsonNode written) {
        documented.properties().forEach(section -> {
            if (section.getKey().equals("alerting")) {
                section.getValue().path("routes").forEach(route -> assertThat(written.path("alerting").path("routes")).contains(route));
            } else if (section.getValue().isArray()) {
                section.getValue().forEach(item -> assertThat(ImportedFiles.entry(written, section.getKey(), item.path("id").asText()))
                        .as(section.getKey() + " " + item.path("id").asText()).isEqualTo(item));
            } else {
                assertThat(written.path(section.getKey())).isEqualTo(section.getValue());
            }
        });
    }

    private static String example(String name) throws Exception {
        Matcher m = Pattern.compile("<!-- import-example: " + name + " -->\\n```yaml[^\\n]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(m.find()).as("example %s in %s", name, DOC).isTrue();
        return m.group(1);
    }
}
