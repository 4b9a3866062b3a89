package dev.lookout.status;

import dev.lookout.config.LookoutConfig;
import dev.lookout.config.MonitorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The monitors of a component for its page: each one's current state (from the read model's
 * {@link MonitorView}) and, per window (24 hours, 7 days, 30 days), its response times as a chart
 * and in figures (average, median, p95), in the page's language, from {@link ResponseTimes}.
 */
public final class ComponentCharts {
    /** One monitor, its state as the page shows it (null when unknown to the read model) and its charts, in window order. */
    public record MonitorCharts(String name, String type, MonitorView view, List<Chart> charts) {
        public MonitorCharts(String name, String type, List<Chart> charts) {
            this(name, type, null, charts);
        }
    }

    /**
     * One window: its label; the SVG of its lines, or null when fewer than
     * {@link ResponseTimeChart#MIN_POINTS} periods have results; the top of its scale ("500 ms");
     * its figures in words; and whether any result of the window reached its target.
     */
    public record Chart(String label, String svg, String scaleTop, String figures, boolean hasData) {
        public Chart(String label, String svg, boolean hasData) {
            this(label, svg, "", "", hasData);
        }

        /** The bottom of the scale, in the unit of its top. */
        public String scaleZero() {
            return ResponseTimeChart.millis(0);
        }
    }

    private final Supplier<LookoutConfig> config;
    private final ResponseTimes times;
    private final Function<String, Optional<MonitorView>> monitors;

    /** @param monitors a monitor's view by id, as the read model has it ({@link StatusReadModel#monitor}) */
    public ComponentCharts(Supplier<LookoutConfig> config, ResponseTimes times, Function<String, Optional<MonitorView>> monitors) {
        this.config = config;
        this.times = times;
        this.monitors = monitors;
    }

    /** The component's unpaused monitors with their charts, in configuration order. */
    public List<MonitorCharts> of(String componentId, PageText text) {
        List<MonitorCharts> out = new ArrayList<>();
        for (MonitorConfig monitor : config.get().monitors()) {
            if (!componentId.equals(monitor.componentId()) || monitor.paused()) {
                continue;
            }
            List<Chart> charts = new ArrayList<>();
            for (ResponseTimes.Window window : ResponseTimes.Window.values()) {
                List<ResponseTimeChart.Point> points = times.of(monitor.id(), window);
                ResponseTimes.Summary summary = times.summary(monitor.id(), window);
                String label = text.chartWindow(window);
                String figures = summary.any() ? text.chartFigures(ResponseTimeChart.millis(summary.avgMillis()),
                        ResponseTimeChart.millis(summary.p50Millis()), ResponseTimeChart.millis(summary.p95Millis()))
                        : text.chartNoData();
                String svg = ResponseTimeChart.svg("rt-" + monitor.id() + "-" + window.name().toLowerCase(Locale.ROOT),
                        text.chartTitle(monitor.name(), label), figures, points);
                charts.add(new Chart(label, svg, ResponseTimeChart.millis(ResponseTimeChart.top(points)), figures,
                        summary.any()));
            }
            out.add(new MonitorCharts(monitor.name(), monitor.type(), monitors.apply(monitor.id()).orElse(null), charts));
        }
        return out;
    }
}
