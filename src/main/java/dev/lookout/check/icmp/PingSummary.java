package dev.lookout.check.icmp;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two summary lines that {@code ping} prints when it ends:
 * {@code 4 packets transmitted, 3 received, +1 errors, 25% packet loss, time 3004ms} and
 * {@code rtt min/avg/max/mdev = 0.035/0.068/0.131/0.044 ms} (iputils; BusyBox says
 * {@code packets received} and {@code round-trip min/avg/max}). Loss is computed from the counts,
 * not read from the rounded percentage.
 */
final class PingSummary {
    private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
    private static final Pattern RTT = Pattern.compile(
            "(?:rtt|round-trip) min/avg/max(?:/\\w+)? = ([\\d.]+)/([\\d.]+)/([\\d.]+)(?:/[\\d.]+)? ms");

    private PingSummary() {
    }

    /** The observation, or empty when the output has no summary (ping refused its arguments or was killed). */
    static Optional<IcmpObservation> parse(String output) {
        Matcher counts = COUNTS.matcher(output);
        if (!counts.find()) {
            return Optional.empty();
        }
        long sent = Long.parseLong(counts.group(1));
        long received = Long.parseLong(counts.group(2));
        Matcher rtt = RTT.matcher(output);
        if (received == 0 || !rtt.find()) {
            return Optional.of(new IcmpObservation(sent, received, null, null, null));
        }
        return Optional.of(new IcmpObservation(sent, received, millis(rtt.group(1)), millis(rtt.group(2)), millis(rtt.group(3))));
    }

    private static Duration millis(String text) {
        return Duration.ofNanos(Math.round(Double.parseDouble(text) * 1_000_000));
    }
}
