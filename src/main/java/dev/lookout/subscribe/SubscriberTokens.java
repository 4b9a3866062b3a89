package dev.lookout.subscribe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The confirm and unsubscribe tokens in subscribers' links: an HMAC of the subscriber id under a
 * key of Lookout's own, so that every mail can carry the link again without the token being
 * stored. The store keeps only each token's SHA-256, to find the subscriber a link names.
 */
public final class SubscriberTokens {
    private static final String HMAC = "HmacSHA256";

    /** What a token is for; part of what is signed, so one never works as the other. */
    public enum Purpose {
        CONFIRM, UNSUBSCRIBE
    }

    private final SecretKeySpec key;

    public SubscriberTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a subscriber token key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    /** 43 URL-safe characters. */
    public String token(Purpose purpose, long subscriberId) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] signed = mac.doFinal((purpose.name() + "/" + subscriberId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What the store keeps of a token: its SHA-256 in hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The hashes the store keeps for subscriber {@code id}. */
    public Subscribers.TokenHashes hashes(long id) {
        return new Subscribers.TokenHashes(hash(token(Purpose.CONFIRM, id)), hash(token(Purpose.UNSUBSCRIBE, id)));
    }
}
