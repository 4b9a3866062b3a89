package dev.lookout.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line chart of response times: the average per period and its p95, on a scale
 * from 0 to the highest p95, with the scale's top and the window's ends labelled. No script, no
 * external asset; its {@code <title>} and {@code <desc>} say in words what the lines show, for
 * screen readers and for anyone without images. Colours come from the page's CSS
 * ({@code .rt-avg}, {@code .rt-p95}), so both themes apply.
 */
public final class ResponseTimeChart {
    static final int WIDTH = 600;
    static final int HEIGHT = 140;
    private static final int LEFT = 44;
    private static final int TOP = 10;
    private static final int BOTTOM = 20;

    /** One period: its start, the average and p95 latency in milliseconds, or NaN without results. */
    public record Point(Instant start, double avgMillis, double p95Millis) {
    }

    private ResponseTimeChart() {
    }

    /**
     * @param title  what the chart is, in the page's language ("Response time, last 24 hours")
     * @param desc   the summary in words ("average 120 ms, p95 at most 310 ms")
     * @param from   label of the left end; {@code to} of the right end
     */
    public static String svg(String id, String title, String desc, String from, String to, List<Point> points) {
        double max = points.stream().mapToDouble(p -> Double.isNaN(p.p95Millis()) ? 0 : Math.max(p.p95Millis(), p.avgMillis()))
                .max().orElse(0);
        double top = niceCeiling(max);
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg class=\"rt-chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"").append(escape(id)).append("-t ").append(escape(id))
                .append("-d\" preserveAspectRatio=\"none\">")
                .append("<title id=\"").append(escape(id)).append("-t\">").append(escape(title)).append("</title>")
                .append("<desc id=\"").append(escape(id)).append("-d\">").append(escape(desc)).append("</desc>");
        int plotBottom = HEIGHT - BOTTOM;
        svg.append("<line class=\"rt-axis\" x1=\"").append(LEFT).append("\" y1=\"").append(plotBottom).append("\" x2=\"")
                .append(WIDTH).append("\" y2=\"").append(plotBottom).append("\"/>");
        svg.append("<line class=\"rt-grid\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
                .append(WIDTH).append("\" y2=\"").append(TOP).append("\"/>");
        svg.append("<text class=\"rt-label\" x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 4)
                .append("\" text-anchor=\"end\">").append(escape(millis(top))).append("</text>");
        svg.append("<text class=\"rt-label\" x=\"").append(LEFT - 4).append("\" y=\"").append(plotBottom)
                .append("\" text-anchor=\"end\">0</text>");
        svg.append("<text class=\"rt-label\" x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 4).append("\">")
                .append(escape(from)).append("</text>");
        svg.append("<text class=\"rt-label\" x=\"").append(WIDTH).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\">").append(escape(to)).append("</text>");
        if (top > 0) {
            line(svg, "rt-p95", points, top, true);
            line(svg, "rt-avg", points, top, false);
        }
        return svg.append("</svg>").toString();
    }

    /** Polylines broken where a period has no results, so a gap never looks like a fast period. */
    private static void line(StringBuilder svg, String cssClass, List<Point> points, double top, boolean p95) {
        int n = points.size();
        double step = n <= 1 ? 0 : (double) (WIDTH - LEFT) / (n - 1);
        StringBuilder run = new StringBuilder();
        int inRun = 0;
        for (int i = 0; i <= n; i++) {
            double v = i == n ? Double.NaN : p95 ? points.get(i).p95Millis() : points.get(i).avgMillis();
            if (Double.isNaN(v)) {
                if (inRun == 1) {
                    run.append(' ').append(run.substring(0, run.length())); // a lone point: a dot-long segment
                }
                if (inRun > 0) {
                    svg.append("<polyline class=\"").append(cssClass).append("\" points=\"").append(run.toString().strip())
                            .append("\"/>");
                }
                run.setLength(0);
                inRun = 0;
                continue;
            }
            double x = LEFT + (n == 1 ? (WIDTH - LEFT) / 2.0 : i * step);
            double y = TOP + (HEIGHT - BOTTOM - TOP) * (1 - Math.min(v, top) / top);
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
