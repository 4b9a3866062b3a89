package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckTypes;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The JSON Schema and the readers describe the same file, because both come from the keys the
 * readers declare: a document with every declared key has no unknown key for the loader and is
 * valid for the schema, and what the loader rejects as unknown or mistyped the schema rejects too.
 */
class ConfigSchemaTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("DB_PORT", "5432", "PAUSED", "yes");
    private final CheckTypes types = CheckTypes.standard();
    private final Channels channels = Channels.standard();
    private final ConfigLoader loader = new ConfigLoader(types, channels, ENVIRONMENT);
    private final SchemaValidation schema = new SchemaValidation(ConfigSchema.text(types, channels));
    private int ids;

    @Test
    void every_declared_key_is_read_by_its_reader() throws Exception {
        String everything = everyKey();

        assertThat(loaderErrors(everything)).as("errors of the document with every declared key:\n%s", everything)
                .noneMatch(error -> error.contains("unknown key"))
                .isNotEmpty(); // its made-up values are wrong in other ways (ids that do not exist), as expected
    }

    @Test
    void the_document_with_every_declared_key_is_valid_for_the_schema() throws Exception {
        String everything = everyKey();

        assertThat(schema.errors(everything)).as(everything).isEmpty();
    }

    @Test
    void a_reader_that_reads_a_key_it_does_not_declare_fails_loudly() {
        ConfigNode node = new ConfigNode(new Yaml().compose(new StringReader("a: 1\n")), "section", null,
                new ConfigErrors("lookout.yaml"), new EnvironmentSubstitution(Map.of()));
        node.string("a");
        node.string("b");

        assertThatThrownBy(() -> node.rejectUnknownKeys(List.of(ConfigKey.key("a", ValueShape.TEXT, null, "declared"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reads the key 'b' but does not declare it");
    }

    @Test
    void the_schema_accepts_what_the_loader_accepts_beyond_plain_values() {
        String yaml = """
                scheduler: { max_concurrent_checks: "${DB_PORT}", lag_threshold: 1.5s }
                components: [ { id: web, auto_incident: true }, { id: api, auto_incident: { after: 1m, impact: minor } } ]
                monitors:
                  - id: db
                    type: postgres
                    host: localhost
                    port: ${DB_PORT}
                    database: app
                    user: lookout
                    paused: ${PAUSED}
                    interval: 30s
                    tags: prod
                  - { id: web, type: http, url: "https://example.com", follow_redirects: off, expected_status: [200, 2xx] }
                  - { id: ns, type: dns, name: example.com, record_type: aaaa, conditions: [ "dns.rcode == NOERROR" ] }
                alerting: { storage_alarm_after: off, routes: [ { channels: [] , on: [down, flapping] } ] }
                """;

        assertThat(loaderErrors(yaml)).isEmpty();
        assertThat(schema.errors(yaml)).isEmpty();
    }

    @Test
    void the_schema_rejects_unknown_keys_as_the_loader_does() {
        for (String yaml : List.of(
                "servr: { listen: \":8080\" }\n",
                "server: { listen: \":8080\", public_ulr: \"https://status.example.com\" }\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", intervall: 30s } ]\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", port: 443 } ]\n",
                "monitors: [ { id: a, type: tcp, host: example.com, port: 22, heartbeat: x } ]\n",
                "channels: [ { id: c, type: slack, url: \"https://hooks.slack.com/x\", topic: alerts } ]\n",
                "alerting: { routes: [ { channels: [], escalate: [ { after: 5m, channels: [], to: x } ] } ] }\n")) {
            assertThat(loaderErrors(yaml)).as(yaml).anyMatch(error -> error.contains("unknown key"));
            assertThat(schema.errors(yaml)).as(yaml).isNotEmpty();
        }
    }

    @Test
    void the_schema_rejects_values_of_the_wrong_kind_as_the_loader_does() {
        for (String yaml : List.of(
                "server: \":8080\"\n",
                "monitors: { id: a }\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", interval: 30 } ]\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", failure_threshold: many } ]\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", failure_threshold: 0 } ]\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", paused: maybe } ]\n",
                "monitors: [ { id: a, type: http, url: \"https://example.com\", headers: [ \"X-A: b\" ] } ]\n",
                "monitors: [ { id: a, type: http, url: [ \"https://example.com\" ] } ]\n",
                "monitors: [ { id: a, type: gopher, url: \"gopher://example.com\" } ]\n",
                "monitors: [ { id: a, type: http } ]\n",
                "monitors: [ { id: a, type: icmp, host: example.com, method: carrier-pigeon } ]\n",
                "channels: [ { id: c, type: email, host: smtp.example.com, from: a@example.com } ]\n",
                "pages: [ { id: p, language: latin } ]\n")) {
            assertThat(loaderErrors(yaml)).as(yaml).isNotEmpty();
            assertThat(schema.errors(yaml)).as(yaml).isNotEmpty();
        }
    }

    private List<String> loaderErrors(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
            return List.of();
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
    }

    /** A document with every key the shapes declare: one monitor per check type, one channel per channel type. */
    private String everyKey() throws Exception {
        Object document = sample(LookoutShape.document(types, channels));
        return new YAMLMapper().writeValueAsString(new ObjectMapper().valueToTree(document));
    }

    private Object sample(ValueShape shape) {
        return switch (shape) {
            case ValueShape.Text t -> t.choices().isEmpty() ? "sample" : t.choices().getFirst();
            case ValueShape.DurationText d -> "1m";
            case ValueShape.WholeNumber n -> n.min();
            case ValueShape.Flag f -> true;
            case ValueShape.ListOf l when l.element() instanceof ValueShape.Mapping m && m.discriminator() != null -> {
                List<Object> all = new ArrayList<>();
                m.variants().keySet().forEach(variant -> all.add(sample(m, variant)));
                yield all;
            }
            case ValueShape.ListOf l -> List.of(sample(l.element()));
            case ValueShape.NamedTexts n -> Map.of("X-Sample", "sample");
            case ValueShape.AnyOf a -> sample(a.shapes().getLast());
            case ValueShape.Mapping m -> sample(m, null);
        };
    }

    private Map<String, Object> sample(ValueShape.Mapping mapping, String variant) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ConfigKey key : mapping.keysOf(variant)) {
            out.put(key.name(), key.name().equals(mapping.discriminator()) ? variant
                    : key.name().equals("id") ? "id" + ++ids : sample(key.shape()));
        }
        return out;
    }
}
