package dev.lookout.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.config.MonitorConfig;
import dev.lookout.evaluate.MonitorState;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the per-monitor series say, and for which monitors, in a registry scraped as {@code /metrics} is. */
class MonitorMetricsTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2027-03-01T00:00:00Z");

    private final List<MonitorConfig> monitors = new ArrayList<>(List.of(monitor("web", "shop"), monitor("db", null)));
    private Set<String> owned = Set.of("web", "db");
    private final Map<String, CheckResult> latest = new HashMap<>();
    private final MonitorMetrics metrics = new MonitorMetrics(new MonitorMetrics.Sources(() -> List.copyOf(monitors),
            id -> owned.contains(id), id -> MonitorState.UP, id -> Optional.ofNullable(latest.get(id)), id -> Optional.empty()),
            "node-a");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    MonitorMetricsTest() {
        registry.getPrometheusRegistry().register(metrics);
    }

    private static MonitorConfig monitor(String id, String component) {
        return new MonitorConfig(id, id, "http", "", Duration.ofSeconds(30), Duration.ofSeconds(5), component, 1, 1, false,
                List.of(), null, id);
    }

    private void result(String id, Outcome outcome, long micros, Instant notAfter) {
        CheckResult result = new CheckResult(id, T0, outcome, "connection refused \"quoted\" {x=\"y\"}",
                Timings.totalOnly(micros), List.of(), notAfter);
        latest.put(id, result);
        metrics.record(result);
    }

    @Test
    void exports_only_the_monitors_this_node_checks() {
        owned = Set.of("web");

        String scrape = registry.scrape();

        assertThat(scrape).contains("lookout_monitor_up{component=\"shop\",monitor=\"web\",node=\"node-a\",type=\"http\"} 1")
                .doesNotContain("monitor=\"db\"");
    }

    @Test
    void sums_the_latencies_that_were_measured_and_keeps_the_certificate_through_a_failed_check() {
        result("web", Outcome.OK, 200_000, NOT_AFTER);
        result("web", Outcome.DEGRADED, 600_000, NOT_AFTER);
        result("web", Outcome.OK, Timings.NONE, null); // a ping without a duration: nothing measured
        result("web", Outcome.FAILED, 5_000_000, null); // could not connect: no latency, the certificate is still known

        String scrape = registry.scrape();

        assertThat(scrape).contains("lookout_monitor_latency_seconds_count{component=\"shop\",monitor=\"web\",node=\"node-a\",type=\"http\"} 2")
                .contains("lookout_monitor_latency_seconds_sum{component=\"shop\",monitor=\"web\",node=\"node-a\",type=\"http\"} 0.8")
                .contains("lookout_monitor_certificate_expiry_timestamp_seconds{component=\"shop\",monitor=\"web\",node=\"node-a\",type=\"http\"} "
                        + (double) NOT_AFTER.getEpochSecond())
                .doesNotContain("lookout_monitor_last_latency_seconds{")
                .as("results never become labels").doesNotContain("refused");
    }

    @Test
    void a_monitor_removed_by_a_reload_is_no_longer_exported() {
        result("db", Outcome.OK, 1_000, null);
        assertThat(registry.scrape()).contains("monitor=\"db\"");

        monitors.removeIf(m -> m.id().equals("db"));
        latest.clear();

        assertThat(registry.scrape()).doesNotContain("monitor=\"db\"");
    }
}
