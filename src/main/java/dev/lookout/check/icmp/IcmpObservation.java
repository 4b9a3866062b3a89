package dev.lookout.check.icmp;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Optional;

/**
 * What an ICMP check offers to conditions: {@code ping.sent}, {@code ping.received},
 * {@code ping.loss} (fraction 0..1), {@code ping.rtt_min}, {@code ping.rtt_avg}, {@code ping.rtt_max}
 * and {@code latency} (= {@code ping.rtt_avg}); round-trip times have no value when nothing came back.
 */
record IcmpObservation(long sent, long received, Duration rttMin, Duration rttAvg, Duration rttMax) implements Observation {

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "ping.sent" -> Optional.of(sent);
            case "ping.received" -> Optional.of(received);
            case "ping.loss" -> Optional.of(sent == 0 ? 1.0 : (double) (sent - received) / sent);
            case "ping.rtt_min" -> Optional.ofNullable(rttMin);
            case "ping.rtt_avg", "latency" -> Optional.ofNullable(rttAvg);
            case "ping.rtt_max" -> Optional.ofNullable(rttMax);
            default -> Optional.empty();
        };
    }
}
