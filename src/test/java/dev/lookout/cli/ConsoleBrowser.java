package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console's browser tests do alike: sign in, and check the page with axe-core. */
final class ConsoleBrowser {
    private ConsoleBrowser() {
    }

    /** Opens {@code path}, which asks for a login, and signs in as {@code name} with {@link ConsoleNode#PASSWORD}. */
    static void signIn(ChromeDriver browser, ConsoleNode lookout, String path, String name) {
        browser.get(lookout.url() + path);
        WebElement signIn = browser.findElement(By.id("sign-in"));
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(ConsoleNode.PASSWORD);
        signIn.click();
        new WebDriverWait(browser, NodeHttp.NOTICE).until(ExpectedConditions.stalenessOf(signIn));
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
