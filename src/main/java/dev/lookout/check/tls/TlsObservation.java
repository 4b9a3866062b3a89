package dev.lookout.check.tls;

import dev.lookout.check.CertificateExpiry;
import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.Optional;

/**
 * What a TLS check offers to conditions: the leaf certificate's {@code cert.expires_in},
 * {@code cert.days_left}, {@code cert.not_after}, {@code cert.subject}, {@code cert.issuer}; whether
 * its chain is trusted ({@code cert.chain_valid}, and why not: {@code cert.chain_error}) and whether
 * it names the server ({@code cert.hostname_matches}); the negotiated {@code tls.protocol} and
 * {@code tls.cipher}; and {@code latency}.
 */
record TlsObservation(CertificateExpiry expiry, String subject, String issuer, String chainError, boolean hostnameMatches,
                      String protocol, String cipher, Duration latency) implements Observation {

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "cert.subject" -> Optional.of(subject);
            case "cert.issuer" -> Optional.of(issuer);
            case "cert.chain_valid" -> Optional.of(chainError == null);
            case "cert.chain_error" -> Optional.ofNullable(chainError);
            case "cert.hostname_matches" -> Optional.of(hostnameMatches);
            case "tls.protocol" -> Optional.of(protocol);
            case "tls.cipher" -> Optional.of(cipher);
            case "latency" -> Optional.of(latency);
            default -> expiry.value(placeholder);
        };
    }
}
