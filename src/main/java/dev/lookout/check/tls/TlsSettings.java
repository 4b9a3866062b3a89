package dev.lookout.check.tls;

import java.nio.file.Path;

/**
 * What one TLS certificate check connects to and how it judges the certificate.
 *
 * @param host            host name or IP address to connect to
 * @param port            TCP port, 1..65535 (443 by default)
 * @param serverName      name sent as SNI and matched against the certificate; the host by default
 * @param caFile          PEM file with the CA certificates trusted for this check, or null for the JVM's trust store
 * @param minDaysDegraded fewer whole days left than this makes the result DEGRADED
 * @param minDaysDown     fewer whole days left than this makes the result FAILED; at most {@code minDaysDegraded}
 */
public record TlsSettings(String host, int port, String serverName, Path caFile, int minDaysDegraded, int minDaysDown) {
    public static final int DEFAULT_PORT = 443;
    public static final int DEFAULT_MIN_DAYS_DEGRADED = 14;
    public static final int DEFAULT_MIN_DAYS_DOWN = 3;

    public TlsSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        serverName = serverName == null || serverName.isBlank() ? host : serverName;
        if (minDaysDown < 0 || minDaysDegraded < 0) {
            throw new IllegalArgumentException("min_days_degraded and min_days_down must not be negative");
        }
        if (minDaysDown > minDaysDegraded) {
            throw new IllegalArgumentException("min_days_down (" + minDaysDown + ") must not be more than min_days_degraded ("
                    + minDaysDegraded + ")");
        }
    }

    /** {@code host:443}, the JVM's trust store, the default thresholds. */
    public static TlsSettings of(String host, int port) {
        return new TlsSettings(host, port, null, null, DEFAULT_MIN_DAYS_DEGRADED, DEFAULT_MIN_DAYS_DOWN);
    }
}
