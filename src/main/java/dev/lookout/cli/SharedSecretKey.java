package dev.lookout.cli;

import dev.lookout.account.SecretBox;
import dev.lookout.alert.Outbox;
import java.nio.file.Path;

/**
 * Every node sharing a database must seal two-factor secrets under the same key
 * ({@code accounts.secret_key_file}): a secret one node sealed does not open on another. The first
 * node to start stores its key's fingerprint ({@link SecretBox#fingerprint}, never the key) in the
 * database; a node whose key has another fingerprint refuses to start.
 */
final class SharedSecretKey {
    /** The name of the fingerprint among Lookout's own secrets ({@link Outbox#secret}). */
    static final String FINGERPRINT = "secret-key-fingerprint";

    private SharedSecretKey() {
    }

    /** Stores the fingerprint of {@code box}'s key when the database has none; refuses the start when it has another. */
    static void check(SecretBox box, Path file, Outbox store) {
        String mine = box.fingerprint();
        String stored = store.secret(FINGERPRINT, () -> mine);
        if (!stored.equals(mine)) {
            throw new StartRefused("the secret key in " + file + " is not the one the nodes sharing this database use"
                    + " (its fingerprint differs from the one stored in the database): copy the key file of a running node"
                    + " to this node and set accounts.secret_key_file to it");
        }
    }
}
