package dev.lookout.status;

import dev.lookout.check.CheckResult;
import dev.lookout.config.LookoutConfig;
import dev.lookout.evaluate.VantageVerdicts;
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
    public record MonitorCharts(String name, String type, MonitorView view, List<Chart> charts, List<VantageRow> vantage) {
        public MonitorCharts {
            charts = List.copyOf(charts);
            vantage = List.copyOf(vantage);
        }

        public MonitorCharts(String name, String type, MonitorView view, List<Chart> charts) {
            this(name, type, view, charts, List.of());
        }

        public MonitorCharts(String name, String type, List<Chart> charts) {
            this(name, type, null, charts);
        }
    }

    /**
     * One vantage point of a monitor checked from several (issue 14), as its component's page shows
     * it: its name and region, its own verdict in words and as a state class, when it last checked
     * (null: not yet), how that check ended when it did not pass, its phases' timings in words, and
     * whether its vote counts now (a stale, silent or suspect point's does not).
     */
    public record VantageRow(String name, String region, String verdict, String verdictClass, java.time.Instant checkedAt,
                             String outcome, String timings, boolean counted) {
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
    private final Function<String, List<VantageVerdicts.Point>> vantage;

    /** @param monitors a monitor's view by id, as the read model has it ({@link StatusReadModel#monitor}) */
    public ComponentCharts(Supplier<LookoutConfig> config, ResponseTimes times, Function<String, Optional<MonitorView>> monitors) {
        this(config, times, monitors, id -> List.of());
    }

    /** @param vantage each vantage point of a monitor checked from several, with what it says (empty for the others) */
    public ComponentCharts(Supplier<LookoutConfig> config, ResponseTimes times, Function<String, Optional<MonitorView>> monitors,
                           Function<String, List<VantageVerdicts.Point>> vantage) {
        this.config = config;
        this.times = times;
        this.monitors = monitors;
        this.vantage = vantage;
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
            out.add(new MonitorCharts(monitor.name(), monitor.type(), monitors.apply(monitor.id()).orElse(null), charts,
                    vantageRows(monitor.id(), text)));
        }
        return out;
    }

    private List<VantageRow> vantageRows(String monitorId, PageText text) {
        List<VantageVerdicts.Point> points = vantage.apply(monitorId);
        if (points.isEmpty()) {
            return List.of();
        }
        java.util.Map<String, String> regions = new java.util.HashMap<>();
        config.get().probes().forEach(p -> {
            if (p.region() != null) {
                regions.put(p.name(), p.region());
            }
        });
        List<VantageRow> rows = new ArrayList<>(points.size());
        for (VantageVerdicts.Point point : points) {
            CheckResult last = point.latest();
            rows.add(new VantageRow(point.name(), regions.get(point.name()), text.vantageVerdict(point.verdict()),
                    switch (point.verdict()) {
                        case UP -> ComponentStatus.OPERATIONAL.code();
                        case DOWN -> ComponentStatus.MAJOR_OUTAGE.code();
                        case UNKNOWN -> ComponentStatus.NO_DATA.code();
                    }, last == null ? null : last.startedAt(), last == null ? null : text.vantageOutcome(last.outcome()),
                    last == null ? null : text.phases(last.timings()),
                    point.healthy()));
        }
        return rows;
    }

}
