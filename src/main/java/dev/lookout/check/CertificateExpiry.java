package dev.lookout.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a peer's certificate expires, seen at the time of a check: the {@code cert.expires_in},
 * {@code cert.days_left} and {@code cert.not_after} placeholders that both the {@code tls} and the
 * {@code http} (for https URLs) checks offer.
 */
public record CertificateExpiry(Instant notAfter, Instant checkedAt) {
    public static final List<String> PLACEHOLDERS = List.of("cert.expires_in", "cert.days_left", "cert.not_after");

    /** Time until notAfter; negative once expired. */
    public Duration expiresIn() {
        return Duration.between(checkedAt, notAfter);
    }

    /** Whole days left, rounded down: 0 on the last day, -1 on the first day after expiry. */
    public long daysLeft() {
        return Math.floorDiv(expiresIn().getSeconds(), 86_400L);
    }

    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "cert.expires_in" -> Optional.of(expiresIn());
            case "cert.days_left" -> Optional.of(daysLeft());
            case "cert.not_after" -> Optional.of(notAfter.toString());
            default -> Optional.empty();
        };
    }
}
