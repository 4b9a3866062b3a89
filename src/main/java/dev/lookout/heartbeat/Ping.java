package dev.lookout.heartbeat;

import java.time.Instant;
import java.util.Objects;

/**
 * One ping received by a heartbeat monitor, as stored: what kind of signal it was, its run id
 * and exit code when given, the run's duration when it closed a started run, and up to
 * {@link #MAX_BODY_BYTES} of its request body.
 *
 * @param exitCode   0..255 from {@code /ping/UUID/CODE}, null when the URL carried none
 * @param runId      the {@code ?rid=} value, null without one
 * @param durationMs time since the matching start ping, for success and fail pings, or the response time an
 *                   Uptime Kuma push gave ({@code ping=}); null without one
 * @param body       at most {@link #MAX_BODY_BYTES}; {@code bodyTruncated} says whether there was more
 * @param message    the result message the client gave (Uptime Kuma's {@code msg=}); null for Healthchecks pings
 */
public record Ping(String monitorId, Instant receivedAt, Kind kind, Integer exitCode, String runId, Long durationMs,
                   byte[] body, boolean bodyTruncated, String remoteAddr, String userAgent, String method, String message) {

    /** Request bodies are stored up to this many bytes (Healthchecks.io's limit is configurable the same way). */
    public static final int MAX_BODY_BYTES = 100_000;

    /** What the client signalled. */
    public enum Kind {
        SUCCESS, START, FAIL, LOG;

        public String code() {
            return name().toLowerCase();
        }
    }

    public Ping {
        Objects.requireNonNull(monitorId, "monitorId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(kind, "kind");
        body = body == null ? new byte[0] : body;
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("ping body of " + body.length + " bytes is over " + MAX_BODY_BYTES);
        }
        remoteAddr = remoteAddr == null ? "" : remoteAddr;
        userAgent = userAgent == null ? "" : userAgent;
        method = method == null ? "" : method;
    }

    /** A ping without a message of its own (every Healthchecks.io ping). */
    public Ping(String monitorId, Instant receivedAt, Kind kind, Integer exitCode, String runId, Long durationMs,
                byte[] body, boolean bodyTruncated, String remoteAddr, String userAgent, String method) {
        this(monitorId, receivedAt, kind, exitCode, runId, durationMs, body, bodyTruncated, remoteAddr, userAgent, method, null);
    }
}
