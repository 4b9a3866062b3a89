package dev.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lookout.DocumentedYaml.YamlBlock;
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
    private static final Path CONFIGURATION = Path.of("docs/configuration.md");
    /** The README and every page of the reference. */
    private static final List<Path> DOCUMENTATION = DocumentedYaml.PAGES;
    private static final Pattern TOP_LEVEL_KEY =
            Pattern.compile("^(server|storage|components|monitors|dns|scheduler|heartbeat|channels|alerting|pages|probes|maintenance|subscriptions|accounts|retention|incident_templates):.*");
    private static final Map<String, String> ENVIRONMENT = DocumentedYaml.ENVIRONMENT;

    private final Channels channels = Channels.standard();
    private final CheckTypes types = CheckTypes.standard();
    private final ConfigLoader loader = new ConfigLoader(types, channels, ENVIRONMENT);

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

    private static String allText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path page : DOCUMENTATION) {
            text.append(Files.readString(page)).append('\n');
        }
        return text.toString();
    }

    private static List<YamlBlock> allYamlBlocks() throws IOException {
        return DocumentedYaml.blocks();
    }
}
