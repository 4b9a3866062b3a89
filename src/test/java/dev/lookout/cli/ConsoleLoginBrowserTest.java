package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The first login in Debian's Chromium: a user added with the CLI signs in, sees who they are, signs out. */
class ConsoleLoginBrowserTest {
    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;
    private RunningLookout lookout;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
        RunningLookout.Run added = RunningLookout.addUser(lookout.serverConfig, "ada", "editor", PASSWORD);
        assertThat(added.out()).isEqualTo("added ada (editor)\n");
        browser = ConsoleBrowser.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser, lookout);
    }

    /** Submits the login form and waits for the next page: a click may return before the browser navigates. */
    private void signIn(String name, String password) {
        ConsoleBrowser.type(browser, "name", name);
        browser.findElement(By.id("password")).sendKeys(password);
        ConsoleBrowser.submit(browser, "sign-in");
    }

    @Test
    void a_user_added_with_the_cli_signs_in_sees_their_role_and_signs_out() {
        browser.get(lookout.url() + "/console");
        assertThat(browser.getCurrentUrl()).as("no session: to the login page").isEqualTo(lookout.url() + "/login?next=%2Fconsole");

        signIn("ada", PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("editor");
        assertThat(browser.manage().getCookieNamed("lookout_session").isHttpOnly()).isTrue();
        assertThat(browser.manage().getCookieNamed("lookout_session").getSameSite()).isEqualTo("Lax");

        ConsoleBrowser.submit(browser, "logout");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("You are signed out.");
        browser.get(lookout.url() + "/console");
        assertThat(browser.getCurrentUrl()).as("the session is gone").startsWith(lookout.url() + "/login");
    }

    @Test
    void wrong_passwords_are_refused_and_then_throttled_with_the_wait() {
        browser.get(lookout.url() + "/login");
        for (int i = 0; i < 5; i++) {
            signIn("ada", "not the password " + i);
            assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("wrong user name or password");
        }
        signIn("ada", PASSWORD);
        assertThat(browser.findElement(By.id("message")).getText()).matches("too many attempts, try again in \\d+ s");
        assertThat(browser.findElements(By.id("user"))).as("not signed in").isEmpty();
    }
}
