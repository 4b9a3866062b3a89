package dev.lookout.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example alerting rules of docs/metrics.md ({@code examples/prometheus/lookout-alerts.yml}),
 * checked and unit-tested by promtool: each alert fires on the series Lookout exports, with the
 * labels and text the docs show, and not on the healthy ones beside them.
 */
class PrometheusRulesTest {
    private static final Path RULES = Path.of("examples/prometheus/lookout-alerts.yml");

    @TempDir
    Path dir;

    @Test
    void the_example_rules_are_valid() throws Exception {
        Promtool.Verdict verdict = Promtool.checkRules(RULES);

        assertThat(verdict.exit()).as(verdict.output()).isZero();
        assertThat(verdict.output()).contains("SUCCESS: 6 rules found");
    }

    @Test
    void each_example_alert_fires_on_the_series_it_is_written_for() throws Exception {
        Files.copy(RULES, dir.resolve("lookout-alerts.yml"));
        Path tests = Files.copy(Path.of("src/test/resources/prometheus/lookout-alerts.test.yml"), dir.resolve("tests.yml"));

        Promtool.Verdict verdict = Promtool.testRules(tests);

        assertThat(verdict.exit()).as(verdict.output()).isZero();
        assertThat(verdict.output()).contains("SUCCESS");
    }
}
