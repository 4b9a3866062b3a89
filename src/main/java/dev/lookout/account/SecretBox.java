package dev.lookout.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets Lookout must read back (two-factor secrets) with AES-256-GCM under a key kept
 * outside the database, so that a copy of the database alone makes no one's codes. A sealed value
 * is {@code v1:} and the base64 of a random 96-bit nonce followed by the ciphertext and its tag; the
 * row it belongs to (e.g. the user id) is bound as associated data, so a sealed value copied to
 * another row does not open. Values stored before sealing existed are read as they are.
 */
public final class SecretBox {
    private static final String PREFIX = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] FINGERPRINT_LABEL = "lookout secret key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    public SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secret key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The key in {@code file} (base64 of 32 bytes); a file that does not exist is created with a new
     * random key, readable by its owner only (0600), once, even when several processes start at once.
     */
    public static SecretBox fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path draft = Files.createTempFile(parent, ".secret-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(draft, Base64.getEncoder().encodeToString(SecretTokens.randomBytes(KEY_BYTES)) + "\n");
                Files.createLink(file, draft); // fails if another process made the file meanwhile: its key wins
            } catch (FileAlreadyExistsException lost) {
                // read below
            } finally {
                Files.deleteIfExists(draft);
            }
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a base64 key: " + e.getMessage());
        }
        if (key.length != KEY_BYTES) {
            throw new IOException(file + " holds " + key.length + " bytes, not the " + KEY_BYTES + " of an AES-256 key");
        }
        return new SecretBox(key);
    }

    /**
     * What names this key without giving it away: the HMAC-SHA256 of a fixed label under the key, in
     * hex. Nodes sharing a database compare it with the one stored there ({@code accounts.secret_key_file}
     * must be the same file on every node).
     */
    public String fingerprint() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return "hmac-sha256:" + java.util.HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_LABEL));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no HMAC-SHA256", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    /** {@code secret} sealed for the row {@code boundTo}. */
    public String seal(String secret, String boundTo) {
        byte[] nonce = SecretTokens.randomBytes(NONCE_BYTES);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, boundTo).doFinalQuietly(secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /** The secret in {@code stored}: opened when sealed (for {@code boundTo}), as it is when stored before sealing. */
    public String open(String stored, String boundTo) {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        byte[] nonce = Arrays.copyOf(in, NONCE_BYTES);
        byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, boundTo).doFinalQuietly(Arrays.copyOfRange(in, NONCE_BYTES, in.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private Crypt cipher(int mode, byte[] nonce, String boundTo) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return new Crypt(cipher);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no AES-GCM", e);
        }
    }

    private record Crypt(Cipher cipher) {
        byte[] doFinalQuietly(byte[] input) {
            try {
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                // a wrong key file, or a value moved to another row: never a secret in the message
                throw new IllegalStateException("a sealed secret does not open with this key (wrong secret key file?)");
            }
        }
    }
}
