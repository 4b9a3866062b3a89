package dev.lookout.alert.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Lookout-Signature} of a webhook request: {@code sha256=HEX}, HMAC-SHA256 over the
 * exact body bytes. One definition for the webhook channel and for status-page webhook
 * subscribers, so that a receiver verifies both the same way.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Lookout-Signature";

    private WebhookSignature() {
    }

    /** The header's value for {@code body} signed with {@code key}. */
    public static String of(String key, byte[] body) {
        return "sha256=" + hmacSha256(key, body);
    }

    static String hmacSha256(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
