package dev.lookout.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id through Password4j, with OWASP's recommended minimum: 19 MiB of memory, 2 passes, one
 * lane, a 32-byte hash and a 16-byte random salt. The result is a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) that names its own parameters, so that
 * stronger parameters later still verify the hashes stored before.
 */
public final class PasswordHashing {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    public static final int HASH_BYTES = 32;

    private final Argon2Function function = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
    private volatile String decoy;

    public String hash(CharSequence password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    public boolean matches(CharSequence password, String stored) {
        try {
            return Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
        } catch (RuntimeException e) {
            return false; // not a hash this version reads: no password matches it
        }
    }

    /**
     * Spends the time of one verification for a name that has no account, so that the answer's
     * delay does not tell which names exist.
     */
    void verifyDecoy(CharSequence password) {
        String hash = decoy;
        if (hash == null) {
            hash = hash("decoy password of no account");
            decoy = hash;
        }
        matches(password, hash);
    }
}
