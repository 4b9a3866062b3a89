package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.account.AuthenticatorApp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Two-factor authentication in Debian's Chromium, on a node whose editors must have it: set-up
 * forced after the first login, the two-step login with codes computed from the key the page
 * showed, a replayed code refused, a recovery code, and the CLI's reset.
 */
class TwoFactorBrowserTest {
    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;
    private RunningLookout lookout;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir, "accounts: { require_2fa: [admin, editor] }\n");
        RunningLookout.addUser(lookout.serverConfig, "ada", "editor", PASSWORD);
        browser = ConsoleBrowser.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser, lookout);
    }

    private void submit(String buttonId) {
        ConsoleBrowser.submit(browser, buttonId);
    }

    private void type(String fieldId, String text) {
        ConsoleBrowser.type(browser, fieldId, text);
    }

    private void signInWithPassword() {
        browser.get(lookout.url() + "/console");
        type("name", "ada");
        type("password", PASSWORD);
        submit("sign-in");
    }

    /** Signs in for the first time, is sent to the set-up, and sets it up; returns the app and the recovery codes. */
    private AuthenticatorApp enrol(List<String> recoveryCodes) {
        signInWithPassword();
        assertThat(browser.getCurrentUrl()).as("an editor without 2FA").isEqualTo(lookout.url() + "/console/2fa");
        assertThat(browser.findElement(By.id("required")).getText())
                .isEqualTo("Your role needs two-factor authentication: set it up to go on.");
        browser.get(lookout.url() + "/console");
        assertThat(browser.getCurrentUrl()).as("nothing else before the set-up").isEqualTo(lookout.url() + "/console/2fa");

        submit("enrol");
        String secret = browser.findElement(By.id("secret")).getText();
        assertThat(browser.findElement(By.id("otpauth")).getAttribute("href"))
                .isEqualTo("otpauth://totp/Lookout:ada?secret=" + secret + "&issuer=Lookout&algorithm=SHA1&digits=6&period=30");
        assertThat(browser.findElements(By.cssSelector("figure.qr svg path"))).as("the QR code").hasSize(1);
        AuthenticatorApp app = new AuthenticatorApp(secret);
        type("code", app.codeAt(Instant.now()));
        submit("confirm");
        browser.findElements(By.cssSelector("#recovery-codes code")).forEach(code -> recoveryCodes.add(code.getText()));
        assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
        submit("continue");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada");
        submit("logout");
        return app;
    }

    @Test
    void an_editor_is_made_to_set_it_up_then_signs_in_with_a_code_that_is_good_once() {
        AuthenticatorApp app = enrol(new java.util.ArrayList<>());
        signInWithPassword();
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/login/code?next=%2Fconsole");
        String code = app.codeAt(Instant.now().plusSeconds(30)); // the next step's: the current one may be the confirming code's
        type("code", code);
        submit("verify");
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada");
        submit("logout");

        signInWithPassword();
        type("code", code);
        submit("verify");
        assertThat(browser.findElement(By.id("message")).getText()).as("replayed").isEqualTo("wrong code");
        assertThat(browser.getCurrentUrl()).startsWith(lookout.url() + "/login/code");
    }

    @Test
    void a_recovery_code_signs_in_and_the_cli_reset_sends_the_user_back_to_the_set_up() {
        List<String> recoveryCodes = new java.util.ArrayList<>();
        enrol(recoveryCodes);
        signInWithPassword();
        type("code", recoveryCodes.get(0));
        submit("verify");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada");

        RunningLookout.Run reset = RunningLookout.runWith(Map.of(), "", "user", "2fa-reset", "ada", "--config",
                lookout.serverConfig.toString());
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(reset.out()).isEqualTo("reset the two-factor authentication of ada; their sessions have ended\n");
        browser.get(lookout.url() + "/console");
        assertThat(browser.getCurrentUrl()).as("the session ended").startsWith(lookout.url() + "/login");

        type("name", "ada");
        type("password", PASSWORD);
        submit("sign-in");
        assertThat(browser.getCurrentUrl()).as("the password alone, then the set-up again").isEqualTo(lookout.url() + "/console/2fa");
    }
}
