package dev.lookout.check.http;

import dev.lookout.check.CertificateExpiry;
import dev.lookout.check.Timings;
import dev.lookout.condition.Observation;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What an HTTP check offers to conditions: {@code status}, {@code latency}, {@code body},
 * {@code header.<lower-case name>}, {@code url} (after redirects) and {@code timing.dns},
 * {@code timing.connect}, {@code timing.tls}, {@code timing.first_byte}. Timings are measured from
 * the start of the check (like curl's {@code -w} variables and {@link Timings}), so
 * {@code timing.tls} includes DNS and connect. JSONPath subjects ({@code body.$.x}) read {@code body}.
 * Over https, the server certificate's {@code cert.expires_in}, {@code cert.days_left} and
 * {@code cert.not_after} (no values over http).
 */
record HttpObservation(HttpResponse response, URI url, Timings timings, CertificateExpiry certificate) implements Observation {
    private static final String HEADER_PREFIX = "header.";

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "status" -> Optional.of((long) response.status());
            case "latency" -> Optional.of(timings.total());
            case "body" -> Optional.of(body());
            case "url" -> Optional.of(url.toString());
            case "timing.dns" -> duration(timings.dnsMicros());
            case "timing.connect" -> duration(timings.connectMicros());
            case "timing.tls" -> duration(timings.tlsMicros());
            case "timing.first_byte" -> duration(timings.firstByteMicros());
            case "cert.expires_in", "cert.days_left", "cert.not_after" ->
                    certificate == null ? Optional.empty() : certificate.value(placeholder);
            default -> placeholder.startsWith(HEADER_PREFIX)
                    ? Optional.ofNullable(response.header(placeholder.substring(HEADER_PREFIX.length()).toLowerCase(Locale.ROOT)))
                    : Optional.empty();
        };
    }

    /** The body decoded with the charset of Content-Type, UTF-8 when none or unknown; invalid bytes become U+FFFD. */
    String body() {
        return new String(response.body(), charset(response.header("content-type")));
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String p = parameter.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).replace("\"", "").trim();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Optional<Object> duration(long micros) {
        return micros == Timings.NONE ? Optional.empty() : Optional.of(Duration.ofNanos(micros * 1_000));
    }
}
