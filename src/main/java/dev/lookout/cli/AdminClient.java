package dev.lookout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Calls a running Lookout's {@code /api/v1} with java.net.http and tells the three ways a call
 * ends apart: an answer, a refusal by the API (its JSON error), or no Lookout answering at all.
 */
final class AdminClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The API answered with an error: its HTTP status and the message of its {@code {"error": ...}} body. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Nothing that looks like Lookout answered: refused connection, unknown host, timeout, or a foreign answer. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * @param base  the Lookout's base URL, without a trailing slash
     * @param token the admin token, or null for the public reads
     */
    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    JsonNode get(String path) throws Refused, Unreachable {
        return send("GET", path, null);
    }

    /** {@code body} null sends no body. */
    JsonNode send(String method, String path, JsonNode body) throws Refused, Unreachable {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("cannot reach Lookout at " + base + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while calling " + uri);
        }
        JsonNode answer = parse(response);
        if (response.statusCode() >= 400) {
            throw new Refused(response.statusCode(), answer.path("error").asText("HTTP " + response.statusCode()));
        }
        return answer;
    }

    /**
     * The answer as JSON. Anything else (a proxy's 502 page, a redirect, another web site) means
     * that Lookout's API did not answer, which is "unreachable" rather than "refused".
     */
    private JsonNode parse(HttpResponse<String> response) throws Unreachable {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            try {
                JsonNode node = JSON.readTree(response.body());
                if (response.statusCode() < 400 || node.hasNonNull("error")) {
                    return node;
                }
            } catch (JsonProcessingException e) {
                // reported below
            }
        }
        String excerpt = response.body().strip();
        excerpt = excerpt.length() > 120 ? excerpt.substring(0, 120) + "…" : excerpt;
        throw new Unreachable("no Lookout API answer at " + response.uri() + " (HTTP " + response.statusCode()
                + (type.isEmpty() ? "" : ", " + type) + ")" + (excerpt.isEmpty() ? "" : ": " + excerpt));
    }

    /** java.net.http's exceptions often carry no message; say what happened in words. */
    private String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host '" + base.getHost() + "'";
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused (is Lookout running and listening there?)";
        }
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? name : name + ": " + e.getMessage();
    }

    @Override
    public void close() {
        http.close();
    }
}
