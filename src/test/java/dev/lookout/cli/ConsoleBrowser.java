package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.lookout.web.HeadlessChromium;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console's browser tests do alike: start and stop Chromium, sign in, submit, and check the page with axe-core. */
final class ConsoleBrowser {
    private ConsoleBrowser() {
    }

    /** Debian's headless Chromium with its profile under {@code dir}: each test's own browser. */
    static ChromeDriver start(Path dir) {
        return HeadlessChromium.start(dir.resolve("chromium-profile"), true);
    }

    /**
     * Adds the user {@code name} with {@code role} to the node, starts a browser (its profile in the
     * node's folder) and signs in at {@code path}.
     */
    static ChromeDriver signedIn(ConsoleNode lookout, String name, String role, String path) {
        lookout.addUser(name, role);
        ChromeDriver browser = start(lookout.dir());
        signIn(browser, lookout, path, name);
        return browser;
    }

    /** Quits the browser, then closes the rest; a null (never started) is passed over. */
    static void close(ChromeDriver browser, AutoCloseable... rest) throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (AutoCloseable each : rest) {
            if (each != null) {
                each.close();
            }
        }
    }

    /** Opens {@code path}, which asks for a login, and signs in as {@code name} with {@link ConsoleNode#PASSWORD}. */
    static void signIn(ChromeDriver browser, ConsoleNode lookout, String path, String name) {
        browser.get(lookout.url() + path);
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(ConsoleNode.PASSWORD);
        submit(browser, "sign-in");
    }

    /** Clicks a submit button and waits for the next page: a click may return before the browser navigates. */
    static void submit(ChromeDriver browser, WebElement button) {
        button.click();
        // Chromium may answer a query about a node of the page it is leaving with an inspector error instead of "stale".
        new WebDriverWait(browser, NodeHttp.NOTICE).until(driver -> {
            try {
                button.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Clicks the submit button with this id and waits for the next page. */
    static void submit(ChromeDriver browser, String buttonId) {
        submit(browser, browser.findElement(By.id(buttonId)));
    }

    /** Replaces the text of the field with this id. */
    static void type(ChromeDriver browser, String fieldId, String text) {
        browser.findElement(By.id(fieldId)).clear();
        browser.findElement(By.id(fieldId)).sendKeys(text);
    }

    /** Fails listing each rule axe-core finds broken, with the elements that break it. */
    static void assertNoViolations(WebDriver browser, String what) {
        List<String> violations = new AxeBuilder().analyze(browser).getViolations().stream().map(ConsoleBrowser::describe).toList();
        assertThat(violations).as("axe-core on " + what).isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + ": " + rule.getHelp() + " " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList();
    }
}
