package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.importer.Imported;
import dev.lookout.importer.Variable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import's own check of what it wrote: a file Lookout would refuse is reported as the importer's fault. */
class ImportOutputTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int write(Imported imported) {
        ImportOutput output = new ImportOutput();
        output.out = dir.resolve("lookout.yaml");
        return output.write(imported, "the source", new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void a_file_that_does_not_load_is_written_listed_and_exits_1() throws Exception {
        Imported broken = new Imported("monitors:\n  - { id: a, type: http, url: \"${A_URL}\", interval: 5x }\n", "1 monitor",
                List.of(), List.of(new Variable("A_URL", "https://example.org/", "the URL")), List.of());

        assertThat(write(broken)).isEqualTo(1);
        assertThat(err.toString()).contains("lookout.yaml:2:53 monitors[0].interval: '5x' is not a duration",
                "was written but does not validate: a fault of the importer");
        assertThat(Files.readString(dir.resolve("lookout.yaml"))).isEqualTo(broken.yaml());
    }

    @Test
    void a_file_that_loads_with_its_variables_set_to_samples_exits_0() {
        Imported fine = new Imported("monitors:\n  - { id: a, type: http, url: \"${A_URL}\" }\n", "1 monitor",
                List.of("monitor 'b' (docker): not imported: Lookout has no docker check"),
                List.of(new Variable("A_URL", "https://example.org/", "the URL of monitor 'a'")), List.of());

        assertThat(write(fine)).isZero();
        assertThat(out.toString()).isEqualTo("""
                wrote %1$s: 1 monitor
                not carried over (1):
                  monitor 'b' (docker): not imported: Lookout has no docker check
                set these environment variables (their values stay in the source; none was written to %1$s):
                  A_URL  the URL of monitor 'a'
                %1$s: valid (1 monitors, 0 components) once these variables are set
                """.formatted(dir.resolve("lookout.yaml")));
    }
}
