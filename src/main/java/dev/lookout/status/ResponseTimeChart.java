package dev.lookout.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The lines of an inline SVG response-time chart: the average per period and its p95, on a scale
 * from 0 to {@link #top(List)}. The SVG is stretched to the width of the page
 * ({@code preserveAspectRatio="none"}), so it holds no text: the scale and the window's ends are
 * HTML beside it (component.jte), which keeps its letters' shape at any width. No script, no
 * external asset; its {@code <title>} and {@code <desc>} say in words what the lines show, for
 * screen readers and for anyone without images. Colours come from the page's CSS
 * ({@code .rt-avg}, {@code .rt-p95}), so both themes apply.
 *
 * <p>A chart needs {@link #MIN_POINTS} periods with results: one hourly point on a new install
 * would be a line of length zero, a stray dot in an empty frame. A period with results between two
 * without is drawn as a round marker, not a dot-long segment.
 */
public final class ResponseTimeChart {
    /** Periods with results a chart needs; with fewer the page says there is not enough data yet. */
    public static final int MIN_POINTS = 2;
    static final int WIDTH = 600;
    static final int HEIGHT = 120;

    /** One period: its start, the average and p95 latency in milliseconds, or NaN without results. */
    public record Point(Instant start, double avgMillis, double p95Millis) {
    }

    private ResponseTimeChart() {
    }

    /** Whether enough periods have results to draw lines. */
    public static boolean drawable(List<Point> points) {
        return points.stream().filter(p -> !Double.isNaN(p.avgMillis())).count() >= MIN_POINTS;
    }

    /** The top of the scale: the next 1, 2 or 5 times a power of ten above the highest p95 (or average). */
    public static double top(List<Point> points) {
        return niceCeiling(points.stream().mapToDouble(p -> Double.isNaN(p.p95Millis()) ? 0 : Math.max(p.p95Millis(), p.avgMillis()))
                .max().orElse(0));
    }

    /**
     * @param title what the chart is, in the page's language ("Response time, last 24 hours")
     * @param desc  the summary in words ("average 120 ms, p95 at most 310 ms")
     * @return the SVG, or null when the points are not {@link #drawable}
     */
    public static String svg(String id, String title, String desc, List<Point> points) {
        double top = top(points);
        if (!drawable(points) || top <= 0) {
            return null;
        }
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg class=\"rt-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(escape(id)).append("-t ").append(escape(id))
                .append("-d\" preserveAspectRatio=\"none\">")
                .append("<title id=\"").append(escape(id)).append("-t\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(escape(id)).append("-d\">").append(escape(desc)).append("</desc>");
        svg.append("<line class=\"rt-grid\" x1=\"0\" y1=\"0.5\" x2=\"").append(WIDTH).append("\" y2=\"0.5\"/>");
        svg.append("<line class=\"rt-axis\" x1=\"0\" y1=\"").append(HEIGHT - 0.5).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(HEIGHT - 0.5).append("\"/>");
        line(svg, "rt-p95", points, top, true);
        line(svg, "rt-avg", points, top, false);
        return svg.append("</svg>").toString();
    }

    /**
     * Polylines broken where a period has no results, so a gap never looks like a fast period; a
     * lone period is a marker (a zero-length line whose round cap the CSS makes wide).
     */
    private static void line(StringBuilder svg, String cssClass, List<Point> points, double top, boolean p95) {
        int n = points.size();
        double step = n <= 1 ? 0 : (double) WIDTH / (n - 1);
        StringBuilder run = new StringBuilder();
        int inRun = 0;
        for (int i = 0; i <= n; i++) {
            double v = i == n ? Double.NaN : p95 ? points.get(i).p95Millis() : points.get(i).avgMillis();
            if (Double.isNaN(v)) {
                String coordinates = run.toString().strip();
                if (inRun == 1) {
                    String[] xy = coordinates.split(",");
                    svg.append("<line class=\"").append(cssClass).append(" rt-dot\" x1=\"").append(xy[0]).append("\" y1=\"")
                            .append(xy[1]).append("\" x2=\"").append(xy[0]).append("\" y2=\"").append(xy[1]).append("\"/>");
                } else if (inRun > 1) {
                    svg.append("<polyline class=\"").append(cssClass).append("\" points=\"").append(coordinates).append("\"/>");
                }
                run.setLength(0);
                inRun = 0;
                continue;
            }
            double x = n == 1 ? WIDTH / 2.0 : i * step;
            double y = HEIGHT * (1 - Math.min(v, top) / top);
            run.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            inRun++;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 0;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double f : new double[] {1, 2, 5, 10}) {
            if (f * magnitude >= value) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String millis(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.0f s", ms / 1000).replace(".0 s", " s") : String.format(Locale.ROOT,
                "%.0f ms", ms);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
