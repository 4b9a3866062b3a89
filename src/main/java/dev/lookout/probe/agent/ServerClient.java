package dev.lookout.probe.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lookout.probe.ProbeProtocol;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The probe's calls to its servers: each call goes to the server that answered last and, when it
 * does not answer, to the next one in the order given, each with a hard deadline on the whole
 * call (name lookup included: the caller stops waiting whatever the lookup does). A server's
 * refusal (401, 403, 400) is not an outage: it is thrown as {@link Refused}, not tried elsewhere.
 */
final class ServerClient implements AutoCloseable {
    /** The longest one call may take, connecting and name lookup included. */
    static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** No server answered; says what each one did. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** A server refused the request: a wrong or revoked token, an undeclared name, a bad batch. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** An assignment, or nothing new since {@code etag}. */
    record Fetched(Optional<String> body, String etag) {
    }

    private final List<URI> servers;
    private final String name;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile int current;

    ServerClient(List<URI> servers, String name, String token) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server");
        }
        this.servers = List.copyOf(servers);
        this.name = name;
        this.token = token;
    }

    /** The server that answered last (or is tried first). */
    URI current() {
        return servers.get(current);
    }

    Fetched assignment(String etag) throws Unreachable, Refused, InterruptedException {
        HttpResponse<String> response = call(base -> {
            HttpRequest.Builder request = request(base, ProbeProtocol.ASSIGNMENT_PATH).GET();
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            return request.build();
        });
        String newEtag = response.headers().firstValue("ETag").orElse(null);
        return response.statusCode() == 304 ? new Fetched(Optional.empty(), etag) : new Fetched(Optional.of(response.body()), newEtag);
    }

    ProbeProtocol.BatchAnswer push(ProbeProtocol.ResultBatch batch) throws Unreachable, Refused, InterruptedException {
        String body;
        try {
            body = ProbeProtocol.JSON.writeValueAsString(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a batch did not serialise", e);
        }
        HttpResponse<String> response = call(base -> request(base, ProbeProtocol.RESULTS_PATH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        try {
            return ProbeProtocol.JSON.readValue(response.body(), ProbeProtocol.BatchAnswer.class);
        } catch (JsonProcessingException e) {
            throw new Unreachable(servers.get(current) + " answered a batch with something else than its answer: "
                    + e.getOriginalMessage());
        }
    }

    private HttpRequest.Builder request(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_DEADLINE)
                .header("Authorization", "Bearer " + token).header(ProbeProtocol.NAME_HEADER, name)
                .header("User-Agent", "lookout-probe");
    }

    private interface RequestFor {
        HttpRequest at(URI base);
    }

    /** Tries each server once, starting with the current one; 2xx and 304 are answers. */
    private HttpResponse<String> call(RequestFor request) throws Unreachable, Refused, InterruptedException {
        List<String> failures = new ArrayList<>();
        int start = current;
        for (int i = 0; i < servers.size(); i++) {
            int index = (start + i) % servers.size();
            URI server = servers.get(index);
            CompletableFuture<HttpResponse<String>> future = http.sendAsync(request.at(server),
                    HttpResponse.BodyHandlers.ofString());
            try {
                HttpResponse<String> response = future.get(CALL_DEADLINE.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                int status = response.statusCode();
                if (status / 100 == 2 || status == 304) {
                    current = index;
                    return response;
                }
                if (status == 400 || status == 401 || status == 403 || status == 413) {
                    current = index;
                    throw new Refused(status, server + " refused (HTTP " + status + "): " + errorOf(response.body()));
                }
                failures.add(server + ": HTTP " + status + " " + errorOf(response.body()));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                failures.add(server + ": " + describe(cause));
            } catch (TimeoutException e) {
                future.cancel(true);
                failures.add(server + ": no answer within " + CALL_DEADLINE.toSeconds() + " s");
            }
        }
        current = (start + 1) % servers.size(); // next time, begin with another one
        throw new Unreachable("no server answered (" + String.join("; ", failures) + ")");
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + CALL_DEADLINE.toSeconds() + " s";
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException || cause instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The API's {@code {"error": ...}} text, or the start of whatever else was answered. */
    private static String errorOf(String body) {
        try {
            var json = ProbeProtocol.JSON.readTree(body);
            if (json != null && json.hasNonNull("error")) {
                return json.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON
        }
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) : body;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
