package dev.lookout.check.icmp;

import java.time.Duration;
import java.util.Objects;

/**
 * What one ICMP check pings.
 *
 * @param host           host name or IP address
 * @param count          echo requests to send, 1..100
 * @param packetInterval time between the starts of two requests, at least 10 ms
 * @param method         who sends the requests: this process, the system {@code ping}, or whichever works
 */
public record IcmpSettings(String host, int count, Duration packetInterval, IcmpMethod method) {
    public static final int DEFAULT_COUNT = 3;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(200);
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public IcmpSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1-100, got " + count);
        }
        if (packetInterval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("packet_interval must be at least 10ms, got " + packetInterval);
        }
        Objects.requireNonNull(method, "method");
    }

    public IcmpSettings(String host, int count, Duration packetInterval) {
        this(host, count, packetInterval, IcmpMethod.AUTO);
    }
}
