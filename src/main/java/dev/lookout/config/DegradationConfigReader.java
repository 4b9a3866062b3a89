package dev.lookout.config;

import java.time.Duration;

/** Reads a monitor's {@code degradation:} and {@code slo:} keys. */
final class DegradationConfigReader {
    private DegradationConfigReader() {
    }

    static DegradationConfig read(ConfigNode monitor) {
        ConfigNode node = monitor.get("degradation");
        DegradationConfig.Latency latency = node.has("latency") ? latency(node.get("latency")) : null;
        DegradationConfig.ErrorRate errorRate = node.has("error_rate") ? errorRate(node.get("error_rate")) : null;
        node.rejectUnknownKeys();
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
        node.rejectUnknownKeys();
        return new DegradationConfig.Latency(factor, sustain, window, min);
    }

    private static DegradationConfig.ErrorRate errorRate(ConfigNode node) {
        double above = percent(node, "above", 0.05, 0.0001, 1);
        Duration window = node.duration("window", Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(6));
        int min = node.integer("min_samples", 10, 1, 100_000);
        node.rejectUnknownKeys();
        return new DegradationConfig.ErrorRate(above, window, min);
    }

    private static DegradationConfig.Slo slo(ConfigNode node) {
        if (!node.has("target")) {
            node.error("missing key 'target' (e.g. 99.9%)");
        }
        double target = percent(node, "target", 0.999, 0.5, 0.99999);
        Duration window = node.duration("window", Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(365));
        node.rejectUnknownKeys();
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
