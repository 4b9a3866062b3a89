package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Console monitors read beside the file: the file's reader, the file's context, the file's definitions first. */
class ManagedMonitorsConfigTest {
    private static final String FILE = """
            components:
              - { id: web, name: Web }
            monitors:
              - id: shop
                type: tcp
                host: 127.0.0.1
                port: 1
            """;

    private static ManagedMonitor console(String id, String yaml) {
        return new ManagedMonitor(id, yaml, 1, Instant.EPOCH, "ada", Instant.EPOCH, "ada");
    }

    private static LookoutConfig file() throws ConfigException {
        return new ConfigLoader(CheckTypes.standard(), Map.of()).parse("lookout.yaml", FILE);
    }

    @Test
    void a_console_monitor_gets_the_files_defaults_and_may_use_its_components_and_monitors() throws Exception {
        LookoutConfig merged = file().withManagedMonitors(List.of(console("api",
                "id: api\ntype: tcp\nhost: 127.0.0.1\nport: 2\ncomponent: web\ndepends_on: [shop]\n")));
        MonitorConfig api = merged.monitor("api").orElseThrow();
        assertThat(api.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(api.failureThreshold()).isEqualTo(3);
        assertThat(api.componentId()).isEqualTo("web");
        assertThat(api.dependsOn()).containsExactly("shop");
        assertThat(merged.origins().of("api").orElseThrow().fromFile()).isFalse();
        assertThat(merged.origins().of("shop").orElseThrow().line()).isEqualTo(4);
        assertThat(merged.origins().problems()).isEmpty();
    }

    @Test
    void an_invalid_console_monitor_is_left_out_with_its_errors_and_so_is_one_that_depends_on_it() throws Exception {
        LookoutConfig merged = file().withManagedMonitors(List.of(
                console("bad", "id: bad\ntype: tcp\nhost: 127.0.0.1\nport: 3\ninterval: 5x\n"),
                console("child", "id: child\ntype: tcp\nhost: 127.0.0.1\nport: 4\ndepends_on: [bad]\n"),
                console("fine", "id: fine\ntype: tcp\nhost: 127.0.0.1\nport: 5\n")));
        assertThat(merged.monitors()).extracting(MonitorConfig::id).containsExactly("shop", "fine");
        assertThat(merged.origins().problemsOf("bad")).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.path()).isEqualTo("interval");
            assertThat(e.toString()).isEqualTo("console monitor 'bad':5:11 interval: '5x' is not a duration"
                    + " (use e.g. 500ms, 30s, 5m, 1h, 7d)");
        });
        assertThat(merged.origins().problemsOf("child")).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("no monitor with id 'bad'"));
    }

    @Test
    void an_id_in_the_file_and_the_console_runs_the_files_definition_and_names_its_line() throws Exception {
        LookoutConfig merged = file().withManagedMonitors(List.of(console("shop",
                "id: shop\ntype: http\nurl: http://127.0.0.1:1/\n")));
        assertThat(merged.monitor("shop").orElseThrow().type()).isEqualTo("tcp");
        assertThat(merged.origins().problemsOf("shop")).singleElement().satisfies(e -> assertThat(e.message())
                .startsWith("'shop' is also defined in lookout.yaml line 4; the file's definition runs"));
        assertThat(merged.origins().of("shop").orElseThrow().yaml()).isEqualTo("id: shop\ntype: tcp\nhost: 127.0.0.1\nport: 1\n");
    }
}
