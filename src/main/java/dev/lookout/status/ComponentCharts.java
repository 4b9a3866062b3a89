package dev.lookout.status;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The response-time charts of a component's monitors for its page: for each monitor, one chart
 * per window (24 hours, 7 days, 30 days) in the page's language, from {@link ResponseTimes}.
 */
public final class ComponentCharts {
    /** One monitor and its charts, in window order. */
    public record MonitorCharts(String name, String type, List<Chart> charts) {
    }

    /** One window: its label, the SVG, and whether there was any result to draw. */
    public record Chart(String label, String svg, boolean hasData) {
    }

    private final Supplier<LookoutConfig> config;
    private final ResponseTimes times;

    public ComponentCharts(Supplier<LookoutConfig> config, ResponseTimes times) {
        this.config = config;
        this.times = times;
    }

    /** The charts of the component's unpaused monitors, in configuration order. */
    public List<MonitorCharts> of(String componentId, PageText text) {
        List<MonitorCharts> out = new ArrayList<>();
        for (MonitorConfig monitor : config.get().monitors()) {
            if (!componentId.equals(monitor.componentId()) || monitor.paused()) {
                continue;
            }
            List<Chart> charts = new ArrayList<>();
            for (ResponseTimes.Window window : ResponseTimes.Window.values()) {
                List<ResponseTimeChart.Point> points = times.of(monitor.id(), window);
                String label = text.chartWindow(window);
                double avg = points.stream().mapToDouble(ResponseTimeChart.Point::avgMillis).filter(v -> !Double.isNaN(v))
                        .average().orElse(Double.NaN);
                double p95 = points.stream().mapToDouble(ResponseTimeChart.Point::p95Millis).filter(v -> !Double.isNaN(v))
                        .max().orElse(Double.NaN);
                boolean any = !Double.isNaN(avg);
                String desc = any ? text.chartSummary(ResponseTimeChart.millis(avg), ResponseTimeChart.millis(p95))
                        : text.chartSummary(null, null);
                String svg = ResponseTimeChart.svg("rt-" + monitor.id() + "-" + window.name().toLowerCase(java.util.Locale.ROOT),
                        text.chartTitle(monitor.name(), label), desc, label, text.chartNow(), points);
                charts.add(new Chart(label, svg, any));
            }
            out.add(new MonitorCharts(monitor.name(), monitor.type(), charts));
        }
        return out;
    }
}
