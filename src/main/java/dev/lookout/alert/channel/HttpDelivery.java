package dev.lookout.alert.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.http.PinnedExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP request per delivery attempt, and the one mapping from its outcome to
 * {@link DeliveryException}: 2xx delivered; 429 and 503 with {@code Retry-After} retried after it;
 * 408, 429, 5xx, timeouts and connection errors transient; other 4xx (and 3xx, which are not
 * followed) permanent. Errors name the channel and the host, never the URL: webhook URLs carry
 * their token in the path.
 */
public final class HttpDelivery {
    /** For channels' JSON bodies; sorted keys are not needed, stable field order is the builder's. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String channel;
    private final Duration timeout;
    private final InstantSource clock;
    private final HttpClient client;

    /** {@code channel} names it in errors, e.g. {@code slack channel 'ops'}. */
    public HttpDelivery(String channel, ChannelContext context) {
        this.channel = channel;
        this.timeout = context.timeout();
        this.clock = context.clock();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** POSTs {@code body} serialised as JSON; returns the response body. */
    public String postJson(URI url, Object body, Map<String, String> headers) throws DeliveryException {
        return send("POST", url, headers, "application/json", json(body));
    }

    /**
     * A URL as it may be shown: scheme, host and port, with {@code /…} when it has more (a path,
     * query or user), since that part is often the webhook's secret.
     */
    public static String origin(URI url) {
        boolean more = url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null
                || (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"));
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + (more ? "/…" : "");
    }

    public static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a channel built a body that is not JSON", e);
        }
    }

    /**
     * Sends one request and waits at most the context's timeout for the whole exchange, DNS lookup
     * included (the client's own timeouts start after it). Returns the response body of a 2xx.
     */
    public String send(String method, URI url, Map<String, String> headers, String contentType, byte[] body)
            throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType).header("User-Agent", "Lookout");
        headers.forEach(request::header);
        String host = url.getHost();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw DeliveryException.transientFailure(channel + ": no answer from " + host + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure(channel + ": interrupted while sending to " + host, e);
        } catch (ExecutionException e) {
            throw failure(host, e.getCause());
        }
        return accepted(host, response.statusCode(), name -> response.headers().firstValue(name), response.body());
    }

    /**
     * As {@link #send}, but connects to {@code address}, which the caller resolved from the URL's
     * host and checked, and to no other: the name is not looked up again (DNS rebinding). {@code Host},
     * SNI and the certificate check still use the name.
     */
    public String sendTo(InetAddress address, String method, URI url, Map<String, String> headers, String contentType, byte[] body)
            throws DeliveryException {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        all.put("User-Agent", "Lookout");
        String host = url.getHost();
        PinnedExchange.Answer answer;
        try {
            answer = PinnedExchange.send(address, url, method, all, new String(body, StandardCharsets.UTF_8), timeout);
        } catch (DeadlineExceededException e) {
            throw DeliveryException.transientFailure(channel + ": no answer from " + host + " within " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            throw failure(host, e);
        }
        return accepted(host, answer.status(), name -> Optional.ofNullable(answer.header(name.toLowerCase(java.util.Locale.ROOT))),
                answer.body());
    }

    private DeliveryException failure(String host, Throwable cause) {
        String what = cause instanceof HttpConnectTimeoutException ? "could not connect to " + host + " within " + timeout.toMillis() + " ms"
                : cause instanceof HttpTimeoutException ? "no answer from " + host + " within " + timeout.toMillis() + " ms"
                : cause instanceof ConnectException ? "cannot connect to " + host
                : cause instanceof IOException ? "connection to " + host + " failed (" + cause.getClass().getSimpleName() + ")"
                : "request to " + host + " failed (" + cause + ")";
        return DeliveryException.transientFailure(channel + ": " + what, cause);
    }

    private String accepted(String host, int status, java.util.function.Function<String, Optional<String>> header, String body)
            throws DeliveryException {
        if (status >= 200 && status < 300) {
            return body;
        }
        String what = channel + ": " + host + " answered " + status + excerpt(body);
        Optional<Duration> retryAfter = header.apply("Retry-After").flatMap(this::retryAfter);
        if ((status == 429 || status == 503) && retryAfter.isPresent()) {
            return throwing(DeliveryException.retryAfter(what, retryAfter.get()));
        }
        if (status == 408 || status == 429 || status >= 500) {
            return throwing(DeliveryException.transientFailure(what, null));
        }
        return throwing(DeliveryException.permanent(what + (status >= 300 && status < 400 ? " (redirects are not followed; check the url)" : "")));
    }

    private static String throwing(DeliveryException e) throws DeliveryException {
        throw e;
    }

    /** {@code Retry-After: 120} or {@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}; never negative. */
    Optional<Duration> retryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }
}
