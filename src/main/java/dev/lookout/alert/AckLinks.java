package dev.lookout.alert;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring acknowledge links: {@code <public_url>/alerts/ack/<episode>.<expiry>.<signature>},
 * an HMAC-SHA256 with a key Lookout generated once and keeps in its store, so links survive a
 * restart and work on every node sharing the database. Opening the link shows a confirmation
 * page; only its POST acknowledges, because chat apps open links to preview them.
 */
public final class AckLinks {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final String publicUrl;
    private final Duration ttl;

    public AckLinks(byte[] key, String publicUrl, Duration ttl) {
        this.key = key.clone();
        this.publicUrl = publicUrl;
        this.ttl = ttl;
    }

    public URI link(String episodeId, Instant now) {
        return URI.create(publicUrl + "/alerts/ack/" + token(episodeId, now.plus(ttl)));
    }

    String token(String episodeId, Instant expires) {
        String payload = ENCODE.encodeToString(episodeId.getBytes(StandardCharsets.UTF_8)) + "." + expires.getEpochSecond();
        return payload + "." + ENCODE.encodeToString(sign(payload));
    }

    /** The episode a token acknowledges, or why it does not. */
    public Verified verify(String token, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Verified.invalid("this acknowledge link is malformed");
        }
        byte[] given;
        try {
            given = DECODE.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Verified.invalid("this acknowledge link is malformed");
        }
        if (!MessageDigest.isEqual(sign(parts[0] + "." + parts[1]), given)) {
            return Verified.invalid("this acknowledge link is not valid (its signature does not match)");
        }
        long expires;
        String episode;
        try {
            expires = Long.parseLong(parts[1]);
            episode = new String(DECODE.decode(parts[0]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Verified.invalid("this acknowledge link is malformed");
        }
        if (now.getEpochSecond() > expires) {
            return Verified.invalid("this acknowledge link expired at " + Instant.ofEpochSecond(expires)
                    + "; acknowledge through the API instead");
        }
        return new Verified(Optional.of(episode), "");
    }

    public record Verified(Optional<String> episodeId, String problem) {
        static Verified invalid(String problem) {
            return new Verified(Optional.empty(), problem);
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
