package dev.lookout.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;

/**
 * The CPU time of this process as {@code process_cpu_seconds_total}, the name every Prometheus
 * client library uses for it (Micrometer's own is in nanoseconds, see {@link PrometheusNames}).
 */
final class ProcessCpu {
    private ProcessCpu() {
    }

    static void bindTo(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", os, bean -> bean.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds").description("CPU time used by the Lookout process").register(registry);
        }
    }
}
