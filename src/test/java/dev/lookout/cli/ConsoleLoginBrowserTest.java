package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.web.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
        RunningLookout.Run added = RunningLookout.runWith(Map.of(), PASSWORD + "\n", "user", "add", "ada", "--role", "editor",
                "--config", lookout.serverConfig.toString());
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).isEqualTo("added ada (editor)\n");
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), true);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (lookout != null) {
            lookout.close();
        }
    }

    /** Submits the login form and waits for the next page: a click may return before the browser navigates. */
    private void signIn(String name, String password) {
        WebElement form = browser.findElement(By.id("sign-in"));
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        form.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(form));
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

        WebElement logout = browser.findElement(By.id("logout"));
        logout.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(logout));
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
