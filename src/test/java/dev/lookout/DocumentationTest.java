package dev.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lookout.alert.channel.ChannelType;
import dev.lookout.alert.channel.Channels;
import dev.lookout.check.CheckType;
import dev.lookout.check.CheckTypes;
import dev.lookout.config.ChannelConfig;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the documentation honest: every registered check type and channel type is documented with
 * an example that validates, and every YAML example in README.md and docs/*.md still loads.
 * Lookout's configuration is fenced as {@code ```yaml}; YAML for other programs (Prometheus) as
 * {@code ```yml}, which this test leaves alone.
 */
class DocumentationTest {
    private static final Path README = Path.of("README.md");
    private static final Path CONFIGURATION = Path.of("docs/configuration.md");
    /** The README and every page of the reference. */
    private static final List<Path> DOCUMENTATION = documentation();
    private static final Pattern TOP_LEVEL_KEY =
            Pattern.compile("^(server|storage|components|monitors|dns|scheduler|heartbeat|channels|alerting|pages|probes|maintenance|subscriptions|accounts):.*");
    /** The variables the documented examples use; the loader fails on an unset one without a default. */
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("API_TOKEN", "token-from-the-environment"),
            Map.entry("PROBE_PASSWORD", "password-from-the-environment"),
            Map.entry("LOOKOUT_DB_PASSWORD", "db-password-from-the-environment"),
            Map.entry("REDIS_PASSWORD", "redis-password-from-the-environment"),
            Map.entry("DB_PASSWORD", "monitored-db-password-from-the-environment"),
            Map.entry("PING_KEY", "ping-key-from-the-environment"),
            Map.entry("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX"),
            Map.entry("PAGERDUTY_ROUTING_KEY", "routing-key-from-the-environment"),
            Map.entry("WEBHOOK_SECRET", "signing-key-from-the-environment"),
            Map.entry("OIDC_SECRET", "oidc-client-secret-from-the-environment"),
            Map.entry("WEBHOOK_TOKEN", "webhook-token-from-the-environment"),
            Map.entry("DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1234/XXXX"),
            Map.entry("TEAMS_WEBHOOK_URL", "https://example.webhook.office.com/webhookb2/XXXX"),
            Map.entry("MATTERMOST_WEBHOOK_URL", "https://mattermost.example.com/hooks/XXXX"),
            Map.entry("SMTP_PASSWORD", "smtp-password-from-the-environment"),
            Map.entry("OPSGENIE_API_KEY", "opsgenie-key-from-the-environment"),
            Map.entry("TELEGRAM_BOT_TOKEN", "123456789:AAbot-token-from-the-environment"),
            Map.entry("NTFY_TOKEN", "tk_ntfy-token-from-the-environment"),
            Map.entry("PUSHOVER_TOKEN", "pushover-token-from-the-environment"),
            Map.entry("PUSHOVER_USER", "pushover-user-from-the-environment"),
            Map.entry("GOTIFY_TOKEN", "gotify-token-from-the-environment"),
            Map.entry("LOOKOUT_ADMIN_TOKEN", "admin-token-from-the-environment"),
            // docs/importing.md shows what the importers write
            Map.entry("API_HEALTH_HEADER_AUTHORIZATION", "Bearer token-from-the-environment"),
            Map.entry("SLACK_URL", "https://hooks.slack.com/services/T000/B000/XXXX"),
            Map.entry("HC_PING_KEY", "ping-key-from-the-environment"));

    private final Channels channels = Channels.standard();
    private final CheckTypes types = CheckTypes.standard();
    private final ConfigLoader loader = new ConfigLoader(types, channels, ENVIRONMENT);

    /** One fenced ```yaml block and the line its first content line is on. */
    private record YamlBlock(Path file, int line, String text) {
        String firstContentLine() {
            return text.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).findFirst().orElse("");
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    @Test
    void every_check_type_has_a_type_example_in_the_documentation() throws IOException {
        String docs = allText();
        List<String> missing = types.all().stream().map(CheckType::name).filter(name -> !docs.contains("type: " + name)).toList();
        assertThat(missing).as("check types without a 'type: NAME' example in the documentation").isEmpty();
    }

    @Test
    void every_check_type_has_a_validated_example_with_a_monitor_of_that_type() throws IOException {
        Set<String> typesInValidExamples = new HashSet<>();
        for (YamlBlock block : allYamlBlocks()) {
            try {
                loader.parse(block.toString(), block.text()).monitors().stream().map(MonitorConfig::type)
                        .forEach(typesInValidExamples::add);
            } catch (ConfigException e) {
                // reported by documented_yaml_examples_validate
            }
        }
        assertThat(typesInValidExamples).as("types with a documented example that validates")
                .containsAll(types.all().stream().map(CheckType::name).toList());
    }

    @Test
    void every_check_type_has_a_section_in_the_configuration_reference() throws IOException {
        List<String> headings = Files.readAllLines(CONFIGURATION).stream().filter(l -> l.startsWith("#")).toList();
        for (CheckType type : types.all()) {
            assertThat(headings).as("docs/configuration.md has a heading with 'type: %s'", type.name())
                    .anySatisfy(heading -> assertThat(heading).contains("type: " + type.name()));
        }
    }

    @Test
    void every_placeholder_of_every_check_type_is_documented() throws IOException {
        String docs = Files.readString(Path.of("docs/conditions.md"));
        List<String> missing = types.all().stream()
                .flatMap(type -> type.placeholders().stream().map(p -> type.name() + ": " + p))
                .filter(entry -> !docs.contains("`" + entry.substring(entry.indexOf(": ") + 2) + "`"))
                .toList();
        assertThat(missing).as("placeholders not documented (in backticks) in docs/conditions.md").isEmpty();
    }

    @Test
    void every_channel_type_has_a_validated_example_with_a_channel_of_that_type() throws IOException {
        Set<String> typesInValidExamples = new HashSet<>();
        for (YamlBlock block : allYamlBlocks()) {
            try {
                loader.parse(block.toString(), block.text()).channels().stream().map(ChannelConfig::type)
                        .forEach(typesInValidExamples::add);
            } catch (ConfigException e) {
                // reported by documented_yaml_examples_validate
            }
        }
        assertThat(typesInValidExamples).as("channel types with a documented example that validates")
                .containsAll(channels.all().stream().map(ChannelType::name).toList());
    }

    @Test
    void every_channel_type_has_a_section_in_the_configuration_reference() throws IOException {
        List<String> headings = Files.readAllLines(CONFIGURATION).stream().filter(l -> l.startsWith("### ")).toList();
        List<String> missing = channels.all().stream().map(ChannelType::name)
                .filter(name -> headings.stream().noneMatch(h -> h.contains("Channel `type: " + name + "`"))).toList();
        assertThat(missing).as("channel types without a '### Channel `type: NAME`' section in docs/configuration.md").isEmpty();
    }

    @Test
    void the_bundled_example_loads_as_the_readme_says() throws Exception {
        LookoutConfig config = loader.load(Path.of("examples/lookout.yaml"));
        assertThat(config.storage().url()).isEqualTo("sqlite:./data/lookout.db");
        assertThat(config.server().port()).isEqualTo(8080);
    }

    @TestFactory
    Stream<DynamicTest> documented_yaml_examples_validate() throws IOException {
        List<YamlBlock> blocks = allYamlBlocks();
        assertThat(blocks).as("YAML examples found").isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            assertThat(block.firstContentLine()).as("%s starts with a top-level key, so that it can be validated", block)
                    .matches(TOP_LEVEL_KEY);
            try {
                loader.parse(block.toString(), block.text());
            } catch (ConfigException e) {
                fail("the example at " + block + " does not validate: " + e.getMessage());
            }
        }));
    }

    private static List<Path> documentation() {
        try (Stream<Path> pages = Files.list(Path.of("docs"))) {
            List<Path> all = new ArrayList<>(List.of(README));
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(all::add);
            return List.copyOf(all);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String allText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path page : DOCUMENTATION) {
            text.append(Files.readString(page)).append('\n');
        }
        return text.toString();
    }

    private static List<YamlBlock> allYamlBlocks() throws IOException {
        List<YamlBlock> blocks = new ArrayList<>();
        for (Path page : DOCUMENTATION) {
            blocks.addAll(yamlBlocks(page));
        }
        return blocks;
    }

    private static List<YamlBlock> yamlBlocks(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<YamlBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```yaml")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                fail(file + ":" + (i + 1) + ": ```yaml block is not closed");
            }
            blocks.add(new YamlBlock(file, start + 1, String.join("\n", lines.subList(start, end)) + "\n"));
            i = end;
        }
        return blocks;
    }
}
