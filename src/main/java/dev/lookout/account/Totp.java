package dev.lookout.account;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app makes them by default: HMAC-SHA1,
 * 6 digits, a new code every 30 seconds. A code is accepted one step early or late, so that a phone
 * whose clock is off by up to 30 s, or a code typed as it changed, still works.
 */
final class Totp {
    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    /** Steps either side of now whose codes are accepted. */
    static final int WINDOW = 1;
    private static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS, ALGORITHM);

    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    String code(byte[] secret, long step) {
        try {
            int code = generator.generateOneTimePassword(new SecretKeySpec(secret, ALGORITHM), Instant.ofEpochSecond(step * STEP.toSeconds()));
            return String.format("%0" + DIGITS + "d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC-SHA1 key of " + secret.length + " bytes was refused", e);
        }
    }

    /**
     * The time step within the window around {@code now} whose code this is; empty when none. Every
     * step of the window is compared, in constant time, so that the answer's delay says nothing.
     */
    OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step = current - WINDOW; step <= current + WINDOW; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }
}
