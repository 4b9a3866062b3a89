package dev.lookout.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** The JVM and process meters, as Prometheus's own linter sees them. */
class MetricsRegistryTest {

    @Test
    void promtool_accepts_the_jvm_and_process_meters() throws Exception {
        PrometheusMeterRegistry registry = MetricsRegistry.create();

        Promtool.Verdict verdict = Promtool.checkMetrics(registry.scrape());

        assertThat(verdict.output()).isEmpty();
        assertThat(verdict.exit()).isZero();
    }

    @Test
    void renames_what_promtool_refuses_and_drops_nothing() {
        String scrape = MetricsRegistry.create().scrape();

        assertThat(scrape).doesNotContain("process_cpu_time_ns_total").doesNotContain("system_cpu_count")
                .contains("# TYPE process_cpu_seconds_total counter").contains("# TYPE system_cpus gauge")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_cpu_usage");
        double cpuSeconds = scrape.lines().filter(l -> l.startsWith("process_cpu_seconds_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
        assertThat(cpuSeconds).as("seconds, not nanoseconds").isGreaterThan(0).isLessThan(100_000);
    }
}
