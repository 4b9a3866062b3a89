package dev.lookout.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.config.AccountsConfig;
import dev.lookout.store.Store;
import dev.lookout.store.StoreOptions;
import dev.lookout.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TOTP two-factor authentication on a real SQLite store with a clock moved by hand; the codes come
 * from {@link AuthenticatorApp}, an implementation of RFC 6238 apart from the production one.
 */
class TwoFactorTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String ADDRESS = "10.0.0.1";

    @TempDir
    Path dir;
    private final SessionsTest.Clock clock = new SessionsTest.Clock();
    private volatile AccountsConfig config = new AccountsConfig(Duration.ofHours(1), Duration.ofHours(8), 3, 50,
            Duration.ofMinutes(10), List.of(), List.of(), null);
    private Store store;
    private Users users;
    private Sessions sessions;
    private TwoFactor twoFactor;
    private User ada;

    @BeforeEach
    void open() throws Exception {
        store = Stores.open("sqlite:" + dir.resolve("t.db"), StoreOptions.defaults());
        users = new Users(store.accounts(), new PasswordHashing(), clock);
        startWithKey();
        ada = users.add("ada", AccountRole.EDITOR, PASSWORD);
    }

    /** As a node starts: the secret key from its file (created the first time), stored secrets sealed. */
    private int startWithKey() throws Exception {
        PasswordHashing hashing = new PasswordHashing();
        twoFactor = new TwoFactor(store.accounts(), hashing, clock, SecretBox.fromKeyFile(dir.resolve("keys/lookout.secret.key")));
        sessions = new Sessions(store.accounts(), hashing, () -> config, clock, twoFactor);
        return twoFactor.sealStoredSecrets();
    }

    /** The secret column as the database has it, read past Lookout's code. */
    private String storedSecret() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             var rows = connection.createStatement().executeQuery("SELECT secret FROM two_factor")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    @Test
    void the_database_holds_the_secret_sealed_and_codes_still_work_after_a_restart() throws Exception {
        String secret = twoFactor.begin(ada).secret();
        AuthenticatorApp app = new AuthenticatorApp(secret);
        twoFactor.confirm(ada, app.codeAt(clock.now));
        String stored = storedSecret();
        assertThat(stored).startsWith("v1:").doesNotContain(secret)
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(Base32.decode(secret)));
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("keys/lookout.secret.key")))
                .as("the key file is its owner's only").containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        assertThat(startWithKey()).as("nothing left to seal").isZero();
        clock.advance(Duration.ofSeconds(60));
        assertThat(sessions.secondStep(halfLogin(), app.codeAt(clock.now), ADDRESS)).isInstanceOf(Login.SignedIn.class);
        assertThat(storedSecret()).isEqualTo(stored);
    }

    @Test
    void a_secret_stored_unsealed_before_keeps_working_and_is_sealed_at_the_next_start() throws Exception {
        String secret = Base32.encode(SecretTokens.randomBytes(20));
        assertThat(store.accounts().beginTwoFactor(ada.id(), secret, clock.now)).isTrue(); // as V23 stored it
        AuthenticatorApp app = new AuthenticatorApp(secret);
        twoFactor.confirm(ada, app.codeAt(clock.now));
        assertThat(storedSecret()).isEqualTo(secret);

        assertThat(startWithKey()).as("sealed at start").isEqualTo(1);
        assertThat(storedSecret()).startsWith("v1:").doesNotContain(secret);
        clock.advance(Duration.ofSeconds(60));
        assertThat(sessions.secondStep(halfLogin(), app.codeAt(clock.now), ADDRESS)).isInstanceOf(Login.SignedIn.class);
    }

    @Test
    void a_sealed_secret_opens_neither_with_another_key_nor_in_another_users_row() {
        SecretBox box = new SecretBox(SecretTokens.randomBytes(32));
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "two_factor:1");
        assertThat(box.open(sealed, "two_factor:1")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> box.open(sealed, "two_factor:2")).hasMessageNotContaining("JBSWY3DPEHPK3PXP")
                .hasMessageContaining("wrong secret key file?");
        assertThatThrownBy(() -> new SecretBox(SecretTokens.randomBytes(32)).open(sealed, "two_factor:1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * Sets up two-factor authentication for ada and moves two steps on, so that the previous step's
     * code is not the (used) confirming one.
     */
    private AuthenticatorApp enrolled(List<String> recoveryCodes) {
        AuthenticatorApp app = new AuthenticatorApp(twoFactor.begin(ada).secret());
        recoveryCodes.addAll(twoFactor.confirm(ada, app.codeAt(clock.now)));
        clock.advance(Duration.ofSeconds(60));
        return app;
    }

    private String halfLogin() {
        Login login = sessions.login("ada", PASSWORD, ADDRESS);
        assertThat(login).isInstanceOf(Login.SecondStep.class);
        return ((Login.SecondStep) login).halfLoginId();
    }

    @Test
    void the_codes_are_those_of_rfc_6238_and_of_the_apps() {
        String rfcSecret = new org.apache.commons.codec.binary.Base32().encodeToString("12345678901234567890".getBytes(
                StandardCharsets.US_ASCII));
        assertThat(new AuthenticatorApp(rfcSecret).code(1, 8)).as("RFC 6238 appendix B, T = 59 s").isEqualTo("94287082");
        assertThat(new Totp().code("12345678901234567890".getBytes(StandardCharsets.US_ASCII), 1)).isEqualTo("287082");
    }

    @Test
    void enrolment_shows_the_secret_as_an_otpauth_uri_and_is_active_only_after_a_first_code() {
        TwoFactor.Enrolment enrolment = twoFactor.begin(ada);
        assertThat(enrolment.secret()).matches("[A-Z2-7]{32}");
        assertThat(enrolment.uri()).isEqualTo("otpauth://totp/Lookout:ada?secret=" + enrolment.secret()
                + "&issuer=Lookout&algorithm=SHA1&digits=6&period=30");
        assertThat(sessions.login("ada", PASSWORD, ADDRESS)).as("not yet confirmed: no code asked")
                .isInstanceOf(Login.SignedIn.class);
        assertThat(twoFactor.status(ada)).isEqualTo(new TwoFactor.Status(false, true, 0));

        AuthenticatorApp app = new AuthenticatorApp(enrolment.secret());
        clock.advance(Duration.ofSeconds(90));
        String tooOld = app.codeAt(clock.now.minusSeconds(90));
        assertThatThrownBy(() -> twoFactor.confirm(ada, tooOld)).isInstanceOf(AccountException.class)
                .hasMessage("wrong code: enter the 6 digits the app shows now");
        List<String> codes = twoFactor.confirm(ada, app.codeAt(clock.now));
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(twoFactor.status(ada)).isEqualTo(new TwoFactor.Status(true, false, 10));
        assertThatThrownBy(() -> twoFactor.begin(ada)).hasMessage("two-factor authentication is on already: turn it off first");
        clock.advance(Duration.ofSeconds(30));
        assertThat(sessions.login("ada", PASSWORD, ADDRESS)).isInstanceOf(Login.SecondStep.class);
    }

    @Test
    void the_confirming_code_is_used_up_as_well() {
        AuthenticatorApp app = new AuthenticatorApp(twoFactor.begin(ada).secret());
        String first = app.codeAt(clock.now);
        twoFactor.confirm(ada, first);
        assertThat(sessions.secondStep(halfLogin(), first, ADDRESS)).isEqualTo(new Login.Refused("wrong code"));
    }

    @Test
    void the_password_is_followed_by_a_code_accepted_one_step_early_or_late() {
        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        Login late = sessions.secondStep(halfLogin(), app.codeAt(clock.now.minusSeconds(30)), ADDRESS);
        assertThat(late).isInstanceOf(Login.SignedIn.class);
        assertThat(((Login.SignedIn) late).session().twoFactor()).isTrue();
        assertThat(sessions.resume(((Login.SignedIn) late).sessionId())).hasValueSatisfying(s -> assertThat(s.twoFactor()).isTrue());

        clock.advance(Duration.ofMinutes(2));
        String half = halfLogin();
        assertThat(sessions.secondStep(half, app.codeAt(clock.now.minusSeconds(60)), ADDRESS)).as("two steps late")
                .isEqualTo(new Login.Refused("wrong code"));
        assertThat(sessions.secondStep(half, app.codeAt(clock.now.plusSeconds(60)), ADDRESS)).as("two steps early")
                .isEqualTo(new Login.Refused("wrong code"));
        assertThat(sessions.secondStep(half, app.codeAt(clock.now.plusSeconds(30)), ADDRESS)).as("one step early")
                .isInstanceOf(Login.SignedIn.class);
    }

    @Test
    void a_code_once_used_is_not_accepted_again_nor_an_older_one() {
        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        String code = app.codeAt(clock.now);
        assertThat(sessions.secondStep(halfLogin(), code, ADDRESS)).isInstanceOf(Login.SignedIn.class);
        assertThat(sessions.secondStep(halfLogin(), code, ADDRESS)).as("the same code, replayed")
                .isEqualTo(new Login.Refused("wrong code"));
        assertThat(sessions.secondStep(halfLogin(), app.codeAt(clock.now.minusSeconds(30)), ADDRESS))
                .as("the previous step's code, still in the window").isEqualTo(new Login.Refused("wrong code"));
        clock.advance(Duration.ofSeconds(30));
        assertThat(sessions.secondStep(halfLogin(), app.codeAt(clock.now), ADDRESS)).as("the next code")
                .isInstanceOf(Login.SignedIn.class);
    }

    @Test
    void each_recovery_code_signs_in_once_and_only_its_hash_is_stored() {
        List<String> codes = new java.util.ArrayList<>();
        enrolled(codes);
        String typed = codes.get(3).toUpperCase().replace("-", " ");
        assertThat(sessions.secondStep(halfLogin(), typed, ADDRESS)).as("in capitals, with spaces").isInstanceOf(Login.SignedIn.class);
        assertThat(sessions.secondStep(halfLogin(), codes.get(3), ADDRESS)).as("used").isEqualTo(new Login.Refused("wrong code"));
        assertThat(twoFactor.status(ada).recoveryCodesLeft()).isEqualTo(9);
        assertThat(store.accounts().useRecoveryCode(ada.id(), codes.get(4).replace("-", ""))).as("stored as a hash, not as typed")
                .isFalse();
        assertThat(store.accounts().useRecoveryCode(ada.id(), SecretTokens.sha256(codes.get(4).replace("-", "")))).isTrue();
    }

    @Test
    void the_second_step_expires_and_a_half_login_is_used_once() {
        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        String half = halfLogin();
        clock.advance(Sessions.HALF_LOGIN_EXPIRY);
        assertThat(sessions.secondStep(half, app.codeAt(clock.now), ADDRESS)).isEqualTo(new Login.Expired());
        assertThat(sessions.secondStep("made-up", app.codeAt(clock.now), ADDRESS)).isEqualTo(new Login.Expired());
        assertThat(sessions.secondStep(null, app.codeAt(clock.now), ADDRESS)).isEqualTo(new Login.Expired());

        String used = halfLogin();
        assertThat(sessions.secondStep(used, app.codeAt(clock.now), ADDRESS)).isInstanceOf(Login.SignedIn.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(sessions.secondStep(used, app.codeAt(clock.now), ADDRESS)).isEqualTo(new Login.Expired());
    }

    @Test
    void wrong_codes_are_throttled_like_passwords_and_the_right_password_does_not_forget_them() {
        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        for (int i = 0; i < 3; i++) {
            assertThat(sessions.secondStep(halfLogin(), "000000".equals(app.codeAt(clock.now)) ? "111111" : "000000", ADDRESS))
                    .isEqualTo(new Login.Refused("wrong code"));
        }
        assertThat(sessions.login("ada", PASSWORD, ADDRESS)).as("the password after 3 wrong codes").isInstanceOf(Login.Throttled.class);
        clock.advance(Duration.ofMinutes(10));
        String half = halfLogin();
        assertThat(sessions.secondStep(half, "000000".equals(app.codeAt(clock.now)) ? "111111" : "000000", ADDRESS))
                .isEqualTo(new Login.Refused("wrong code"));
        assertThat(sessions.secondStep(half, app.codeAt(clock.now), ADDRESS)).isInstanceOf(Login.SignedIn.class);
    }

    @Test
    void turning_it_off_needs_the_password_or_a_code_and_an_admin_reset_ends_the_sessions() {
        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        assertThatThrownBy(() -> twoFactor.disable(ada, "not the password")).hasMessage("wrong password or code");
        assertThatThrownBy(() -> twoFactor.disable(ada, "")).hasMessageStartingWith("enter your password or a code");
        twoFactor.disable(ada, PASSWORD);
        assertThat(twoFactor.status(ada).active()).isFalse();

        app = enrolled(new java.util.ArrayList<>());
        twoFactor.disable(ada, app.codeAt(clock.now));
        assertThat(twoFactor.status(ada).active()).isFalse();

        app = enrolled(new java.util.ArrayList<>());
        Login signedIn = sessions.secondStep(halfLogin(), app.codeAt(clock.now), ADDRESS);
        assertThat(twoFactor.reset("ada")).isTrue();
        assertThat(sessions.resume(((Login.SignedIn) signedIn).sessionId())).as("the reset ends the sessions").isEmpty();
        assertThat(sessions.login("ada", PASSWORD, ADDRESS)).as("the password alone again").isInstanceOf(Login.SignedIn.class);
        assertThat(twoFactor.reset("ada")).as("nothing left to reset").isFalse();
        assertThatThrownBy(() -> twoFactor.reset("nobody")).hasMessage("no user named 'nobody'");
    }

    @Test
    void a_role_in_require_2fa_must_enrol_before_anything_else() {
        config = new AccountsConfig(Duration.ofHours(1), Duration.ofHours(8), 3, 50, Duration.ofMinutes(10), List.of(),
                List.of("editor"), null);
        users.add("vic", AccountRole.VIEWER, PASSWORD);
        Session editor = ((Login.SignedIn) sessions.login("ada", PASSWORD, ADDRESS)).session();
        Session viewer = ((Login.SignedIn) sessions.login("vic", PASSWORD, ADDRESS)).session();
        assertThat(sessions.mustEnrol(editor)).isTrue();
        assertThat(sessions.mustEnrol(viewer)).isFalse();

        AuthenticatorApp app = enrolled(new java.util.ArrayList<>());
        Session withCode = ((Login.SignedIn) sessions.secondStep(halfLogin(), app.codeAt(clock.now), ADDRESS)).session();
        assertThat(sessions.mustEnrol(withCode)).isFalse();
    }

    @Test
    void removing_a_user_removes_their_secret_and_codes() {
        enrolled(new java.util.ArrayList<>());
        halfLogin();
        users.remove("ada");
        assertThat(store.accounts().twoFactor(ada.id())).isEmpty();
        assertThat(store.accounts().recoveryCodesLeft(ada.id())).isZero();
    }
}
