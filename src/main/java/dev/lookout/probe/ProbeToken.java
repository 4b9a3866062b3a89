package dev.lookout.probe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A probe's credential: {@value #PREFIX} and 32 random bytes in base64url. Only its SHA-256 is
 * stored: with 256 random bits, a leaked hash cannot be turned back into a token by guessing, so
 * a fast hash is enough (a slow one, as for passwords, would cost every request and protect
 * nothing more; see docs/rationale.md).
 */
public final class ProbeToken {
    /** Every probe token starts with this: a secret scanner, or an operator, can tell what it is. */
    public static final String PREFIX = "lkp_";
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProbeToken() {
    }

    /** A new token, to be shown once and stored as {@link #sha256}. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has a token's shape (a typo or a truncated copy does not). */
    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** The stored form: SHA-256 of the token's text, in hex. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
