package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckTypes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code incident_templates:}: the saved messages of the console's incident forms. */
class IncidentTemplatesConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());

    @Test
    void templates_are_read_in_file_order_with_the_id_as_their_name_by_default() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", """
                incident_templates:
                  - { id: generic, body: "We are investigating." }
                  - { id: db-down, name: "Database down", title: "Database unreachable", status: identified, impact: major,
                      body: "The **database** does not answer." }
                """);
        assertThat(config.incidentTemplates()).containsExactly(
                new IncidentTemplateConfig("generic", "generic", null, null, null, "We are investigating."),
                new IncidentTemplateConfig("db-down", "Database down", "Database unreachable", "identified", "major",
                        "The **database** does not answer."));
        assertThat(loader.parse("lookout.yaml", "storage: { url: \"sqlite:x.db\" }\n").incidentTemplates()).isEmpty();
    }

    @Test
    void every_mistake_is_reported_with_its_position() {
        assertThatThrownBy(() -> loader.parse("lookout.yaml", """
                incident_templates:
                  - { id: a, status: postmortem, impact: huge, body: x }
                  - { id: a, body: y }
                  - { id: b }
                  - { id: c, body: z, colour: red }
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::toString)
                .containsExactlyInAnyOrder(
                        "lookout.yaml:2:22 incident_templates[0].status: unknown status 'postmortem' (known: investigating,"
                                + " identified, monitoring, resolved)",
                        "lookout.yaml:2:42 incident_templates[0].impact: unknown impact 'huge' (known: none, minor, major, critical)",
                        "lookout.yaml:3:11 incident_templates[1].id: duplicate incident template id 'a'",
                        "lookout.yaml:4:5 incident_templates[2].body: is required",
                        "lookout.yaml:5:23 incident_templates[3].colour: unknown key 'colour'"));
    }
}
