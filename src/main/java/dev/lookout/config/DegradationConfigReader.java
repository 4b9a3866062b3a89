package dev.lookout.config;

import static dev.lookout.config.ConfigKey.key;
import static dev.lookout.config.ConfigKey.required;
import static dev.lookout.config.ValueShape.DURATION;
import static dev.lookout.config.ValueShape.TEXT;
import static dev.lookout.config.ValueShape.mapping;
import static dev.lookout.config.ValueShape.whole;

import java.time.Duration;

/** Reads a monitor's {@code degradation:} and {@code slo:} keys. */
final class DegradationConfigReader {
    private static final ValueShape.Mapping LATENCY = mapping(
            key("factor", TEXT, "2", "DEGRADED when the p95 latency exceeds this many times the baseline; 1.1..100"),
            key("for", DURATION, "10m", "... continuously for this long; 0s..1d"),
            key("window", DURATION, "10m", "Sliding window of the current p95; 1m..6h"),
            key("min_samples", whole(1, 100_000), "5", "Results needed in the window before the p95 is judged"));
    private static final ValueShape.Mapping ERROR_RATE = mapping(
            key("above", TEXT, "5%", "DEGRADED when the share of failed results over window exceeds this percentage"),
            key("window", DURATION, "10m", "Sliding window of the error rate; 1m..6h"),
            key("min_samples", whole(1, 100_000), "10", "Results needed in the window"));
    private static final ValueShape.Mapping DEGRADATION = mapping(
            key("latency", LATENCY, null, "Latency against the monitor's baseline"),
            key("error_rate", ERROR_RATE, null, "Share of failed results"));
    private static final ValueShape.Mapping SLO = mapping(
            required("target", TEXT, "Availability objective, 50%..99.999% (e.g. 99.9%)"),
            key("window", DURATION, "30d", "The objective's period; 1d..365d"));
    /** The monitor keys this reader reads. */
    static final java.util.List<ConfigKey> KEYS = java.util.List.of(
            key("degradation", DEGRADATION, null, "When a monitor that answers is DEGRADED"),
            key("slo", SLO, null, "A service level objective and its error budget"));

    private DegradationConfigReader() {
    }

    static DegradationConfig read(ConfigNode monitor) {
        ConfigNode node = monitor.get("degradation");
        DegradationConfig.Latency latency = node.has("latency") ? latency(node.get("latency")) : null;
        DegradationConfig.ErrorRate errorRate = node.has("error_rate") ? errorRate(node.get("error_rate")) : null;
        node.rejectUnknownKeys(DEGRADATION.keys());
        DegradationConfig.Slo slo = monitor.has("slo") ? slo(monitor.get("slo")) : null;
        return new DegradationConfig(latency, errorRate, slo);
    }

    private static DegradationConfig.Latency latency(ConfigNode node) {
        double factor = 2.0;
        String text = node.string("factor").orElse(null);
        if (text != null) {
            try {
                factor = Double.parseDouble(text.strip().replaceFirst("x$", ""));
            } catch (NumberFormatException e) {
                factor = 0;
            }
            if (factor < 1.1 || factor > 100) {
                node.get("factor").error("'" + text + "' is not a factor between 1.1 and 100 (e.g. 2 or 2.5)");
                factor = 2.0;
            }
        }
        Duration sustain = node.duration("for", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1));
        Duration window = node.duration("window", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(6));
        int min = node.integer("min_samples", 5, 1, 100_000);
        node.rejectUnknownKeys(LATENCY.keys());
        return new DegradationConfig.Latency(factor, sustain, window, min);
    }

    private static DegradationConfig.ErrorRate errorRate(ConfigNode node) {
        double above = percent(node, "above", 0.05, 0.0001, 1);
        Duration window = node.duration("window", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(6));
        int min = node.integer("min_samples", 10, 1, 100_000);
        node.rejectUnknownKeys(ERROR_RATE.keys());
        return new DegradationConfig.ErrorRate(above, window, min);
    }

    private static DegradationConfig.Slo slo(ConfigNode node) {
        if (!node.has("target")) {
            node.error("missing key 'target' (e.g. 99.9%)");
        }
        double target = percent(node, "target", 0.999, 0.5, 0.99999);
        Duration window = node.duration("window", Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(365));
        node.rejectUnknownKeys(SLO.keys());
        return new DegradationConfig.Slo(target, window);
    }

    private static double percent(ConfigNode node, String key, double defaultValue, double min, double max) {
        String text = node.string(key).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text.strip().replaceFirst("%$", "")) / 100;
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (!(value >= min && value <= max)) {
            node.get(key).error("'" + text + "' is not a percentage between " + format(min) + " and " + format(max));
            return defaultValue;
        }
        return value;
    }

    private static String format(double share) {
        return java.math.BigDecimal.valueOf(share * 100).stripTrailingZeros().toPlainString() + "%";
    }
}
