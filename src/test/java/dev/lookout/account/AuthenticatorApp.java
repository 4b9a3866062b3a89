package dev.lookout.account;

import java.nio.ByteBuffer;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app does with the key Lookout shows: RFC 6238 codes (HMAC-SHA1, 6 digits,
 * 30 s), written here from the RFC with the JDK's HMAC and Commons Codec's Base32, apart from the
 * production code, so that a test compares two implementations.
 */
public final class AuthenticatorApp {
    private final byte[] key;

    /** @param base32Secret the key as shown on the set-up page */
    public AuthenticatorApp(String base32Secret) {
        this.key = new Base32().decode(base32Secret);
    }

    public String codeAt(Instant at) {
        return code(Math.floorDiv(at.getEpochSecond(), 30), 6);
    }

    String code(long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulo);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
