package dev.lookout.heartbeat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the web layer needs from heartbeats: handle a ping URL, handle an Uptime Kuma push, and
 * show a heartbeat monitor's status. The web layer parses HTTP and renders; the meaning of the
 * URL segments lives here.
 */
public interface PingIngest {

    /**
     * Handles {@code /ping/SEGMENTS} ({@code UUID}, {@code UUID/ACTION}, {@code KEY/SLUG},
     * {@code KEY/SLUG/ACTION}); completes when the ping is stored (200) or refused. Asynchronous so
     * that a request waiting for the group commit holds no thread.
     */
    CompletableFuture<Reply> ping(List<String> segments, String runId, Request request);

    /** Handles Uptime Kuma's {@code /api/push/TOKEN?status=up|down&msg=...&ping=...}. */
    CompletableFuture<Reply> push(String token, String status, String msg, String ping, Request request);

    Optional<HeartbeatStatus> status(String monitorId);

    /** The parts of an HTTP request that a ping stores. {@code body} is at most 100,000 bytes. */
    record Request(String method, byte[] body, boolean bodyTruncated, String remoteAddr, String userAgent) {
    }

    /** The HTTP answer: status, content type, body and extra headers. */
    record Reply(int status, String contentType, String body, Map<String, String> headers) {
    }

    /** For a web server without heartbeats: every ping is unknown. */
    PingIngest NONE = new PingIngest() {
        @Override
        public CompletableFuture<Reply> ping(List<String> segments, String runId, Request request) {
            return CompletableFuture.completedFuture(new Reply(404, "text/plain; charset=utf-8", "not found", Map.of()));
        }

        @Override
        public CompletableFuture<Reply> push(String token, String status, String msg, String ping, Request request) {
            return CompletableFuture.completedFuture(new Reply(404, "application/json",
                    "{\"ok\":false,\"msg\":\"Monitor not found or not active.\"}", Map.of()));
        }

        @Override
        public Optional<HeartbeatStatus> status(String monitorId) {
            return Optional.empty();
        }
    };
}
