package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout export-config}: the console's monitors as YAML that {@code lookout validate} accepts beside the file. */
class ExportConfigCommandTest {
    @TempDir
    Path dir;

    private static void create(ConsoleNode lookout, String yaml) throws Exception {
        HttpResponse<String> created = NodeHttp.HTTP.send(lookout.request("admin", "/api/v1/monitors")
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void the_exported_monitors_validate_beside_the_file_and_a_clash_with_it_is_an_error_at_its_line() throws Exception {
        Path exported = dir.resolve("console-monitors.yaml");
        try (ConsoleNode lookout = new ConsoleNode(dir)) {
            create(lookout, """
                    # the new checkout service
                    id: checkout
                    type: tcp
                    host: 127.0.0.1
                    port: 9
                    interval: 30s
                    component: web
                    depends_on: [shop]
                    """);
            create(lookout, "{ id: search, type: http, url: \"http://127.0.0.1:9/health\", conditions: [\"status == 200\"] }");
        }
        Path config = dir.resolve("lookout.yaml");
        RunningLookout.Run export = RunningLookout.runWith(Map.of(), "", "export-config", "-c", config.toString(), "--out",
                exported.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote 2 console monitors to " + exported);
        String yaml = Files.readString(exported);
        assertThat(yaml).contains("monitors:\n  - # the new checkout service\n    id: checkout\n", "    depends_on: [shop]\n",
                "  - { id: search, type: http");

        RunningLookout.Run valid = RunningLookout.runWith(Map.of(), "", "validate", config.toString(), "--monitors",
                exported.toString());
        assertThat(valid.exit()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("valid (5 monitors, 2 components)");

        RunningLookout.Run again = RunningLookout.runWith(Map.of(), "", "export-config", "-c", config.toString(), "--out",
                exported.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists");

        Files.writeString(config, Files.readString(config)
                + "  - { id: search, type: tcp, host: 127.0.0.1, port: 9 }\n");
        RunningLookout.Run clash = RunningLookout.runWith(Map.of(), "", "validate", config.toString(), "--monitors",
                exported.toString());
        assertThat(clash.exit()).isEqualTo(2);
        assertThat(clash.err()).contains(exported + ":14:1 monitor 'search'.id: 'search' is also defined in " + config
                + " line 13");
    }
}
