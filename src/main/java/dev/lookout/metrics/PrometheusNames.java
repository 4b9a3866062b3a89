package dev.lookout.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Renames the meters of Micrometer's binders whose Prometheus names break Prometheus's naming
 * rules (and so {@code promtool check metrics}): a gauge ending in {@code _count}, which is
 * reserved for histograms and summaries, and a CPU time in nanoseconds, where Prometheus wants
 * base units. Nothing is dropped: the CPU time is measured again in seconds by {@link ProcessCpu}.
 */
final class PrometheusNames implements MeterFilter {
    /** Micrometer's {@code process_cpu_time_ns_total}: nanoseconds, replaced by {@link ProcessCpu}. */
    static final String CPU_TIME_NANOS = "process.cpu.time";

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getName().equals(CPU_TIME_NANOS) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        // A gauge counts things with a plural name; "_count" belongs to histograms (Prometheus's naming practices).
        return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
    }
}
