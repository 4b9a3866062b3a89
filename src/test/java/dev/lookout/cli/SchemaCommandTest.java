package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.DocumentedYaml;
import dev.lookout.config.SchemaValidation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lookout schema} prints the JSON Schema that docs/lookout.schema.json and the jar carry,
 * and every documented example is valid for it and for {@code lookout validate}.
 */
class SchemaCommandTest {
    private static final Path COMMITTED = Path.of("docs/lookout.schema.json");

    @TempDir
    Path dir;

    @Test
    void prints_the_schema_that_the_documentation_and_the_jar_carry() throws IOException {
        RunningLookout.Run run = RunningLookout.runWith(DocumentedYaml.ENVIRONMENT, "", "schema");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).as("docs/lookout.schema.json is out of date: write `lookout schema` to it")
                .isEqualTo(Files.readString(COMMITTED));
        try (InputStream inJar = SchemaCommandTest.class.getResourceAsStream("/lookout.schema.json")) {
            assertThat(inJar).as("lookout.schema.json in the jar").isNotNull();
            assertThat(new String(inJar.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(run.out());
        }
    }

    @Test
    void the_bundled_example_names_the_schema_and_is_valid_for_it() throws IOException {
        String example = Files.readString(Path.of("examples/lookout.yaml"));

        assertThat(example.lines().findFirst()).hasValue("# yaml-language-server: $schema=../docs/lookout.schema.json");
        assertThat(schema().errors(example)).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_documented_example_is_valid_for_the_schema_and_for_lookout_validate() throws IOException {
        SchemaValidation schema = schema();
        List<DocumentedYaml.YamlBlock> blocks = DocumentedYaml.blocks();
        assertThat(blocks).isNotEmpty();
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.toString(), () -> {
            assertThat(schema.errors(block.text())).as("JSON Schema errors of %s:\n%s", block, block.text()).isEmpty();

            Path file = Files.writeString(dir.resolve("example-" + block.line() + ".yaml"), block.text());
            RunningLookout.Run run = RunningLookout.runWith(DocumentedYaml.ENVIRONMENT, "", "validate", file.toString());
            assertThat(run.exit()).as("lookout validate on %s: %s", block, run.err()).isZero();
        }));
    }

    private static SchemaValidation schema() throws IOException {
        return new SchemaValidation(Files.readString(COMMITTED));
    }
}
