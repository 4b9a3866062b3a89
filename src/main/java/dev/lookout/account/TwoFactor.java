package dev.lookout.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Two-factor authentication with an authenticator app (TOTP, RFC 6238): enrolment shows a new
 * secret once and becomes active only with a first code from the app, which also yields ten
 * one-time recovery codes (shown once, stored as their SHA-256). A code is accepted once: after a
 * code of one time step, no code of that step or an earlier one is (replay). Disabling needs the
 * password or a code; an admin resets it for a user who lost the phone and the recovery codes.
 * Secrets are stored sealed ({@link SecretBox}) under a key outside the database.
 */
public final class TwoFactor {
    public static final int RECOVERY_CODES = 10;
    /** 160 bits, the HMAC-SHA1 key size RFC 4226 recommends. */
    private static final int SECRET_BYTES = 20;
    /** 80 bits: a fast hash of it cannot be searched through, unlike a short code's. */
    private static final int RECOVERY_CODE_BYTES = 10;
    /** The name an authenticator app shows above the account's codes. */
    private static final String ISSUER = "Lookout";
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    /** A begun enrolment: the secret in Base32 and as an {@code otpauth://} URI (for a QR code). */
    public record Enrolment(String secret, String uri) {
    }

    /**
     * @param begun             an enrolment waits for its first code
     * @param recoveryCodesLeft unused recovery codes (0 unless active)
     */
    public record Status(boolean active, boolean begun, int recoveryCodesLeft) {
    }

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final InstantSource clock;
    private final Totp totp = new Totp();
    private final SecretBox box;

    /** @param box seals the secrets in the database, and opens them */
    public TwoFactor(Accounts accounts, PasswordHashing hashing, InstantSource clock, SecretBox box) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.clock = clock;
        this.box = box;
    }

    /**
     * Seals every secret stored before secrets were sealed (Lookout before 0.1: Base32 as the app
     * has it); returns how many. Run at start; a secret changed meanwhile is left to its new value.
     */
    public int sealStoredSecrets() {
        int sealed = 0;
        for (var stored : accounts.twoFactorSecrets().entrySet()) {
            if (!SecretBox.isSealed(stored.getValue()) && accounts.replaceTwoFactorSecret(stored.getKey(), stored.getValue(),
                    box.seal(stored.getValue(), boundTo(stored.getKey())))) {
                sealed++;
            }
        }
        return sealed;
    }

    /** What a user's sealed secret is bound to: its row, so that it does not open in another user's. */
    private static String boundTo(long userId) {
        return "two_factor:" + userId;
    }

    private String secretOf(long userId, Accounts.TwoFactorSecret stored) {
        return box.open(stored.secret(), boundTo(userId));
    }

    public Status status(User user) {
        Optional<Accounts.TwoFactorSecret> secret = accounts.twoFactor(user.id());
        boolean active = secret.map(Accounts.TwoFactorSecret::active).orElse(false);
        return new Status(active, secret.isPresent() && !active, active ? accounts.recoveryCodesLeft(user.id()) : 0);
    }

    /** Starts enrolment with a new secret, replacing one begun before. */
    public Enrolment begin(User user) {
        if (user.sso()) {
            throw AccountException.conflict("you sign in through single sign-on: your second factor is the provider's");
        }
        String secret = Base32.encode(SecretTokens.randomBytes(SECRET_BYTES));
        if (!accounts.beginTwoFactor(user.id(), box.seal(secret, boundTo(user.id())), clock.instant())) {
            throw AccountException.conflict("two-factor authentication is on already: turn it off first");
        }
        return enrolment(user, secret);
    }

    /** The enrolment begun and not yet confirmed, to show again after a mistyped first code. */
    public Optional<Enrolment> begun(User user) {
        return accounts.twoFactor(user.id()).filter(s -> !s.active()).map(s -> enrolment(user, secretOf(user.id(), s)));
    }

    /** Activates the begun enrolment with a first code from the app; returns the recovery codes, shown this once. */
    public List<String> confirm(User user, String code) {
        Accounts.TwoFactorSecret begun = accounts.twoFactor(user.id()).filter(s -> !s.active())
                .orElseThrow(() -> AccountException.invalid("no set-up to confirm: start it again"));
        OptionalLong step = totp.matchingStep(Base32.decode(secretOf(user.id(), begun)), digits(code), clock.instant());
        if (step.isEmpty()) {
            throw AccountException.invalid("wrong code: enter the 6 digits the app shows now");
        }
        List<String> codes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String raw = Base32.encode(SecretTokens.randomBytes(RECOVERY_CODE_BYTES)).toLowerCase(Locale.ROOT);
            codes.add(raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12));
            hashes.add(SecretTokens.sha256(raw));
        }
        if (!accounts.confirmTwoFactor(user.id(), step.getAsLong(), hashes, clock.instant())) {
            throw AccountException.invalid("no set-up to confirm: start it again");
        }
        return codes;
    }

    /** Turns two-factor authentication off, with the user's password or one of their codes. */
    public void disable(User user, String passwordOrCode) {
        if (passwordOrCode == null || passwordOrCode.isEmpty() || passwordOrCode.length() > Users.MAX_PASSWORD_LENGTH) {
            throw AccountException.invalid("enter your password or a code to turn two-factor authentication off");
        }
        boolean proven = accepts(user.id(), passwordOrCode) || accounts.credentials(user.name())
                .map(c -> hashing.matches(passwordOrCode, c.passwordHash())).orElse(false);
        if (!proven) {
            throw AccountException.invalid("wrong password or code");
        }
        accounts.removeTwoFactor(user.id());
    }

    /**
     * An admin's reset for a user who lost their authenticator: removes the secret and the recovery
     * codes and ends the user's sessions. Returns false when the user had none.
     */
    public boolean reset(String name) {
        return reset(accounts, name);
    }

    /** As {@link #reset(String)}, for a command that has the database but not the secret key. */
    public static boolean reset(Accounts accounts, String name) {
        User user = accounts.credentials(name).map(Accounts.Credentials::user)
                .orElseThrow(() -> AccountException.notFound("no user named '" + name + "'"));
        boolean had = accounts.removeTwoFactor(user.id());
        accounts.removeSessions(user.id());
        return had;
    }

    /**
     * Whether this is a current code of the user's active secret not used before, or one of their
     * unused recovery codes; either is used up by this.
     */
    boolean accepts(long userId, String code) {
        if (code == null || code.length() > 64) {
            return false;
        }
        Optional<Accounts.TwoFactorSecret> secret = accounts.twoFactor(userId).filter(Accounts.TwoFactorSecret::active);
        if (secret.isEmpty()) {
            return false;
        }
        String digits = digits(code);
        if (digits.length() == Totp.DIGITS && digits.chars().allMatch(Character::isDigit)) {
            OptionalLong step = totp.matchingStep(Base32.decode(secretOf(userId, secret.get())), digits, clock.instant());
            return step.isPresent() && accounts.useTimeStep(userId, step.getAsLong());
        }
        String recovery = SEPARATORS.matcher(code).replaceAll("").toLowerCase(Locale.ROOT);
        return recovery.length() == 16 && accounts.useRecoveryCode(userId, SecretTokens.sha256(recovery));
    }

    private Enrolment enrolment(User user, String secret) {
        String label = encode(ISSUER) + ":" + encode(user.name());
        return new Enrolment(secret, "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds());
    }

    /** "123 456" as typed or pasted is "123456". */
    private static String digits(String code) {
        return code == null ? "" : SEPARATORS.matcher(code).replaceAll("");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
